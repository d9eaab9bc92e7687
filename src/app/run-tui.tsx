/**
 * `learn-daemonsets [--lesson ID]`: the composition root of the TUI. Reads the course cheaply,
 * draws the list at once, and loads the simulator only when a lesson opens; on quit it stops
 * the command, the server and the loop, restores the terminal and removes its temp files.
 * Given a real cluster's backend (already past the guard), lessons run on it instead, and the
 * practice exam (simulator only) is left off the list.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render, type Instance } from 'ink';
import { createActor, fromPromise } from 'xstate';
import type { ClusterBackend, ScenarioPlan } from '../cluster/backend.js';
import { defaultProgressDir, ProgressStore } from '../lessons/progress.js';
import { colorEnabled } from '../ui/theme.js';
import { App, type CourseList } from './App.js';
import { appMachine, LIST_PRACTICE_MINUTES, type PracticeRequest } from './app-machine.js';
import type { BuiltinDeps, BuiltinRun } from './builtin-command.js';
import type { BroadcastFeed } from './classroom-broadcasts.js';
import { listItems, practiceRow, readCourseSummary } from './course-summary.js';
import { ClassroomLink } from './classroom-link.js';
import type { ProgressReporter } from './classroom-progress.js';
import { SessionHolder } from './session-holder.js';
import type { JoinPorts } from '../ui/JoinScreen.js';
import { packagePath } from '../package-root.js';

/** The course shipped with the package (`lessons/` beside `src/` or `dist/`). */
const BUILTIN_COURSE = packagePath('lessons');

/** How the TUI starts. */
export interface TuiOptions {
  readonly lessonId?: string;
  readonly courseDir?: string;
  readonly debug?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Start a practice exam at once (`learn-daemonsets practice`). */
  readonly practice?: { readonly minutes: number; readonly seed?: number };
  /** A real cluster the guard has allowed writes to: lessons run on it, not on the simulator. */
  readonly cluster?: TuiCluster;
  /** A classroom the learner joined (`--join`): lesson progress is reported to it. */
  readonly classroom?: ProgressReporter;
  /** That classroom's code, for the list's "what is shared" line. */
  readonly classroomCode?: string;
  /** That classroom's instructor messages, for the status bar. */
  readonly broadcasts?: BroadcastFeed;
}

/** A real cluster for the TUI: its open backend and how kubectl reaches it. */
export interface TuiCluster {
  readonly backend: ClusterBackend;
  /** The kubeconfig file (or KUBECONFIG list) holding the context. */
  readonly kubeconfig: string;
  readonly context: string;
  /** Called after a lesson's starting state is applied (the caller records it for cleanup). */
  readonly onPrepared?: (plan: ScenarioPlan) => void;
}

/** Thrown for a `--lesson` id the course does not have (the CLI prints it as a usage error). */
export class UnknownLessonError extends Error {}

/** Runs the TUI until the learner quits; resolves to the exit code. */
export async function runTui(opts: TuiOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const courseDir = opts.courseDir ?? BUILTIN_COURSE;
  const summaries = readCourseSummary(courseDir);
  const ids = summaries.map((s) => s.id);
  if (opts.lessonId !== undefined && !ids.includes(opts.lessonId)) {
    throw new UnknownLessonError(`there is no lesson "${opts.lessonId}"; \`learn-daemonsets lessons\` lists the course (${ids.join(', ')})`);
  }
  const progress = new ProgressStore({ env });
  const readCourse = (): CourseList => {
    try {
      const loaded = progress.load();
      const { items, next } = listItems(summaries, loaded.progress);
      // The exam needs a simulated cluster of its own: on a real cluster it is not offered.
      const practice = opts.cluster ? undefined : practiceRow(courseDir, LIST_PRACTICE_MINUTES, loaded.progress);
      return { items, ...(next !== undefined ? { next } : {}), ...(loaded.warning !== undefined ? { warning: loaded.warning } : {}), ...(practice ? { practice } : {}), ...(opts.cluster ? { cluster: opts.cluster.backend.label } : {}) };
    } catch (err) {
      const { items, next } = listItems(summaries, { version: 1, lessons: {} });
      return { items, ...(next !== undefined ? { next } : {}), warning: `progress could not be read: ${err instanceof Error ? err.message : String(err)}` };
    }
  };
  let course = readCourse();
  const logFile = path.join(defaultProgressDir(env), 'debug.log');
  const log = (line: string): void => {
    if (!opts.debug) return;
    mkdirSync(path.dirname(logFile), { recursive: true });
    appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
  };
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'learn-daemonsets-'));
  const paths = { kubeconfig: path.join(tmp, 'kubeconfig'), cacheDir: path.join(tmp, 'kube-cache') };
  const real = opts.cluster;
  // kubectl's target: the simulator's kubeconfig, or the real cluster's file and context.
  const target = real ? { kubeconfig: real.kubeconfig, cacheDir: paths.cacheDir, context: real.context } : paths;
  const holder = new SessionHolder();
  // The classroom: joined before the tutorial (--join) or later from the list's join screen.
  const classroom = new ClassroomLink();
  if (opts.classroom) {
    const { reportOpenLessons } = await import('./classroom-progress.js');
    classroom.connect({ code: opts.classroomCode ?? '', ...(opts.broadcasts ? { feed: opts.broadcasts } : {}), close: reportOpenLessons(holder, opts.classroom) });
  }
  let joinPorts: JoinPorts | undefined;
  let run: BuiltinRun | undefined;
  let closing: Promise<void> = Promise.resolve();
  let quit: () => void = () => undefined;
  const alt = process.stdout.isTTY === true;
  let ink: Instance | undefined;
  const unmount = async (): Promise<void> => {
    const instance = ink;
    ink = undefined;
    if (!instance) return;
    instance.unmount();
    await instance.waitUntilExit().catch((err: unknown) => log(`ink: ${String(err)}`));
  };
  // Ink 6 cannot lend the terminal out, so an interactive kubectl gets it by unmounting and
  // remounting; every piece of state lives outside React, so the screen comes back as it was.
  const handOver: NonNullable<BuiltinDeps['handOver']> = async (args) => {
    const { runKubectlInTerminal } = await import('../kubectl/runner.js');
    await unmount();
    if (alt) process.stdout.write('\u001b[?1049l');
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.stdin.pause();
    // Ctrl+C now reaches the whole process group: it is meant for kubectl, not for the tutorial.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    try {
      return await runKubectlInTerminal(args, { ...target, env });
    } finally {
      process.off('SIGINT', ignore);
      ink = mount();
    }
  };
  const quitting = new Promise<void>((resolve) => (quit = resolve));

  const app = createActor(
    appMachine.provide({
      actions: {
        startCommand: (_, params) => {
          queueMicrotask(() => {
            const open = holder.get();
            if (!open) return app.send({ type: 'COMMAND_DONE' });
            const { startBuiltinCommand } = open.builtin;
            run = startBuiltinCommand(params.line, {
              ...open.session.target,
              audit: open.session.audit,
              now: () => open.session.now(),
              env,
              onLines: (lines) => app.send({ type: 'OUTPUT', lines }),
              onDone: () => app.send({ type: 'COMMAND_DONE' }),
              handOver,
            });
          });
        },
        stopCommand: () => {
          run?.stop();
          run = undefined;
        },
        closeLesson: () => {
          const open = holder.get();
          holder.set(undefined);
          if (open) closing = closing.then(() => open.session.close()).catch((err: unknown) => log(`close: ${String(err)}`));
          course = readCourse();
        },
        quitApp: () => quit(),
        finishPractice: () => {
          const open = holder.get()?.session;
          if (open?.kind === 'practice') open.finish();
        },
      },
      actors: {
        openLesson: fromPromise<void, { id: string }>(async ({ input }) => {
          await closing;
          if (real) {
            const [mod, builtin] = await Promise.all([import('./backend-lesson-session.js'), import('./builtin-command.js')]);
            const session = await mod.openBackendLesson(input.id, { backend: real.backend, target, courseDir, progress, log, ...(real.onPrepared ? { onPrepared: real.onPrepared } : {}) });
            return holder.set({ session, renderMarkdown: mod.renderMarkdown, builtin });
          }
          const [mod, builtin] = await Promise.all([import('./session.js'), import('./builtin-command.js')]);
          const session = await mod.openSession(input.id, { courseDir, paths, progress, log });
          holder.set({ session, renderMarkdown: mod.renderMarkdown, builtin });
        }),
        openPractice: fromPromise<number, PracticeRequest>(async ({ input }) => {
          await closing;
          if (real) throw new Error('the practice exam runs only in the simulator: start `learn-daemonsets practice` without a cluster');
          const [mod, practice, builtin, draw] = await Promise.all([import('./session.js'), import('./practice-session.js'), import('./builtin-command.js'), import('../practice/draw.js')]);
          const seed = input.seed ?? draw.freshSeed();
          const session = await practice.openPractice({ courseDir, paths, progress, log, minutes: input.minutes, seed });
          session.onTimeUp(() => app.send({ type: 'TIME_UP' }));
          holder.set({ session, renderMarkdown: mod.renderMarkdown, builtin });
          return session.tasks.length;
        }),
        loadJoin: fromPromise<void>(async () => {
          const { tuiJoinPorts } = await import('./classroom-join.js');
          joinPorts ??= tuiJoinPorts({ env, holder, link: classroom, log: (m) => log(`classroom: ${m}`) });
        }),
      },
    }),
    {
      input: {
        lessonIds: ids,
        practiceAvailable: course.practice !== undefined,
        ...(opts.lessonId !== undefined ? { openId: opts.lessonId } : {}),
        ...(opts.practice !== undefined && !real ? { practice: opts.practice } : {}),
        ...(course.next !== undefined ? { cursor: course.next } : {}),
        ...(opts.classroom && opts.classroomCode !== undefined ? { classroom: opts.classroomCode } : {}),
      },
    },
  );
  app.start();
  // The alternate screen, as full-screen terminal tools use: quitting gives the shell back untouched.
  const mount = (): Instance => {
    if (alt) process.stdout.write('\u001b[?1049h\u001b[H');
    const instance = render(<App app={app} holder={holder} course={() => course} color={colorEnabled(env)} broadcast={classroom} join={() => joinPorts} />, { exitOnCtrlC: false });
    instance.waitUntilExit().catch((err: unknown) => {
      log(`ink: ${String(err)}`);
      quit();
    });
    return instance;
  };
  ink = mount();
  const cpu = process.cpuUsage();
  log(`first frame after ${Math.round(process.uptime() * 1000)} ms (cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms)`);
  // Warm the simulator and markdown modules while the learner reads the list: Enter then opens at once.
  setTimeout(() => void (real ? import('./backend-lesson-session.js') : import('./session.js')).catch(() => undefined), 50).unref();
  const onSignal = () => app.send({ type: 'QUIT' });
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    await quitting;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    await unmount();
    if (alt) process.stdout.write('\u001b[?1049l');
  }
  const open = holder.get();
  holder.set(undefined);
  if (open) closing = closing.then(() => open.session.close());
  await closing;
  app.stop();
  classroom.close();
  rmSync(tmp, { recursive: true, force: true });
  return 0;
}
