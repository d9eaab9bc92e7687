/**
 * Command-line entry. `--help` and `--version` must stay fast: this file imports only
 * node builtins at the top; every command loads its own modules lazily.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BroadcastFeed } from './app/classroom-broadcasts.js';
import type { ProgressReporter } from './app/classroom-progress.js';
import { defaultProgressDir } from './lessons/progress.js';
import { packagePath } from './package-root.js';

const HELP = `learn-daemonsets — learn Kubernetes DaemonSets by doing

Usage:
  learn-daemonsets [--lesson ID]           open the tutorial (simulated cluster)
  learn-daemonsets --backend kind [--lesson ID] [--line]
                                           the tutorial on the kind cluster "learn-daemonsets"
                                           (created or reused)
  learn-daemonsets --kubeconfig P --context NAME [--yes-this-cluster] [--lesson ID] [--line]
                                           the tutorial on an existing cluster (guarded: asks
                                           first); --line: plain prompts instead of the screen
  learn-daemonsets sim [--scenario NAME|FILE] [--nodes N] [--port N]
                       [--kubeconfig PATH] [--speed X] [--kube-version 1.NN]
                                           run the simulated cluster headless
  learn-daemonsets scenarios               list the built-in cluster scenarios
  learn-daemonsets lessons                 list lessons and progress
  learn-daemonsets lessons check [DIR]     lint and prove a course
  learn-daemonsets verify LESSON [--kubeconfig P] [--context C]
                                           grade a cluster against a lesson
  learn-daemonsets practice [--minutes N] [--seed S]
                                           timed CKA-style exam, partial credit, no hints
  learn-daemonsets --join URL#CODE [--name NAME] [--lesson ID]
                                           the tutorial in a classroom: your instructor sees
                                           your progress (steps, hints, idle), nothing else, and
                                           can message your status bar; asks NAME if not given
                                           (or press c on the lesson list to join from there)
  learn-daemonsets cleanup                 delete what the tool created on real clusters
  learn-daemonsets classroom host [--port N] [--bind ADDR] [--room CODE] [--web]
                                           host a classroom: prints the join command, shows
                                           every learner's progress (loopback unless --bind),
                                           b messages every learner's status bar;
                                           --web also serves a read-only page for a projector
  learn-daemonsets classroom export --room CODE [--format csv|json]
                                           the room's progress table, for a spreadsheet
  learn-daemonsets --help | --version

Options:
  --debug        write a debug log and show stack traces for internal errors
`;

/** Reads the version from package.json next to dist/ (no bundler-injected constant needed). */
function version(): string {
  const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** A mistake the user can fix: printed as one sentence, never with a stack trace. */
export class UsageError extends Error {}

/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    return await run(argv.filter((a) => a !== '--debug'), debug);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`learn-daemonsets: ${err.message}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`learn-daemonsets: ${message}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

/**
 * Ink draws only the last frame when it thinks it runs in CI (`CI` or `CONTINUOUS_INTEGRATION`
 * set, checked once when Ink loads), which leaves a learner at a real terminal with a blank
 * screen. We only get here on a TTY, so hide those two from Ink and keep the learner's
 * environment, unchanged, for kubectl and the rest of the session.
 */
function showEveryFrame(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];
  return env;
}

/**
 * Ink's layout engine (yoga) reads its inlined WebAssembly through `fetch` when `fetch` exists,
 * which makes Node load its whole HTTP client (undici, ~40 ms) to read a `data:` URL; without it
 * yoga decodes the bytes directly. Hide `fetch` while the TUI's modules load — its descriptor,
 * not its value, so the lazy getter does not fire — and put it back.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (descriptor?.configurable) Reflect.deleteProperty(globalThis, 'fetch');
  try {
    return await load();
  } finally {
    if (descriptor?.configurable) Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}

/** The TUI (default, or `--lesson ID`); loaded lazily so --help and --version stay fast. */
async function tui(argv: string[], debug: boolean, classroom?: { reporter: ProgressReporter; code: string; broadcasts: BroadcastFeed; env?: NodeJS.ProcessEnv }): Promise<number> {
  const [flag, id, ...rest] = argv;
  if (flag === '--lesson' && (id === undefined || id.startsWith('-'))) throw new UsageError('--lesson needs a lesson id, e.g. `--lesson first-daemonset`; `learn-daemonsets lessons` lists them');
  if (rest.length) throw new UsageError(`unexpected "${rest.join(' ')}" after --lesson ${id ?? ''}. Run \`learn-daemonsets --help\` for usage.`);
  return startTui({ ...(id !== undefined ? { lessonId: id } : {}), ...(classroom ? { classroom: classroom.reporter, classroomCode: classroom.code, broadcasts: classroom.broadcasts } : {}), ...(classroom?.env ? { env: classroom.env } : {}), debug });
}

/** `practice [--minutes N] [--seed S]`: the timed exam, straight away. */
function practiceOptions(argv: readonly string[]): { minutes: number; seed?: number } {
  let minutes = 30;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] ?? '').split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    const whole = value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
    if (flag === '--minutes') {
      if (whole === undefined || whole < 5 || whole > 240) throw new UsageError(`--minutes needs a whole number of minutes from 5 to 240, e.g. \`--minutes 30\` (got ${value === undefined ? 'nothing' : `"${value}"`})`);
      minutes = whole;
    } else if (flag === '--seed') {
      if (whole === undefined) throw new UsageError(`--seed needs a whole number, e.g. \`--seed 42\` — the report of an exam shows its seed (got ${value === undefined ? 'nothing' : `"${value}"`})`);
      seed = whole;
    } else {
      throw new UsageError(`"practice" takes --minutes N and --seed S, not "${flag}". Run \`learn-daemonsets --help\` for usage.`);
    }
  }
  return { minutes, ...(seed !== undefined ? { seed } : {}) };
}

/** `env`: the learner's environment as saved when the classroom name prompt loaded Ink first. */
async function startTui(opts: { lessonId?: string; practice?: { minutes: number; seed?: number }; classroom?: ProgressReporter; classroomCode?: string; broadcasts?: BroadcastFeed; env?: NodeJS.ProcessEnv; debug: boolean }): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError('the tutorial needs an interactive terminal; run it directly in a terminal (or use `learn-daemonsets sim` for scripts)');
  const env = opts.env ?? showEveryFrame();
  const { runTui, UnknownLessonError } = await withoutFetch(() => import('./app/run-tui.js'));
  try {
    return await runTui({ ...opts, env });
  } catch (err) {
    if (err instanceof UnknownLessonError) throw new UsageError(err.message);
    throw err;
  }
}

/** The top-level flags that choose a real cluster (`--backend sim` keeps the simulator). */
function wantsRealCluster(argv: readonly string[]): boolean {
  const [first] = argv;
  if (first !== undefined && !first.startsWith('--')) return false;
  const simBackend = argv.some((a, i) => (a === '--backend' && ['sim', 'simulator'].includes(argv[i + 1] ?? '')) || a === '--backend=sim' || a === '--backend=simulator');
  return !simBackend && argv.some((a) => /^--(backend|kubeconfig|context|yes-this-cluster)(=|$)/.test(a));
}

/**
 * `--join URL#CODE [--name NAME]`: without --name, a terminal asks the name (Esc leaves, exit 0,
 * nothing sent); a typo or a refused code is one sentence (exit 2) before the tutorial opens.
 */
async function joinClassroom(argv: string[], debug: boolean): Promise<number> {
  const { takeJoinArgs, joinRoom, joinedSentence, storedName } = await import('./classroom/outbox-join.js');
  const args = takeJoinArgs(argv);
  if ('error' in args) throw new UsageError(args.error);
  const [first] = args.rest;
  if (first !== undefined && first !== '--lesson') throw new UsageError(`--join opens the tutorial (optionally with --lesson ID), not "${first}". Run \`learn-daemonsets --help\` for usage.`);
  if (!args.join) return run(args.rest, debug);
  let target = args.join;
  let env: NodeJS.ProcessEnv | undefined;
  if (target.name === undefined && process.stdin.isTTY && process.stdout.isTTY) {
    env = showEveryFrame();
    const { askName } = await withoutFetch(() => import('./app/ask-name.js'));
    const stored = storedName(target.code);
    const name = await askName({ target, env, ...(stored !== undefined ? { initial: stored } : {}) });
    if (name === undefined) {
      process.stderr.write(`not joined: nothing was sent to classroom ${target.code}\n`);
      return 0;
    }
    target = { ...target, name };
  }
  const { productionPorts } = await import('./classroom/outbox-http.js');
  const { url, code } = target;
  // The outbox's notes go to the terminal until the screen opens, then only to the --debug log.
  let say = (m: string): void => void process.stderr.write(`${m}\n`);
  const joined = await joinRoom(target, productionPorts(url, code, (m) => say(m)));
  if ('message' in joined) throw new UsageError(joined.message);
  process.stderr.write(`${joinedSentence(joined.state, target)}\n`);
  say = (m) => {
    if (debug) appendFileSync(path.join(defaultProgressDir(), 'debug.log'), `${new Date().toISOString()} classroom: ${m}\n`);
  };
  // The instructor's broadcasts, polled while the tutorial is open; notes only to the --debug log.
  const { followBroadcasts } = await import('./app/classroom-broadcasts.js');
  const broadcasts = followBroadcasts({ url, code, log: (m) => say(m) });
  try {
    return await tui(args.rest, debug, { reporter: joined.outbox, code, broadcasts: broadcasts.feed, ...(env ? { env } : {}) });
  } finally {
    broadcasts.close();
  }
}

async function run(argv: string[], debug = false): Promise<number> {
  const [first] = argv;
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (argv.some((a) => /^--(join|name)(=|$)/.test(a))) return joinClassroom(argv, debug);
  if (wantsRealCluster(argv)) return (await import('./commands/real-cluster.js')).runRealCluster(argv);
  if (first === '--backend' || first?.startsWith('--backend=')) return run(argv.slice(first === '--backend' ? 2 : 1), debug);
  switch (first) {
    case 'sim': {
      const { simCommand } = await import('./commands/sim.js');
      return simCommand(argv.slice(1));
    }
    case 'lessons':
      return (await import('./commands/lessons.js')).runLessons(argv.slice(1));
    case 'verify':
      return (await import('./commands/verify.js')).runVerify(argv.slice(1));
    case undefined:
    case '--lesson':
      return tui(argv, debug);
    case 'cleanup':
      return (await import('./commands/cleanup.js')).runCleanup(argv.slice(1));
    case 'classroom':
      return (await import('./commands/classroom.js')).runClassroom(argv.slice(1));
    case 'practice':
      return startTui({ practice: practiceOptions(argv.slice(1)), debug });
    default:
      throw new UsageError(`unknown command or option "${first}". Run \`learn-daemonsets --help\` for usage.`);
  }
}
