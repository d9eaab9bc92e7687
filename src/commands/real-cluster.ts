/**
 * `learn-daemonsets --backend kind` and `learn-daemonsets --kubeconfig P --context C
 * [--yes-this-cluster]`: pick the cluster and pass the safety guard (its question is asked
 * before the screen is taken, and before any write). On a terminal the tutorial screen then
 * runs the lessons on that cluster (`--lesson ID` opens one at once); `--line` runs a lesson in
 * line mode instead. Without a terminal, `--lesson ID` sets the lesson up and prints how to
 * continue with kubectl and `verify`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { TuiCluster } from '../app/run-tui.js';
import { UsageError } from '../cli.js';
import type { ScenarioPlan } from '../cluster/backend.js';
import { scenarioPlan, stepUnsupported } from '../lessons/backend-runner.js';
import { BUILTIN_COURSE_DIR, loadIndex, loadLesson } from '../lessons/loader.js';
import { decideGuard, isYes, LESSON_CHANGES } from '../real/guard.js';
import { KIND_CLUSTER, KIND_CONFIG, KIND_CONTEXT } from '../real/kind-config.js';
import { createKindCluster, detectKindTools, exportKindKubeconfig, KindSetupError, kindClusters } from '../real/kind.js';
import { configDir, ownsContext, StateFile } from '../real/state.js';
import { startSpinner, type ProgressSink } from './spinner.js';

/** The terminal and environment the command talks to (tests pass fakes). */
export interface RealIo {
  readonly out: ProgressSink;
  readonly err: ProgressSink;
  /** stdin and stdout are terminals. */
  readonly interactive: boolean;
  /** Asks a question on the terminal and resolves with the answer. */
  readonly ask: (question: string) => Promise<string>;
  readonly env: NodeJS.ProcessEnv;
  /** The learner's input lines for line mode (interactive runs only), and how to stop reading them. */
  readonly lines?: () => { readonly iterable: AsyncIterable<string>; close(): void };
  /** Runs the tutorial screen on the cluster (interactive runs); resolves to the exit code. */
  readonly tui?: (opts: TuiLaunch) => Promise<number>;
}

/** What the tutorial screen needs to run on a real cluster. */
export interface TuiLaunch {
  readonly cluster: TuiCluster;
  readonly courseDir: string;
  readonly lessonId?: string;
}

/**
 * Ink draws only the last frame when `CI` is set (read once when Ink loads): hide it from Ink
 * and keep the learner's environment, unchanged, for kubectl (as the simulator's TUI does).
 */
async function runTuiHere(opts: TuiLaunch): Promise<number> {
  const env = { ...process.env };
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];
  const { runTui } = await import('../app/run-tui.js');
  return runTui({ ...opts, env });
}

/** The process's own terminal. */
export function processIo(): RealIo {
  return {
    out: process.stdout,
    err: process.stderr,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    ask: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    env: process.env,
    lines: () => {
      const rl = createInterface({ input: process.stdin, terminal: false });
      return { iterable: rl, close: () => rl.close() };
    },
    tui: runTuiHere,
  };
}

interface RealArgs {
  backendKind: boolean;
  kubeconfig?: string;
  context?: string;
  yes: boolean;
  lesson?: string;
  courseDir: string;
  /** Line mode instead of the tutorial screen. */
  line: boolean;
}

const USAGE = 'Usage: learn-daemonsets --backend kind [--lesson ID] [--line] | learn-daemonsets --kubeconfig P --context NAME [--yes-this-cluster] [--lesson ID] [--line]';

function parse(argv: readonly string[]): RealArgs {
  const out: RealArgs = { backendKind: false, yes: false, courseDir: BUILTIN_COURSE_DIR, line: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('-'))) throw new UsageError(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--backend': {
        const v = value();
        if (v === 'kind') out.backendKind = true;
        else if (v !== 'sim' && v !== 'simulator') throw new UsageError(`unknown backend "${v}": use --backend kind, or --kubeconfig P --context NAME for another cluster`);
        break;
      }
      case '--kubeconfig':
        out.kubeconfig = value();
        break;
      case '--context':
        out.context = value();
        break;
      case '--yes-this-cluster':
        out.yes = true;
        break;
      case '--lesson':
        out.lesson = value();
        break;
      case '--line':
        out.line = true;
        break;
      case '--course':
        out.courseDir = value();
        break;
      default:
        throw new UsageError(`unexpected "${a}". ${USAGE}`);
    }
  }
  if (out.backendKind && (out.kubeconfig !== undefined || out.context !== undefined)) {
    throw new UsageError('--backend kind makes its own cluster and context; leave out --kubeconfig and --context (or leave out --backend kind to use an existing cluster)');
  }
  if (!out.backendKind && out.context === undefined) {
    throw new UsageError('--kubeconfig needs --context NAME as well: the tutorial changes the cluster, so name the context you mean explicitly');
  }
  return out;
}

/** Creates (or reuses) the kind cluster and returns the kubeconfig that reaches it. */
async function ensureKind(io: RealIo): Promise<string> {
  const tools = await detectKindTools(io.env);
  const dir = configDir(io.env);
  const kubeconfig = path.join(dir, 'kind.kubeconfig');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const existing = await kindClusters(tools, io.env);
  if (existing.includes(KIND_CLUSTER)) {
    io.err.write(`Reusing kind cluster ${KIND_CLUSTER}.\n`);
    await exportKindKubeconfig(tools, io.env, KIND_CLUSTER, kubeconfig);
    return kubeconfig;
  }
  const configFile = path.join(dir, 'kind-config.yaml');
  writeFileSync(configFile, KIND_CONFIG);
  const spinner = startSpinner(io.err, `Creating kind cluster ${KIND_CLUSTER} with ${tools.runtime} (1 control plane, 3 workers)…`);
  try {
    await createKindCluster(tools, io.env, { name: KIND_CLUSTER, configFile, kubeconfig, onLine: (l) => spinner.update(l) });
  } catch (err) {
    spinner.stop(`✗ kind cluster ${KIND_CLUSTER} was not created`);
    throw err;
  }
  spinner.stop(`✓ kind cluster ${KIND_CLUSTER} is ready`);
  return kubeconfig;
}

/** Runs the command; resolves to the exit code. Errors a learner can fix are UsageErrors (exit 2). */
export async function runRealCluster(argv: readonly string[], io: RealIo = processIo()): Promise<number> {
  const args = parse(argv);
  const ids = loadIndex(args.courseDir);
  if (args.lesson !== undefined && !ids.includes(args.lesson)) throw new UsageError(`unknown lesson "${args.lesson}"; lessons: ${ids.join(', ')}`);
  const state = new StateFile(configDir(io.env));
  let kubeconfigPath = args.kubeconfig;
  let context = args.context;
  if (args.backendKind) {
    try {
      kubeconfigPath = await ensureKind(io);
    } catch (err) {
      if (err instanceof KindSetupError) throw new UsageError(err.message);
      throw err;
    }
    context = KIND_CONTEXT;
  }
  const [k8s, { chooseContext }, { RealClusterError }] = await Promise.all([import('@kubernetes/client-node'), import('../real/kubeconfig.js'), import('../real/errors.js')]);
  let chosen: ReturnType<typeof chooseContext>;
  try {
    chosen = chooseContext(k8s.KubeConfig, { ...(kubeconfigPath !== undefined ? { kubeconfigPath } : {}), ...(context !== undefined ? { context } : {}) });
  } catch (err) {
    if (err instanceof RealClusterError) throw new UsageError(err.message);
    throw err;
  }
  if (args.backendKind && !ownsContext(state.load(), chosen.context, chosen.server)) {
    // Created just now, or reused by name: the learn-daemonsets kind cluster is the tool's own.
    state.update((s) => ({
      ...s,
      kindClusters: [...s.kindClusters.filter((c) => c.name !== KIND_CLUSTER), { name: KIND_CLUSTER, context: chosen.context, server: chosen.server, kubeconfig: kubeconfigPath ?? '', createdAt: new Date().toISOString() }],
    }));
  }
  const decision = decideGuard({
    context: chosen.context,
    server: chosen.server,
    owned: ownsContext(state.load(), chosen.context, chosen.server),
    confirmedByFlag: args.yes,
    interactive: io.interactive,
    changes: LESSON_CHANGES,
  });
  if (decision.action === 'refuse') throw new UsageError(decision.message);
  if (decision.action === 'ask' && !isYes(await io.ask(decision.question))) {
    io.err.write(`Stopped: nothing on context "${chosen.context}" was changed.\n`);
    return 1;
  }
  const where = `context ${chosen.context} (${chosen.server})`;
  const kcFlag = `${kubeconfigPath !== undefined ? ` --kubeconfig ${kubeconfigPath}` : ''} --context ${chosen.context}`;
  const screen = io.interactive && io.tui !== undefined && !args.line;
  if (args.lesson === undefined && !screen) {
    io.out.write(`The cluster of ${where} is ready for the lessons.\nSet one up with: learn-daemonsets${args.backendKind ? ' --backend kind' : kcFlag}${args.yes ? ' --yes-this-cluster' : ''} --lesson ID (lessons: ${ids.join(', ')})\n`);
    return 0;
  }
  // What a lesson's setup creates on a cluster the tool did not make, so `cleanup` can remove it.
  const recordCreated = (plan: ScenarioPlan): void => {
    if (args.backendKind) return;
    const created = plan.objects.map((o) => {
      const meta = (o['metadata'] ?? {}) as { name?: string; namespace?: string };
      return { context: chosen.context, server: chosen.server, kubeconfig: kubeconfigPath ?? chosen.source, kind: String(o['kind']), name: meta.name ?? '', ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}) };
    });
    state.update((s) => ({ ...s, objects: [...s.objects.filter((x) => !created.some((c) => c.context === x.context && c.kind === x.kind && c.name === x.name && c.namespace === x.namespace)), ...created] }));
  };
  const { openRealBackend } = await import('../real/backend.js');
  let backend: Awaited<ReturnType<typeof openRealBackend>>;
  try {
    backend = await openRealBackend({ kind: args.backendKind ? 'kind' : 'kubeconfig', ...(kubeconfigPath !== undefined ? { kubeconfigPath } : {}), context: chosen.context });
  } catch (err) {
    if (err instanceof RealClusterError && (err.kind === 'kubeconfig' || err.kind === 'context')) throw new UsageError(err.message);
    throw err;
  }
  try {
    if (screen && io.tui) {
      // The guard has allowed writes; each lesson's setup runs when the learner opens it.
      const cluster: TuiCluster = { backend, kubeconfig: kubeconfigPath ?? chosen.source, context: chosen.context, onPrepared: recordCreated };
      return await io.tui({ cluster, courseDir: args.courseDir, ...(args.lesson !== undefined ? { lessonId: args.lesson } : {}) });
    }
    const lesson = loadLesson(args.courseDir, args.lesson ?? '');
    const plan = scenarioPlan(lesson);
    await backend.prepare(plan, { lessonDir: lesson.dir });
    recordCreated(plan);
    if (io.interactive && io.lines) {
      const { runLineLesson } = await import('./line-lesson.js');
      io.out.write(`Lesson "${lesson.title}" is set up on ${where}.\n`);
      const input = io.lines();
      const target = { kubeconfig: kubeconfigPath ?? chosen.source, context: chosen.context, verifyCommand: `learn-daemonsets verify ${lesson.id}${kcFlag}` };
      return await runLineLesson(backend, lesson, target, { out: io.out, lines: input.iterable, closeInput: () => input.close(), env: io.env });
    }
    const skipped = lesson.steps.flatMap((st) => (stepUnsupported(st, backend) !== undefined ? [st.title] : []));
    const lines = [
      `Lesson "${lesson.title}" is set up on ${where}.`,
      `Work through it with kubectl${kubeconfigPath !== undefined ? ` (export KUBECONFIG=${kubeconfigPath})` : ''} --context ${chosen.context}, then grade it:`,
      `  learn-daemonsets verify ${lesson.id}${kcFlag}`,
      ...(skipped.length ? [`Simulator-only steps (skipped on this cluster): ${skipped.join('; ')}.`] : []),
      'On a terminal, the same command opens the tutorial screen on this cluster.',
    ];
    io.out.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await backend.close();
  }
}
