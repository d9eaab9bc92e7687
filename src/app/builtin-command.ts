/**
 * Glue between the command line and kubectl: parse the line, refuse what the pane cannot do
 * yet (with the way forward), record the command in the audit trail as 'builtin', run kubectl
 * and hand its output back in small batches (a `get -w` must not flood the machine).
 */
import type { AuditLog } from '../lessons/audit.js';
import { commandPath, kubectlArgs, needsTerminal } from '../kubectl/parse.js';
import { INSTALL_KUBECTL, runKubectl } from '../kubectl/runner.js';

/** What a command needs from the session and the screen. */
export interface BuiltinDeps {
  readonly kubeconfig: string;
  readonly cacheDir: string;
  readonly audit: AuditLog;
  /** The cluster's clock, for audit timestamps. */
  readonly now: () => number;
  readonly onLines: (lines: readonly string[]) => void;
  readonly onDone: () => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
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
  if (terminal) {
    return finish([`${terminal}; the built-in command line cannot hand it over yet.`, `Run it in a second terminal: export KUBECONFIG=${deps.kubeconfig}`]);
  }
  deps.audit.append({ at: deps.now(), source: 'builtin', command: commandPath(parsed.args) });
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
