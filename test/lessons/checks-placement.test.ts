import { describe, expect, it } from 'vitest';
import { explainPlacement } from '../../src/lessons/checks/index.js';
import { apply, check, cluster, daemonSet, reason } from './fixtures.js';

describe('placement checks explain themselves from the objects', () => {
  it('daemonSetExists names what exists instead', () => {
    const c = cluster();
    expect(reason(check(c, 'daemonSetExists', { daemonSet: 'agent' }))).toBe('There is no DaemonSet named agent in namespace default.');
    apply(c, daemonSet('other'));
    expect(reason(check(c, 'daemonSetExists', { daemonSet: 'agent' }))).toBe('There is no DaemonSet named agent in namespace default (DaemonSets there: other).');
    expect(reason(check(c, 'daemonSetExists', { daemonSet: 'other' }))).toBe('PASS');
  });

  it('podOnEveryEligibleNode waits for Ready pods on every wanted node', () => {
    const c = cluster();
    apply(c, daemonSet('agent'), 0);
    expect(reason(check(c, 'podOnEveryEligibleNode', { daemonSet: 'agent' }))).toMatch(/^pod agent-\w+ on worker-1 is (Pending|ContainerCreating)/);
    c.advance(60_000);
    expect(reason(check(c, 'podOnEveryEligibleNode', { daemonSet: 'agent' }))).toBe('PASS');
  });

  it('podOnNodes explains an untolerated taint with the taint and the key', () => {
    const c = cluster('mixed-hardware');
    apply(c, daemonSet('agent'));
    expect(reason(check(c, 'podOnNodes', { daemonSet: 'agent', nodes: ['worker-gpu-1'] }))).toBe(
      'agent has no pod on worker-gpu-1: worker-gpu-1 has taint gpu=true:NoSchedule; your pod template tolerates nothing with key gpu.',
    );
    apply(c, daemonSet('agent', { tolerations: [{ key: 'gpu', operator: 'Equal', value: 'false', effect: 'NoSchedule' }] }));
    expect(reason(check(c, 'podOnNodes', { daemonSet: 'agent', nodes: ['worker-gpu-1'] }))).toMatch(/your toleration \(gpu=false:NoSchedule\) does not match it/);
    apply(c, daemonSet('agent', { tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] }));
    expect(reason(check(c, 'podOnNodes', { daemonSet: 'agent', nodes: ['worker-gpu-1'] }))).toBe('PASS');
  });

  it('explainPlacement covers nodeSelector and required affinity', () => {
    const c = cluster('mixed-hardware');
    apply(c, daemonSet('ssd', { nodeSelector: { disktype: 'ssd' } }));
    const node = c.store.mustGet('Node', undefined, 'worker-hdd-1');
    const ds = c.store.mustGet('DaemonSet', 'default', 'ssd');
    expect(explainPlacement(node, ds)).toEqual(['worker-hdd-1 is not selected: nodeSelector disktype=ssd does not match (node has disktype=hdd)']);
    expect(reason(check(c, 'daemonSetUsesNodeSelector', { daemonSet: 'ssd', key: 'disktype', value: 'ssd' }))).toBe('PASS');
    expect(reason(check(c, 'daemonSetUsesNodeSelector', { daemonSet: 'ssd', key: 'disktype', value: 'hdd' }))).toBe('ssd selects disktype=ssd, not disktype=hdd.');
    expect(reason(check(c, 'noPodOnNode', { daemonSet: 'ssd', node: 'worker-hdd-1' }))).toBe('PASS');
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-size', operator: 'NotIn', values: ['small'] }] }] } } };
    apply(c, daemonSet('big', { affinity }));
    const small = c.store.mustGet('Node', undefined, 'worker-small-1');
    expect(explainPlacement(small, c.store.mustGet('DaemonSet', 'default', 'big'))[0]).toMatch(/^worker-small-1 is excluded by required node affinity/);
    expect(reason(check(c, 'daemonSetUsesNodeAffinity', { daemonSet: 'big', key: 'node-size', operator: 'NotIn' }))).toBe('PASS');
    expect(reason(check(c, 'daemonSetUsesNodeAffinity', { daemonSet: 'ssd', key: 'node-size' }))).toMatch(/has no required node affinity/);
  });

  it('noPodOnNode names the pod still there', () => {
    const c = cluster();
    apply(c, daemonSet('agent'));
    expect(reason(check(c, 'noPodOnNode', { daemonSet: 'agent', node: 'worker-2' }))).toMatch(/^agent still runs pod agent-\w+ on worker-2/);
    expect(reason(check(c, 'noPodOnNode', { daemonSet: 'agent', node: 'control-plane' }))).toBe('PASS');
  });

  it('daemonSetTolerates looks at the template, not at the node', () => {
    const c = cluster();
    const cp = { daemonSet: 'agent', key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
    apply(c, daemonSet('agent'));
    expect(reason(check(c, 'daemonSetTolerates', cp))).toBe(
      'The pod template of agent tolerates nothing with key node-role.kubernetes.io/control-plane; add a toleration for node-role.kubernetes.io/control-plane:NoSchedule.',
    );
    apply(c, daemonSet('agent', { tolerations: [{ operator: 'Exists' }] }));
    expect(reason(check(c, 'daemonSetTolerates', cp))).toBe('PASS');
  });

  it('node checks: taints and labels', () => {
    const c = cluster();
    expect(reason(check(c, 'nodeHasTaint', { node: 'worker-1', key: 'gpu' }))).toBe('worker-1 has no taint gpu (its taints: none).');
    expect(reason(check(c, 'nodeHasTaint', { node: 'control-plane', key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }))).toBe('PASS');
    expect(reason(check(c, 'nodeLacksTaint', { node: 'control-plane', key: 'node-role.kubernetes.io/control-plane' }))).toBe(
      'control-plane still has taint node-role.kubernetes.io/control-plane:NoSchedule.',
    );
    expect(reason(check(c, 'nodeHasLabel', { node: 'worker-1', key: 'disktype', value: 'ssd' }))).toBe('worker-1 has no label disktype (want disktype=ssd).');
    expect(reason(check(c, 'nodeHasLabel', { node: 'worker-9', key: 'x' }))).toBe('There is no node named worker-9 in the cluster.');
  });
});
