import { describe, expect, it } from 'vitest';
import {
  DAEMON_DEFAULT_TOLERATIONS,
  nodeShouldRunDaemonPod,
  withDefaultDaemonTolerations,
} from '../../src/cluster/daemon-placement.js';
import type { PodSpec, Taint, Toleration } from '../../src/cluster/types.js';
import { daemonSet, node } from './fixtures.js';

const defaults: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const networkUnavailable: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };

describe('withDefaultDaemonTolerations (AddOrUpdateDaemonPodTolerations)', () => {
  it('exports the defaults in controller order', () => {
    expect(DAEMON_DEFAULT_TOLERATIONS).toEqual(defaults);
  });

  const user: Toleration = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };
  it.each<[string, Toleration[] | undefined, boolean, Toleration[]]>([
    ['none → the six defaults', undefined, false, defaults],
    ['hostNetwork adds network-unavailable last', [], true, [...defaults, networkUnavailable]],
    ['user tolerations come first', [user], false, [user, ...defaults]],
    ['an identical default is not duplicated', [defaults[5] as Toleration], false, [defaults[5] as Toleration, ...defaults.slice(0, 5)]],
    [
      'same key/effect/operator/value with tolerationSeconds is replaced in place (becomes infinite)',
      [{ ...(defaults[0] as Toleration), tolerationSeconds: 300 }, user],
      false,
      [defaults[0] as Toleration, user, ...defaults.slice(1)],
    ],
    [
      'a different operator is a different toleration (default appended)',
      [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      false,
      [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, ...defaults],
    ],
    [
      'a missing effect is a different toleration (default appended)',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }],
      false,
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }, ...defaults],
    ],
  ])('%s', (_name, tolerations, hostNetwork, expected) => {
    expect(withDefaultDaemonTolerations(tolerations, hostNetwork)).toEqual(expected);
  });

  it('does not mutate its input', () => {
    const input: Toleration[] = [{ ...(defaults[0] as Toleration), tolerationSeconds: 300 }];
    withDefaultDaemonTolerations(input, false);
    expect(input).toEqual([{ ...(defaults[0] as Toleration), tolerationSeconds: 300 }]);
  });
});

const ns = (key: string, value?: string): Taint => ({ key, ...(value === undefined ? {} : { value }), effect: 'NoSchedule' });
const ne = (key: string, value?: string): Taint => ({ key, ...(value === undefined ? {} : { value }), effect: 'NoExecute' });

describe('nodeShouldRunDaemonPod (TestNodeShouldRunDaemonPod and taint cases)', () => {
  const labels = { name: 'simple-daemon', type: 'production' };
  it.each<[string, Partial<PodSpec>, Taint[], boolean, boolean, string[]]>([
    ['plain DaemonSet', {}, [], true, true, []],
    ['template nodeName is this node', { nodeName: 'test-node' }, [], true, true, []],
    ['template pins another node', { nodeName: 'other-node' }, [], false, false, ['pod template pins nodeName other-node']],
    ['nodeSelector matches', { nodeSelector: { type: 'production' } }, [], true, true, []],
    [
      'nodeSelector does not match',
      { nodeSelector: { disktype: 'ssd' } },
      [],
      false,
      false,
      ['nodeSelector disktype=ssd does not match (node has no disktype label)'],
    ],
    [
      'required affinity does not match',
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: ['test'] }] }] } } } },
      [],
      false,
      false,
      ['node affinity: no nodeSelectorTerm matches (term 1: type In [test] — node has type=production)'],
    ],
    [
      'required affinity matches',
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: ['production'] }] }] } } } },
      [],
      true,
      true,
      [],
    ],
    ['untolerated NoSchedule keeps running pods', {}, [ns('dedicated', 'gpu')], false, true, ['taint dedicated=gpu:NoSchedule not tolerated']],
    ['untolerated NoExecute evicts', {}, [ne('dedicated', 'gpu')], false, false, ['taint dedicated=gpu:NoExecute not tolerated']],
    ['PreferNoSchedule is ignored', {}, [{ key: 'soft', effect: 'PreferNoSchedule' }], true, true, []],
    ['tolerated NoSchedule', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }, [ns('dedicated', 'gpu')], true, true, []],
    [
      'control-plane taint skipped unless tolerated',
      {},
      [ns('node-role.kubernetes.io/control-plane')],
      false,
      true,
      ['taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated'],
    ],
    ['control-plane taint tolerated', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }, [ns('node-role.kubernetes.io/control-plane')], true, true, []],
    ['cordoned node: unschedulable taint is a default toleration', {}, [ns('node.kubernetes.io/unschedulable')], true, true, []],
    ['not-ready NoExecute is a default toleration', {}, [ne('node.kubernetes.io/not-ready'), ne('node.kubernetes.io/unreachable')], true, true, []],
    ['memory/disk/pid pressure are default tolerations', {}, [ns('node.kubernetes.io/memory-pressure'), ns('node.kubernetes.io/disk-pressure'), ns('node.kubernetes.io/pid-pressure')], true, true, []],
    [
      'network-unavailable blocks pods without hostNetwork',
      {},
      [ns('node.kubernetes.io/network-unavailable')],
      false,
      true,
      ['taint node.kubernetes.io/network-unavailable:NoSchedule not tolerated'],
    ],
    ['network-unavailable tolerated with hostNetwork', { hostNetwork: true }, [ns('node.kubernetes.io/network-unavailable')], true, true, []],
    [
      'every reason is listed',
      { nodeName: 'elsewhere', nodeSelector: { type: 'test' } },
      [ns('a', '1'), ne('b')],
      false,
      false,
      ['pod template pins nodeName elsewhere', 'nodeSelector type=test does not match (node has type=production)', 'taint a=1:NoSchedule not tolerated', 'taint b:NoExecute not tolerated'],
    ],
    [
      'NoSchedule taint plus failing selector → not even continue',
      { nodeSelector: { type: 'test' } },
      [ns('a')],
      false,
      false,
      ['nodeSelector type=test does not match (node has type=production)', 'taint a:NoSchedule not tolerated'],
    ],
  ])('%s', (_name, spec, taints, shouldRun, shouldContinueRunning, reasons) => {
    const result = nodeShouldRunDaemonPod(node('test-node', labels, taints), daemonSet(spec));
    expect(result).toEqual({ shouldRun, shouldContinueRunning, reasons });
  });

  it('ignores spec.unschedulable itself (cordon works through the taint)', () => {
    const n = node('test-node', labels);
    n.spec.unschedulable = true;
    expect(nodeShouldRunDaemonPod(n, daemonSet()).shouldRun).toBe(true);
  });

  it('gives the same answer on repeated calls with a cached template', () => {
    const ds = daemonSet({ tolerations: [{ key: 'x', operator: 'Exists' }] });
    const n = node('test-node', labels, [ns('x'), ns('y')]);
    expect(nodeShouldRunDaemonPod(n, ds)).toEqual(nodeShouldRunDaemonPod(n, ds));
    expect(nodeShouldRunDaemonPod(n, ds).reasons).toEqual(['taint y:NoSchedule not tolerated']);
  });
});
