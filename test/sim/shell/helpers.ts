import { resolvePull } from '../../../src/sim/images.js';
import { compileContainer, startProcess, type ProcessRun } from '../../../src/sim/shell/index.js';

/** 2026-11-25T10:01:15Z, a Wednesday: `date` prints "Wed Nov 25 10:01:15 UTC 2026". */
export const T0 = Date.UTC(2026, 10, 25, 10, 1, 15);

/** Start a container of `image` at T0 (hostname ds-abcde) and return its run. */
export function start(image: string, command?: string[], args?: string[], env: Record<string, string> = {}): ProcessRun {
  const pulled = resolvePull(image);
  if (!pulled.ok) throw new Error(pulled.message);
  const program = compileContainer({ command, args }, pulled.behaviour, env);
  if (!program.ok) throw new Error(program.message);
  return startProcess(program, { env, hostname: 'ds-abcde', namespace: 'logging', podIP: '10.244.1.7' }, T0);
}

/** `sh -c SCRIPT` in busybox: lines printed in the first `ms` as [offset, stream, text]. */
export function sh(script: string, ms = 60_000, env: Record<string, string> = {}, image = 'busybox:1.36'): [number, string, string][] {
  return lines(start(image, ['sh', '-c', script], undefined, env), ms);
}

/** Lines of a run in [T0, T0+ms) as [offset, stream, text]. */
export function lines(run: ProcessRun, ms = 60_000): [number, string, string][] {
  return run.linesBetween(T0, T0 + ms).map((l) => [l.atMs - T0, l.stream, l.text]);
}

/** Only the texts. */
export function texts(script: string, image = 'busybox:1.36', env: Record<string, string> = {}): string[] {
  return sh(script, 60_000, env, image).map(([, , t]) => t);
}
