/**
 * A ClusterSnapshot read from a real cluster (or anything speaking the Kubernetes API, such as
 * the simulator's server) through @kubernetes/client-node, so `verify --kubeconfig` grades it
 * with the same checks as the simulator. Read-only: five list calls, no writes.
 * client-node costs ~600 ms to import, so it is loaded here, on first use, never at start-up.
 */
import type { ControllerRevision, DaemonSet, Event, Node, Pod } from '../cluster/types.js';
import type { ClusterSnapshot } from '../lessons/snapshot.js';
import { toWire } from './convert.js';
import { describeRequestError, type RequestSite } from './errors.js';
import { chooseContext, type KubeconfigChoice } from './kubeconfig.js';

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
  const [k8s, { ObjectSerializer }] = await Promise.all([
    import('@kubernetes/client-node'),
    // The generated models' serializer (wire names, Dates to strings); the package index does not re-export it.
    import('@kubernetes/client-node/dist/gen/models/ObjectSerializer.js'),
  ]);
  const chosen = chooseContext(k8s.KubeConfig, opts);
  const { kc, context, server } = chosen;
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), opts.timeoutMs ?? 15_000);
  timer.unref();
  const withSignal: import('@kubernetes/client-node').ObservableMiddleware = {
    pre: (ctx) => {
      ctx.setSignal(abort.signal);
      return new k8s.Observable(Promise.resolve(ctx));
    },
    post: (res) => new k8s.Observable(Promise.resolve(res)),
  };
  const o = { middleware: [withSignal], middlewareMergeStrategy: 'append' as const };
  const ns = opts.namespace;
  const serialize = (data: unknown, type: string, format: string): unknown => ObjectSerializer.serialize(data, type, format);
  const site = (resource: string, namespaced: boolean): RequestSite => ({
    context, server, verb: 'list', resource, ...(namespaced && ns !== undefined ? { namespace: ns } : {}),
  });
  const calls = [
    { site: site('nodes', false), run: () => core.listNode({}, o) },
    { site: site('pods', true), run: () => (ns === undefined ? core.listPodForAllNamespaces({}, o) : core.listNamespacedPod({ namespace: ns }, o)) },
    { site: site('daemonsets', true), run: () => (ns === undefined ? apps.listDaemonSetForAllNamespaces({}, o) : apps.listNamespacedDaemonSet({ namespace: ns }, o)) },
    {
      site: site('controllerrevisions', true),
      run: () => (ns === undefined ? apps.listControllerRevisionForAllNamespaces({}, o) : apps.listNamespacedControllerRevision({ namespace: ns }, o)),
    },
    { site: site('events', true), run: () => (ns === undefined ? core.listEventForAllNamespaces({}, o) : core.listNamespacedEvent({ namespace: ns }, o)) },
  ];
  let settled: PromiseSettledResult<{ items: readonly unknown[] }>[];
  try {
    // Every call is started before any is awaited; the first failure in this fixed order is
    // reported, so the message does not depend on which socket happened to fail first.
    settled = await Promise.allSettled(calls.map(async (c): Promise<{ items: readonly unknown[] }> => c.run()));
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  const items: (readonly unknown[])[] = [];
  settled.forEach((r, i) => {
    const call = calls[i];
    if (r.status === 'rejected' && call) throw describeRequestError(r.reason, call.site);
    if (r.status === 'fulfilled') items.push(r.value.items);
  });
  const [nodes = [], pods = [], daemonSets = [], revisions = [], events = []] = items;
  const snapshot: ClusterSnapshot = {
    nodes: nodes.map((x) => toWire<Node>(serialize, x, 'V1Node', 'v1', 'Node')),
    pods: pods.map((x) => toWire<Pod>(serialize, x, 'V1Pod', 'v1', 'Pod')),
    daemonSets: daemonSets.map((x) => toWire<DaemonSet>(serialize, x, 'V1DaemonSet', 'apps/v1', 'DaemonSet')),
    controllerRevisions: revisions.map((x) => toWire<ControllerRevision>(serialize, x, 'V1ControllerRevision', 'apps/v1', 'ControllerRevision')),
    events: events.map((x) => toWire<Event>(serialize, x, 'CoreV1Event', 'v1', 'Event')),
    takenAt: (opts.now ?? Date.now)(),
  };
  return { snapshot, context, server, source: chosen.source };
}
