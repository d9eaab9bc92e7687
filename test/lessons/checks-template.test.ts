import { describe, expect, it } from 'vitest';
import { apply, check, cluster, daemonSet, reason } from './fixtures.js';

const varlog = { name: 'varlog', hostPath: { path: '/var/log' } };
const container = (mount?: Record<string, unknown>) => ({ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'sleep infinity'], ...(mount ? { volumeMounts: [mount] } : {}) });

describe('pod-template checks for node agents', () => {
  it('daemonSetMountsHostPath walks volume, mount and readOnly, saying which link is missing', () => {
    const c = cluster();
    const params = { daemonSet: 'agent', path: '/var/log', readOnly: true };
    apply(c, daemonSet('agent'));
    expect(reason(check(c, 'daemonSetMountsHostPath', params))).toBe('The pod template of agent has no hostPath volume for /var/log; add one under spec.template.spec.volumes (`hostPath: {path: /var/log}`).');
    apply(c, daemonSet('agent', { volumes: [varlog], containers: [container()] }));
    expect(reason(check(c, 'daemonSetMountsHostPath', params))).toBe('agent has the hostPath volume varlog for /var/log, but no container mounts it: add a volumeMounts entry with `name: varlog`.');
    expect(reason(check(c, 'daemonSetMountsHostPath', { ...params, container: 'other' }))).toBe('agent has the hostPath volume varlog for /var/log, but container other does not mount it: add a volumeMounts entry with `name: varlog`.');
    apply(c, daemonSet('agent', { volumes: [varlog], containers: [container({ name: 'varlog', mountPath: '/host/log' })] }));
    expect(reason(check(c, 'daemonSetMountsHostPath', params))).toBe('Container main of agent mounts /var/log read-write at /host/log; a collector only reads logs, so add `readOnly: true` to that volumeMount.');
    expect(reason(check(c, 'daemonSetMountsHostPath', { daemonSet: 'agent', path: '/var/log/' }))).toBe('PASS');
    apply(c, daemonSet('agent', { volumes: [varlog], containers: [container({ name: 'varlog', mountPath: '/var/log', readOnly: true })] }));
    expect(reason(check(c, 'daemonSetMountsHostPath', params))).toBe('PASS');
  });

  it('daemonSetToleratesEverything spots the catch-all, and `not` can say why it is unwanted', () => {
    const c = cluster();
    apply(c, daemonSet('agent', { tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] }));
    const ref = { daemonSet: 'agent' };
    expect(reason(check(c, 'daemonSetToleratesEverything', ref))).toBe('The pod template of agent has no catch-all toleration (`operator: Exists` without a key); it tolerates only the taints it names.');
    const notEverything = { check: { name: 'daemonSetToleratesEverything', params: ref }, reason: 'agent tolerates every taint; name the ones you need.' };
    expect(reason(check(c, 'not', notEverything))).toBe('PASS');
    apply(c, daemonSet('agent', { tolerations: [{ operator: 'Exists' }] }));
    expect(reason(check(c, 'daemonSetToleratesEverything', ref))).toBe('PASS');
    expect(reason(check(c, 'not', notEverything))).toBe('agent tolerates every taint; name the ones you need.');
    expect(reason(check(c, 'not', { check: notEverything.check }))).toBe('expected the opposite: daemonSetToleratesEverything passes');
  });
});
