import { describe, expect, it } from 'vitest';
import { taintNode } from '../../src/sim/operations.js';
import { daemonSet, kindLikeCluster } from './fixtures.js';

describe('taint eviction with tolerationSeconds', () => {
  it('counts each pod from when it was first seen on the tainted node, so a replacement gets the full time', () => {
    const cluster = kindLikeCluster(1);
    const ds = daemonSet('agent');
    ds.spec.template.spec.tolerations = [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }];
    cluster.store.create(ds);
    cluster.advance(10_000);
    const first = cluster.store.list('Pod')[0];
    taintNode(cluster, 'worker-1', { key: 'maintenance', value: 'now', effect: 'NoExecute' });
    cluster.advance(59_000);
    expect(cluster.store.get('Pod', 'default', first?.metadata.name ?? '')?.metadata.deletionTimestamp).toBeUndefined();
    cluster.advance(2_000);
    const evicted = cluster.store.get('Pod', 'default', first?.metadata.name ?? '');
    expect(evicted === undefined || evicted.metadata.deletionTimestamp !== undefined).toBe(true);
    expect(cluster.store.list('Event').filter((e) => e.reason === 'TaintManagerEviction')).toHaveLength(1);
    // The DaemonSet still tolerates the taint, so it replaces the pod; the replacement has its own 60 s.
    cluster.advance(5_000);
    const replacement = cluster.store.list('Pod').find((p) => p.metadata.name !== first?.metadata.name && !p.metadata.deletionTimestamp);
    expect(replacement).toBeDefined();
    cluster.advance(30_000);
    expect(cluster.store.get('Pod', 'default', replacement?.metadata.name ?? '')?.metadata.deletionTimestamp).toBeUndefined();
    expect(cluster.store.list('Event').filter((e) => e.reason === 'TaintManagerEviction')).toHaveLength(1);
  });
});
