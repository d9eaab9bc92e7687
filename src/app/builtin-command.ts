/**
 * Glue between the command line and kubectl: parse the line, record the command in the audit
 * trail as 'builtin', run kubectl and hand its output back in small batches (a `get -w` must
 * not flood the machine); an interactive command gets the whole terminal through `handOver`.
 */
import type { AuditLog } from '../lessons/audit.js';
import { commandPath, kubectlArgs, needsTerminal } from '../kubectl/parse.js';
import { INSTALL_KUBECTL, runKubectl, type KubectlResult } from '../kubectl/runner.js';

/** What a command needs from the session and the screen. */
export interface BuiltinDeps {
  readonly kubeconfig: string;
  readonly cacheDir: string;
  /** The context kubectl uses (real clusters); absent: the kubeconfig's current one. */
  readonly context?: string;
  readonly audit: AuditLog;
  /** The cluster's clock, for audit timestamps. */
  readonly now: () => number;
  readonly onLines: (lines: readonly string[]) => void;
  readonly onDone: () => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /**
   * Gives the whole terminal to an interactive kubectl (`edit`, `exec -it`) and takes it back;
   * resolves to how it ended. Without it such commands are refused with the way forward.
   */
  readonly handOver?: (args: readonly string[]) => Promise<KubectlResult>;
}

/** A started command; `stop` ends a long-running one. */
export interface BuiltinRun {
  stop(): void;
}

/** Runs one command-line entry; never throws (every problem becomes output lines). */
export function startBuiltinCommand(line: string, deps: BuiltinDeps): BuiltinRun {
  const finish = (lines: readonly string[]): BuiltinRun => {
    deps.onLines(lines);
    deps.onDone();
    return { stop: () => undefined };
  };
  const parsed = kubectlArgs(line);
  if (!parsed.ok) return finish([parsed.error]);
  const terminal = needsTerminal(parsed.args);
  if (terminal && !deps.handOver) {
    return finish([`${terminal}; the built-in command line cannot hand it over here.`, `Run it in a second terminal: export KUBECONFIG=${deps.kubeconfig}${deps.context !== undefined ? ` and add --context ${deps.context}` : ''}`]);
  }
  deps.audit.append({ at: deps.now(), source: 'builtin', command: commandPath(parsed.args) });
  if (terminal && deps.handOver) {
    void deps.handOver(parsed.args).then(
      (result) => finish([result.missing ? INSTALL_KUBECTL : `(${commandPath(parsed.args)} finished${result.code ? `, exit code ${result.code}` : ''})`]),
      (err: unknown) => finish([`could not hand the terminal over: ${err instanceof Error ? err.message : String(err)}`]),
    );
    return { stop: () => undefined };
  }
  let batch: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (batch.length) deps.onLines(batch);
    batch = [];
  };
  const run = runKubectl(parsed.args, {
    kubeconfig: deps.kubeconfig,
    cacheDir: deps.cacheDir,
    ...(deps.context !== undefined ? { context: deps.context } : {}),
    ...(deps.env ? { env: deps.env } : {}),
    ...(deps.cwd ? { cwd: deps.cwd } : {}),
    onLine: (l) => {
      batch.push(l);
      timer ??= setTimeout(flush, 30);
    },
  });
  void run.done.then((result) => {
    if (timer) clearTimeout(timer);
    flush();
    if (result.missing) deps.onLines([INSTALL_KUBECTL]);
    else if (result.code !== undefined && result.code !== 0) deps.onLines([`(exit code ${result.code})`]);
    deps.onDone();
  });
  return { stop: () => run.stop() };
}
