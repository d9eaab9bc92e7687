/**
 * A lesson on a real cluster, in line mode: the step prompts printed as they come, the lesson
 * actor advancing as the cluster changes, and a prompt that runs kubectl (recorded in the
 * audit trail, so steps that ask *how* something was done can pass) or takes h / s / q and
 * question answers. The fallback when the TUI cannot run (`--line`, or a terminal the screen
 * does not suit).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ClusterBackend } from '../cluster/backend.js';
import { commandPath, kubectlArgs, needsTerminal } from '../kubectl/parse.js';
import { INSTALL_KUBECTL, runKubectl } from '../kubectl/runner.js';
import { stepUnsupported } from '../lessons/backend-runner.js';
import { startBackendSession } from '../lessons/backend-session.js';
import type { Lesson } from '../lessons/lesson.js';
import type { ProgressSink } from './spinner.js';

/** What line mode reads and writes. */
export interface LineIo {
  readonly out: ProgressSink;
  /** The learner's input, one line at a time. */
  readonly lines: AsyncIterable<string>;
  /** Stops reading input once the lesson is over (so the process can exit). */
  readonly closeInput?: () => void;
  readonly env: NodeJS.ProcessEnv;
}

/** Where kubectl points: the kubeconfig (file or KUBECONFIG list) and the context. */
export interface LineTarget {
  readonly kubeconfig: string;
  readonly context: string;
  /** How to grade later, printed at the end. */
  readonly verifyCommand: string;
}

const HELP = 'Type kubectl commands here (k works too), h for a hint, s to skip the step, q to stop.';

/** Runs the lesson until it is complete or the learner types q; resolves to the exit code. */
export async function runLineLesson(backend: ClusterBackend, lesson: Lesson, target: LineTarget, io: LineIo): Promise<number> {
  const say = (text: string) => io.out.write(`${text}\n`);
  const session = startBackendSession(backend, lesson, { notice: (m) => say(`! ${m}`) });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'ld-kubectl-'));
  let shownStep = -1;
  let doneCount = 0;
  let lastFeedback: string | undefined;
  let finished!: () => void;
  const complete = new Promise<void>((r) => (finished = r));
  const render = () => {
    const snap = session.actor.getSnapshot();
    const ctx = snap.context;
    for (const id of ctx.done.slice(doneCount)) say(`✓ ${lesson.steps.find((s) => s.id === id)?.title ?? id}`);
    doneCount = ctx.done.length;
    if (snap.status === 'done') return finished();
    if (ctx.stepIndex !== shownStep) {
      shownStep = ctx.stepIndex;
      lastFeedback = undefined;
      const step = lesson.steps[ctx.stepIndex];
      if (!step) return;
      const header = `\n— Step ${ctx.stepIndex + 1}/${lesson.steps.length}: ${step.title}`;
      // A step this cluster cannot set up is announced by the session's notice, not prompted.
      if (stepUnsupported(step, backend) !== undefined) return say(`${header} (simulator only)`);
      say(`${header}\n${step.prompt.trim()}`);
      if (step.kind === 'question') for (const c of step.choices) say(`  ${c.id}) ${c.text}`);
    }
    if (ctx.feedback !== undefined && ctx.feedback !== lastFeedback) say(`→ ${ctx.feedback}`);
    lastFeedback = ctx.feedback;
  };
  say(`${lesson.intro?.trim() ?? `# ${lesson.title}`}\n\n${HELP}`);
  const sub = session.actor.subscribe(render);
  // The connection's state, said once per change: a dropped watch is retried by the backend.
  let problem: string | undefined;
  const unhealth = backend.subscribe(() => {
    const now = backend.health().problem;
    if (now === problem) return;
    say(now !== undefined ? `! ${now} (retrying)` : '✓ connected to the cluster again');
    problem = now;
  });
  render();
  const input = (async () => {
    for await (const raw of io.lines) {
      const line = raw.trim();
      const snap = session.actor.getSnapshot();
      if (snap.status === 'done') return;
      const step = lesson.steps[snap.context.stepIndex];
      if (line === 'q') return;
      if (line === '') continue;
      if (line === 'h') {
        session.actor.send({ type: 'hint.request' });
        const n = session.actor.getSnapshot().context.hintsUsed[snap.context.stepIndex] ?? 0;
        say(n > 0 ? `Hint ${n}/${step?.hints.length ?? 0}: ${step?.hints[n - 1] ?? ''}` : 'No hints for this step.');
        continue;
      }
      if (line === 's') {
        session.actor.send({ type: 'step.skip' });
        continue;
      }
      if (step?.kind === 'question' && !/^(kubectl|k)\s/.test(line)) {
        session.actor.send({ type: 'answer.submitted', choice: line });
        const after = session.actor.getSnapshot().context;
        if (after.stepIndex === snap.context.stepIndex && after.lastFailure) say(`→ ${after.lastFailure}`);
        continue;
      }
      const parsed = kubectlArgs(line);
      if (!parsed.ok) {
        say(`→ ${parsed.error}. ${HELP}`);
        continue;
      }
      const whole = needsTerminal(parsed.args);
      if (whole !== undefined) {
        say(`→ ${whole}: run it in a second terminal with KUBECONFIG=${target.kubeconfig} and --context ${target.context}.`);
        continue;
      }
      session.audit.append({ at: backend.snapshot().takenAt, source: 'builtin', command: commandPath(parsed.args) });
      const run = runKubectl(parsed.args, { kubeconfig: target.kubeconfig, context: target.context, cacheDir, env: io.env, onLine: (l) => say(l) });
      const result = await run.done;
      if (result.missing) say(INSTALL_KUBECTL);
    }
  })();
  await Promise.race([complete, input]);
  sub.unsubscribe();
  unhealth();
  io.closeInput?.();
  const done = session.actor.getSnapshot().status === 'done';
  session.close();
  rmSync(cacheDir, { recursive: true, force: true });
  say(done ? `\nLesson complete. Grade it again any time: ${target.verifyCommand}` : `\nStopped. The cluster keeps its state; grade it with: ${target.verifyCommand}`);
  return 0;
}
