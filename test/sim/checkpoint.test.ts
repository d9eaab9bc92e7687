import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../src/cluster/types.js';
import { bootstrapCluster } from '../../src/sim/bootstrap.js';
import { ManualClock, RealClock } from '../../src/sim/clock.js';
import type { SimCluster } from '../../src/sim/cluster.js';
import { StoreError } from '../../src/sim/errors.js';
import { readLogs } from '../../src/sim/logs.js';
import { applyObject, deleteObject, setImage, taintNode } from '../../src/sim/operations.js';
import { RESOURCES } from '../../src/sim/resources.js';
import type { StoreEvent } from '../../src/sim/watch-hub.js';
import { daemonSet } from './fixtures.js';

const START = Date.UTC(2026, 0, 1, 9, 0, 0);
const MINUTE = 60_000;

/** The default scenario with three DaemonSets running: a web server, a logger and a crash loop. */
function build(): SimCluster {
  const cluster = bootstrapCluster({ clock: new ManualClock(START), seed: 7 });
  applyObject(cluster, daemonSet('agent', 'nginx:1.27'));
  const logger = daemonSet('logger', 'busybox:1.36');
  const loggerContainer = logger.spec.template.spec.containers[0];
  if (loggerContainer) loggerContainer.command = ['sh', '-c', 'echo "starting on $HOSTNAME"; i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 5; done'];
  applyObject(cluster, logger);
  const crasher = daemonSet('crasher', 'busybox:1.36');
  const crasherContainer = crasher.spec.template.spec.containers[0];
  if (crasherContainer) crasherContainer.command = ['sh', '-c', 'echo "boom on $HOSTNAME"; sleep 3; exit 1'];
  applyObject(cluster, crasher);
  cluster.advance(2 * MINUTE);
  return cluster;
}

/** Everything the store holds, kind by kind (the frozen objects themselves). */
function dump(cluster: SimCluster): Record<string, readonly KubeObject[]> {
  const out: Record<string, readonly KubeObject[]> = {};
  for (const r of RESOURCES) out[r.kind] = cluster.store.list(r.kind);
  return out;
}

/** The same, without resourceVersions (a restored cluster numbers its writes above the old timeline). */
function withoutVersions(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'resourceVersion' ? undefined : v))) as unknown;
}

function podOf(cluster: SimCluster, prefix: string, node: string): Pod {
  const pod = cluster.store.list('Pod').find((p) => p.metadata.name.startsWith(prefix) && p.spec.nodeName === node && !p.metadata.deletionTimestamp);
  if (!pod) throw new Error(`no ${prefix} pod on ${node}`);
  return pod;
}

/** A learner's changes: roll out a new image, taint a node, delete a pod, wait ten minutes. */
function diverge(cluster: SimCluster): void {
  setImage(cluster, 'default', 'agent', 'agent', 'nginx:1.28');
  cluster.advance(5_000);
  taintNode(cluster, 'worker-2', { key: 'maintenance', value: 'true', effect: 'NoExecute' });
  deleteObject(cluster, 'Pod', 'default', podOf(cluster, 'logger-', 'worker-1').metadata.name);
  cluster.advance(10 * MINUTE);
}

/** What happens next, the same way in both clusters compared. */
function future(cluster: SimCluster): void {
  setImage(cluster, 'default', 'logger', 'logger', 'busybox:1.37');
  cluster.advance(30_000);
  taintNode(cluster, 'worker-3', { key: 'gpu', value: 'yes', effect: 'NoSchedule' });
  deleteObject(cluster, 'Pod', 'default', podOf(cluster, 'agent-', 'worker-1').metadata.name);
  cluster.advance(3 * MINUTE);
}

function logsOf(cluster: SimCluster): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pod of cluster.store.list('Pod')) {
    try {
      out[pod.metadata.name] = readLogs(cluster, 'default', pod.metadata.name, { timestamps: true });
    } catch (err) {
      out[pod.metadata.name] = err instanceof StoreError ? `error: ${err.message}` : String(err);
    }
  }
  return out;
}

describe('cluster checkpoints', () => {
  it('restore gives back the checkpointed cluster object by object, indexes and clock included', () => {
    const cluster = build();
    const before = dump(cluster);
    const onWorker1 = cluster.store.byIndex('Pod', 'node', 'worker-1').map((p) => p.metadata.name).sort();
    const cp = cluster.checkpoint();
    diverge(cluster);
    const after = dump(cluster);
    expect(withoutVersions(after)).not.toEqual(withoutVersions(before));
    const highest = cluster.store.resourceVersion();

    cluster.restore(cp);
    expect(cluster.clock.now()).toBe(START + 2 * MINUTE);
    const restored = dump(cluster);
    expect(restored).toEqual(before);
    for (const kind of Object.keys(before)) restored[kind]?.forEach((obj, i) => expect(obj).toBe(before[kind]?.[i]));
    expect(cluster.store.byIndex('Pod', 'node', 'worker-1').map((p) => p.metadata.name).sort()).toEqual(onWorker1);
    expect(cluster.store.byIndex('Pod', 'node', 'worker-2').every((p) => !p.metadata.deletionTimestamp)).toBe(true);

    // Resource versions never go back: the next write is numbered above the abandoned timeline.
    expect(cluster.store.resourceVersion()).toBeGreaterThan(highest);
    const written = taintNode(cluster, 'worker-3', { key: 'x', effect: 'NoSchedule' });
    expect(Number(written.metadata.resourceVersion)).toBeGreaterThan(highest);
  });

  it('the future after a restore is the future of a twin that never diverged', () => {
    const a = build();
    const b = build();
    expect(dump(a)).toEqual(dump(b));
    const cp = a.checkpoint();
    diverge(a);
    a.restore(cp);
    future(a);
    future(b);
    const da = dump(a);
    const db = dump(b);
    expect(da['Pod']?.map((p) => p.metadata.name)).toEqual(db['Pod']?.map((p) => p.metadata.name));
    expect(da['Event']?.length).toBeGreaterThan(50);
    expect(withoutVersions(da)).toEqual(withoutVersions(db));
    expect(logsOf(a)).toEqual(logsOf(b));
    expect(a.nextWake()).toBe(b.nextWake());
  });

  it('a checkpoint can be restored twice, the second time after a different divergence', () => {
    const a = build();
    const b = build();
    const before = dump(a);
    const cp = a.checkpoint();
    diverge(a);
    a.restore(cp);
    future(a);
    a.advance(20 * MINUTE);
    a.restore(cp);
    expect(dump(a)).toEqual(before);
    future(a);
    future(b);
    expect(withoutVersions(dump(a))).toEqual(withoutVersions(dump(b)));
    expect(logsOf(a)).toEqual(logsOf(b));
  });

  it('container logs and crash loops after a restore are those of the checkpointed runs', () => {
    const cluster = build();
    const logger = podOf(cluster, 'logger-', 'worker-3');
    const crasher = podOf(cluster, 'crasher-', 'worker-3');
    const logs = readLogs(cluster, 'default', logger.metadata.name);
    const previous = readLogs(cluster, 'default', crasher.metadata.name, { previous: true, timestamps: true });
    const restarts = crasher.status.containerStatuses?.[0]?.restartCount ?? 0;
    expect(logs).toContain('tick 3');
    expect(restarts).toBeGreaterThan(1);
    const cp = cluster.checkpoint();
    cluster.advance(10 * MINUTE);
    expect(readLogs(cluster, 'default', logger.metadata.name)).toContain('tick 100');
    expect(podOf(cluster, 'crasher-', 'worker-3').status.containerStatuses?.[0]?.restartCount).toBeGreaterThan(restarts);

    cluster.restore(cp);
    expect(readLogs(cluster, 'default', logger.metadata.name)).toBe(logs);
    expect(readLogs(cluster, 'default', crasher.metadata.name, { previous: true, timestamps: true })).toBe(previous);
    expect(podOf(cluster, 'crasher-', 'worker-3').status.containerStatuses?.[0]?.restartCount).toBe(restarts);
    cluster.advance(15_000);
    expect(readLogs(cluster, 'default', logger.metadata.name)).toBe(`${logs}tick 24\ntick 25\ntick 26\n`);
  });

  it('client watches end with Expired and re-list; the cluster’s own watches carry on', () => {
    const cluster = build();
    const cp = cluster.checkpoint();
    const cpRv = cluster.store.resourceVersion();
    const expiredWith: StoreError[] = [];
    const clientSeen: StoreEvent[] = [];
    cluster.store.watch({ kind: 'Pod', onExpired: (err) => expiredWith.push(err) }, (e) => clientSeen.push(e));
    const internalSeen: StoreEvent[] = [];
    cluster.store.watch({ kind: 'Node' }, (e) => internalSeen.push(e));
    diverge(cluster);
    const abandonedRv = cluster.store.resourceVersion();
    const seenBefore = clientSeen.length;
    expect(seenBefore).toBeGreaterThan(0);

    cluster.restore(cp);
    expect(expiredWith.map((e) => e.reason)).toEqual(['Expired']);
    expect(clientSeen).toHaveLength(seenBefore);
    // Resuming inside the abandoned timeline is refused; from before the checkpoint or a fresh list it works.
    expect(() => cluster.store.watch({ kind: 'Pod', sinceRv: abandonedRv }, () => undefined)).toThrow(/too old resource version/);
    const listRv = cluster.store.resourceVersion();
    const resumed: StoreEvent[] = [];
    cluster.store.watch({ kind: 'Node', sinceRv: listRv }, (e) => resumed.push(e));
    const replayed: StoreEvent[] = [];
    cluster.store.watch({ kind: 'Node', sinceRv: cpRv - 1 }, (e) => replayed.push(e));
    expect(replayed.every((e) => e.rv <= cpRv)).toBe(true);

    const internalBefore = internalSeen.length;
    taintNode(cluster, 'worker-1', { key: 'after', effect: 'NoSchedule' });
    cluster.settle();
    expect(internalSeen.length).toBeGreaterThan(internalBefore);
    expect(resumed.map((e) => e.object.metadata.name)).toContain('worker-1');
    expect(clientSeen).toHaveLength(seenBefore);
  });

  it('refuses a checkpoint of another cluster and moves a real clock back', () => {
    const a = build();
    const b = build();
    expect(() => b.restore(a.checkpoint())).toThrow(/another cluster/);
    const clock = new RealClock(10, START);
    clock.setTime(START - 60_000);
    expect(Math.abs(clock.now() - (START - 60_000))).toBeLessThan(5_000);
  });
});
