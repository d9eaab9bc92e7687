/**
 * Simulated container processes for the kubelet: build the env (`resolveEnv`), turn a container
 * plus its image into a program (`compileContainer`), start it (`startProcess`), then ask the
 * run when it exits and what `kubectl logs` shows at any simulated instant.
 *
 * Choices worth knowing (see loops.ts, state.ts):
 * - infinite loops are detected as periodic after three iterations and never materialised;
 * - an iteration that does not sleep costs 1 ms (a busy loop prints ≤ 1,000 lines per second);
 * - a script that is not periodic is interpreted eagerly up to 200,000 commands / 20,000 lines,
 *   after which it counts as running forever with no further output (`truncated`);
 * - not modelled: functions, `case`, here-documents, globbing, background jobs (`&` runs in the
 *   foreground), files written by the script, signals and `trap` handlers.
 */
export { compileContainer, startProcess, type LogLine, type ProcessContext, type ProcessExit, type ProcessRun, type Program,
  type StartFailure } from './process.js';
export { expandKubeRefs, parseQuantity, resolveEnv, type EnvResult, type EnvSources, type PodFields } from './env.js';
export { formatDate, DEFAULT_DATE_FORMAT } from './dates.js';
export { parseScript } from './parser.js';
