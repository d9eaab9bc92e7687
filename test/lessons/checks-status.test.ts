import { describe, expect, it } from 'vitest';
import { act, apply, check, cluster, daemonSet, reason } from './fixtures.js';

describe('podWithStatus waits for the symptom a lesson wants investigated', () => {
  it('names the statuses it sees until one pod is CrashLoopBackOff, and can look at one node', () => {
    const c = cluster();
    apply(c, daemonSet('crasher', { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo "config missing" >&2; exit 1'] }] }), 0);
    const params = { daemonSet: 'crasher', status: 'CrashLoopBackOff' };
    expect(reason(check(c, 'podWithStatus', params))).toMatch(/^No pod of crasher is CrashLoopBackOff \(yet\); kubectl get pods shows (Pending|ContainerCreating)/);
    c.advance(120_000);
    expect(reason(check(c, 'podWithStatus', params))).toBe('PASS');
    expect(reason(check(c, 'podWithStatus', { ...params, node: 'worker-2' }))).toBe('PASS');
    expect(reason(check(c, 'podWithStatus', { ...params, node: 'control-plane' }))).toBe('crasher has no pod on control-plane yet.');
  });

  it('reports Running pods as Running, and a missing DaemonSet by name', () => {
    const c = cluster();
    apply(c, daemonSet('fine'));
    expect(reason(check(c, 'podWithStatus', { daemonSet: 'fine', status: 'ImagePullBackOff' }))).toBe('No pod of fine is ImagePullBackOff (yet); kubectl get pods shows Running.');
    act(c, 'deleteObject', { kind: 'DaemonSet', name: 'fine' });
    expect(reason(check(c, 'podWithStatus', { daemonSet: 'fine', status: 'Running' }))).toBe('There is no DaemonSet named fine in namespace default.');
  });
});

describe('daemonSetPriorityClass explains what priority buys a DaemonSet pod', () => {
  it('fails without a class, names the wrong class, passes with the right one', () => {
    const c = cluster('mixed-hardware');
    const params = { daemonSet: 'agent', className: 'system-node-critical' };
    apply(c, daemonSet('agent'));
    expect(reason(check(c, 'daemonSetPriorityClass', params))).toBe(
      'The pod template of agent sets no priorityClassName, so its pods get priority 0 and cannot preempt anything; set `priorityClassName: system-node-critical` in spec.template.spec.',
    );
    apply(c, daemonSet('agent', { priorityClassName: 'system-cluster-critical' }));
    expect(reason(check(c, 'daemonSetPriorityClass', params))).toBe('The pod template of agent uses priorityClassName system-cluster-critical, not system-node-critical.');
    apply(c, daemonSet('agent', { priorityClassName: 'system-node-critical' }));
    expect(reason(check(c, 'daemonSetPriorityClass', params))).toBe('PASS');
  });
});
