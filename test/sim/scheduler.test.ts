import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/cluster/types.js';
import { daemonSet, kindLikeCluster } from './fixtures.js';

function bigDaemonSet(name: string, cpu: string, priority?: number) {
  const ds = daemonSet(name, 'nginx:1.27');
  const c = ds.spec.template.spec.containers[0];
  if (c) c.resources = { requests: { cpu } };
  if (priority !== undefined) ds.spec.template.spec.priority = priority;
  return ds;
}

describe('scheduler-lite', () => {
  it('leaves a pod that does not fit Pending with the real FailedScheduling message and condition', () => {
    const cluster = kindLikeCluster(2);
    cluster.store.create(bigDaemonSet('hungry', '6'));
    cluster.advance(5_000);
    const pods = cluster.store.list('Pod');
    expect(pods).toHaveLength(2);
    const message =
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.";
    for (const pod of pods) {
      expect(pod.spec.nodeName).toBeUndefined();
      expect(pod.status.phase).toBe('Pending');
      expect(pod.status.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    }
    const events = cluster.store.list('Event').filter((e) => e.reason === 'FailedScheduling');
    expect(events.map((e) => e.message)).toEqual([message, message]);
  });

  it('preempts lower-priority pods to make room for a higher-priority DaemonSet pod', () => {
    const cluster = kindLikeCluster(1);
    cluster.store.create(bigDaemonSet('filler', '3'));
    cluster.advance(5_000);
    const filler = cluster.store.list('Pod').find((p) => p.metadata.name.startsWith('filler')) as Pod;
    expect(filler.spec.nodeName).toBe('worker-1');
    cluster.store.create(bigDaemonSet('critical', '2', 2000001000));
    cluster.settle();
    const critical = cluster.store.list('Pod').find((p) => p.metadata.name.startsWith('critical')) as Pod;
    expect(critical.status.nominatedNodeName).toBe('worker-1');
    expect(cluster.store.list('Event').some((e) => e.reason === 'Preempted' && e.involvedObject.name === filler.metadata.name)).toBe(true);
    cluster.advance(60_000);
    const bound = cluster.store.get('Pod', 'default', critical.metadata.name);
    expect(bound?.spec.nodeName).toBe('worker-1');
  });
});
