/**
 * `kubectl logs` for the simulated cluster: the container's current or previous run, with
 * tail, since, timestamps and byte limits, and the apiserver's exact refusals when there is
 * nothing to show (waiting container, no previous run, unknown container, unscheduled pod).
 */
import type { SimCluster } from './cluster.js';
import type { ContainerRun, LogLine } from './controllers/kubelet/types.js';
import { StoreError, notFound } from './errors.js';

/** The query parameters kubectl sends to `pods/{name}/log`. */
export interface LogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

/** The most lines one request returns (protects the terminal from runaway loops). */
export const MAX_LOG_LINES = 10_000;

function badRequest(message: string): StoreError {
  return new StoreError('BadRequest', message);
}

/** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints. */
export function nanoTimestamp(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}

/** The run a log request reads, after the apiserver's checks (throws its refusals). */
export function logRun(cluster: SimCluster, namespace: string, podName: string, opts: LogOptions = {}): { run: ContainerRun; container: string } {
  const pod = cluster.store.get('Pod', namespace, podName);
  if (!pod) throw notFound('Pod', podName);
  const name = opts.container ?? pod.spec.containers[0]?.name ?? '';
  const index = pod.spec.containers.findIndex((c) => c.name === name);
  if (index < 0) throw badRequest(`container ${name} is not valid for pod ${podName}`);
  if (!pod.spec.nodeName) throw badRequest(`pod ${podName} does not have a host assigned`);
  const rt = cluster.kubelet.runtime(pod.metadata.uid);
  const c = rt?.containers[index];
  const run: ContainerRun | undefined = opts.previous ? c?.previous : c?.current;
  if (!run) {
    if (opts.previous) throw badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
    const waiting = pod.status.containerStatuses?.find((s) => s.name === name)?.state.waiting?.reason ?? 'ContainerCreating';
    const why = waiting === 'ErrImagePull' ? "image can't be pulled" : waiting === 'ImagePullBackOff' ? 'trying and failing to pull image' : waiting;
    throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${why}`);
  }
  return { run, container: name };
}

/** The lines a log request returns up to now (tail, since and the line cap applied). */
export function logLines(cluster: SimCluster, run: ContainerRun, opts: LogOptions = {}): LogLine[] {
  const now = cluster.clock.now();
  const until = Math.min(now, run.endMs ?? now) + 1;
  let from = run.startMs;
  if (opts.sinceSeconds !== undefined) from = Math.max(from, now - opts.sinceSeconds * 1000);
  if (opts.sinceTime) {
    const t = Date.parse(opts.sinceTime);
    if (!Number.isNaN(t)) from = Math.max(from, t);
  }
  if (opts.tailLines !== undefined) {
    return run.process.lastLines(until - 1, Math.min(opts.tailLines, MAX_LOG_LINES)).filter((l) => l.atMs >= from);
  }
  return run.process.linesBetween(from, until, MAX_LOG_LINES);
}

/** Formats lines as the log endpoint writes them. */
export function formatLogLines(lines: readonly LogLine[], timestamps = false): string {
  return lines.map((l) => (timestamps ? `${nanoTimestamp(l.atMs)} ${l.text}` : l.text) + '\n').join('');
}

/** The log text of one container, or a StoreError with the apiserver's message. */
export function readLogs(cluster: SimCluster, namespace: string, podName: string, opts: LogOptions = {}): string {
  const { run } = logRun(cluster, namespace, podName, opts);
  let text = formatLogLines(logLines(cluster, run, opts), opts.timestamps);
  if (opts.limitBytes !== undefined) text = Buffer.from(text).subarray(0, opts.limitBytes).toString();
  return text;
}
