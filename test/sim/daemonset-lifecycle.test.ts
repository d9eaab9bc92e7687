import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/cluster/types.js';
import { daemonSet, kindLikeCluster, node } from './fixtures.js';

function pods(cluster: ReturnType<typeof kindLikeCluster>): Pod[] {
  return cluster.store.list('Pod');
}

describe('DaemonSet controller in the simulated cluster', () => {
  it('creates one pod per eligible node and reports status once they are ready', () => {
    const cluster = kindLikeCluster(3);
    cluster.store.create(daemonSet('agent'));
    cluster.settle();
    expect(pods(cluster)).toHaveLength(3);
    expect(cluster.runUntil(() => cluster.store.get('DaemonSet', 'default', 'agent')?.status?.numberAvailable === 3)).toBe(true);
    const ds = cluster.store.get('DaemonSet', 'default', 'agent');
    expect(ds?.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberMisscheduled: 0, observedGeneration: 1 });
    const nodes = pods(cluster).map((p) => p.spec.nodeName).sort();
    expect(nodes).toEqual(['worker-1', 'worker-2', 'worker-3']);
    for (const p of pods(cluster)) {
      expect(p.status.phase).toBe('Running');
      expect(p.metadata.labels?.['controller-revision-hash']).toMatch(/^[4-9bcdf]+$/);
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'DaemonSet', name: 'agent', controller: true });
    }
    expect(cluster.store.list('ControllerRevision')).toHaveLength(1);
  });

  it('adds a pod when a node joins and garbage-collects it when the node leaves', () => {
    const cluster = kindLikeCluster(2);
    cluster.store.create(daemonSet('agent'));
    cluster.advance(30_000);
    cluster.store.create(node('worker-9', { index: 9 }));
    cluster.advance(30_000);
    expect(pods(cluster).map((p) => p.spec.nodeName).sort()).toEqual(['worker-1', 'worker-2', 'worker-9']);
    cluster.store.delete('Node', undefined, 'worker-9');
    cluster.advance(60_000);
    expect(pods(cluster).map((p) => p.spec.nodeName).sort()).toEqual(['worker-1', 'worker-2']);
    expect(cluster.store.get('DaemonSet', 'default', 'agent')?.status?.desiredNumberScheduled).toBe(2);
  });
});
