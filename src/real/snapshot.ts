/**
 * A ClusterSnapshot read from a real cluster (or anything speaking the Kubernetes API, such as
 * the simulator's server) through @kubernetes/client-node, so `verify --kubeconfig` grades it
 * with the same checks as the simulator. Read-only: five list calls through the real
 * backend's reflectors (no watch), no writes.
 * client-node costs ~600 ms to import, so it is loaded here, on first use, never at start-up.
 */
import type { ClusterSnapshot } from '../cluster/snapshot.js';
import type { KubeconfigChoice } from './kubeconfig.js';

/** What to read: kubeconfig and context as kubectl picks them; all namespaces unless one is named. */
export interface ReadOptions extends KubeconfigChoice {
  readonly namespace?: string;
  /** Gives up on a silent server after this long (default 15 s), instead of the OS's minutes. */
  readonly timeoutMs?: number;
  /** The clock for `takenAt` (tests inject one). */
  readonly now?: () => number;
}

/** A snapshot plus where it came from, for headers and messages. */
export interface ClusterRead {
  readonly snapshot: ClusterSnapshot;
  readonly context: string;
  readonly server: string;
  readonly source: string;
}

/** Reads the snapshot checks grade; failures are RealClusterErrors with a learner-actionable message. */
export async function readClusterSnapshot(opts: ReadOptions = {}): Promise<ClusterSnapshot> {
  return (await readCluster(opts)).snapshot;
}

/** Like readClusterSnapshot, also naming the context and server (verify prints them). */
export async function readCluster(opts: ReadOptions = {}): Promise<ClusterRead> {
  const { openRealBackend } = await import('./backend.js');
  // The backend's own list path, once, with no watch: the same objects a lesson run reads.
  const backend = await openRealBackend({ ...opts, watch: false, timeoutMs: opts.timeoutMs ?? 15_000 });
  try {
    return { snapshot: backend.snapshot(), context: backend.context, server: backend.server, source: backend.source };
  } finally {
    await backend.close();
  }
}
