/**
 * Runs the real kubectl for the built-in command line: asynchronously (the simulator's API
 * server shares this process, so blocking would deadlock kubectl against it), with the
 * session's KUBECONFIG and KUBECACHEDIR (and `--context` on a real cluster), streaming output
 * line by line, stoppable.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Where kubectl runs and what it talks to. */
export interface KubectlOptions {
  readonly kubeconfig: string;
  readonly cacheDir: string;
  /** A context other than the kubeconfig's current one (kubectl has no variable for it, so `--context` is passed). */
  readonly context?: string;
  /** Environment to start from (default process.env); KUBECTL overrides the executable. */
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Each line of stdout and stderr, as it arrives. */
  readonly onLine: (line: string, stream: 'stdout' | 'stderr') => void;
}

/** How a run ended; `missing` means no kubectl executable was found. */
export interface KubectlResult {
  readonly code: number | undefined;
  readonly signal?: string;
  readonly missing?: boolean;
}

/** A running kubectl. */
export interface KubectlRun {
  readonly done: Promise<KubectlResult>;
  /** Stops it (SIGTERM), e.g. a `get -w` the learner is finished with. */
  stop(): void;
}

/** What to tell a learner without kubectl (everything else keeps working). */
export const INSTALL_KUBECTL = 'kubectl is not installed (or not on PATH). Install it from https://kubernetes.io/docs/tasks/tools/ (e.g. `brew install kubectl`, or your package manager), or set KUBECTL=/path/to/kubectl.';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The kubectl to run: $KUBECTL, then /usr/bin/kubectl, then the first on PATH; undefined when none. */
export function resolveKubectl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env['KUBECTL'];
  if (override) return override;
  if (executable('/usr/bin/kubectl')) return '/usr/bin/kubectl';
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, 'kubectl'))) return path.join(dir, 'kubectl');
  }
  return undefined;
}

function lineSplitter(emit: (line: string) => void): { push(chunk: Buffer): void; end(): void } {
  let rest = '';
  return {
    push(chunk) {
      const text = rest + chunk.toString('utf8');
      const parts = text.split(/\r?\n/);
      rest = parts.pop() ?? '';
      for (const p of parts) emit(p);
    },
    end() {
      if (rest) emit(rest);
      rest = '';
    },
  };
}

/**
 * The arguments kubectl gets: the context goes first, as a global flag, so it never lands
 * after a `--` (`exec pod -- sh`); a `--context` the learner typed comes later and wins.
 */
export function withContext(args: readonly string[], context: string | undefined): string[] {
  return context === undefined ? [...args] : [`--context=${context}`, ...args];
}

/** Starts kubectl with `args`; never throws, a missing binary resolves `{missing: true}`. */
export function runKubectl(args: readonly string[], opts: KubectlOptions): KubectlRun {
  const env = opts.env ?? process.env;
  const file = resolveKubectl(env);
  if (!file) return { done: Promise.resolve({ code: undefined, missing: true }), stop: () => undefined };
  const child = spawn(file, withContext(args, opts.context), {
    cwd: opts.cwd,
    env: { ...env, KUBECONFIG: opts.kubeconfig, KUBECACHEDIR: opts.cacheDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = lineSplitter((l) => opts.onLine(l, 'stdout'));
  const err = lineSplitter((l) => opts.onLine(l, 'stderr'));
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  const done = new Promise<KubectlResult>((resolve) => {
    child.once('error', (e: NodeJS.ErrnoException) => {
      resolve(e.code === 'ENOENT' || e.code === 'EACCES' ? { code: undefined, missing: true } : { code: undefined, signal: e.message });
    });
    child.once('close', (code, signal) => {
      out.end();
      err.end();
      resolve({ code: code ?? undefined, ...(signal ? { signal } : {}) });
    });
  });
  let stopped = false;
  // A stopped kubectl may leave a child behind (an exec credential plugin, a shell) holding its
  // output pipes open; the run is over when kubectl itself exits, so let go of them then.
  child.once('exit', () => {
    if (!stopped) return;
    child.stdout.destroy();
    child.stderr.destroy();
  });
  return {
    done,
    stop: () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopped = true;
      child.kill('SIGTERM');
    },
  };
}

/** Where an interactive kubectl runs: the same cluster, but the learner's own terminal. */
export type TerminalOptions = Omit<KubectlOptions, 'onLine'>;

/**
 * Runs kubectl on the learner's terminal (`kubectl edit`, `exec -it`): stdio inherited, and
 * asynchronous, because the simulator answering it lives in this process. The caller must
 * have given the terminal up first (Ink unmounted, raw mode off).
 */
export function runKubectlInTerminal(args: readonly string[], opts: TerminalOptions): Promise<KubectlResult> {
  const env = opts.env ?? process.env;
  const file = resolveKubectl(env);
  if (!file) return Promise.resolve({ code: undefined, missing: true });
  const child = spawn(file, withContext(args, opts.context), {
    cwd: opts.cwd,
    env: { ...env, KUBECONFIG: opts.kubeconfig, KUBECACHEDIR: opts.cacheDir },
    stdio: 'inherit',
  });
  return new Promise<KubectlResult>((resolve) => {
    child.once('error', (e: NodeJS.ErrnoException) => {
      resolve(e.code === 'ENOENT' || e.code === 'EACCES' ? { code: undefined, missing: true } : { code: undefined, signal: e.message });
    });
    child.once('close', (code, signal) => resolve({ code: code ?? undefined, ...(signal ? { signal } : {}) }));
  });
}
