import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/cluster/types.js';
import { toTable } from '../../../../src/sim/apiserver/tables/index.js';
import { NOW, ago, headers, pod, running, waiting } from './builders.js';

function cells(p: Pod): unknown[] {
  return toTable('Pod', [p], { nowMs: NOW, resourceVersion: '1' }).rows[0]?.cells ?? [];
}

describe('Pod table', () => {
  it('has printers.go column definitions', () => {
    const table = toTable('Pod', [], { nowMs: NOW, resourceVersion: '7' });
    expect(headers(table)).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
    const desc = Object.fromEntries((table.columnDefinitions ?? []).map((c) => [c.name, c.description]));
    expect(desc['Ready']).toBe('The aggregate readiness state of this pod for accepting traffic.');
    expect(desc['Restarts']).toBe('The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.');
    expect(desc['IP']).toBe('podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.');
    expect(desc['Age']).toMatch(/^CreationTimestamp is a timestamp .* in UTC\.\n\nPopulated by the system\. Read-only\. Null for lists\./);
    expect(table.rows).toEqual([]);
  });

  const crashed = { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(15_000), finishedAt: ago(10_000) } };
  it.each<[string, Pod, unknown[]]>([
    [
      'unscheduled',
      pod('p', [], { phase: 'Pending', status: { podIPs: undefined, podIP: undefined, containerStatuses: undefined } }),
      ['p', '0/1', 'Pending', '0', '5m', '<none>', 'worker-1', '<none>', '<none>'],
    ],
    ['creating', pod('p', [waiting('app', 'ContainerCreating')], { phase: 'Pending', status: { podIPs: undefined } }), ['p', '0/1', 'ContainerCreating', '0', '5m', '<none>', 'worker-1', '<none>', '<none>']],
    ['running', pod('p', [running('app')]), ['p', '1/1', 'Running', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>']],
    ['pull error', pod('p', [waiting('app', 'ErrImagePull')], { phase: 'Pending' }), ['p', '0/1', 'ErrImagePull', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>']],
    ['pull back-off', pod('p', [waiting('app', 'ImagePullBackOff')], { phase: 'Pending' }), ['p', '0/1', 'ImagePullBackOff', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>']],
    [
      'crashed',
      pod('p', [{ ...running('app'), ready: false, state: crashed, restartCount: 1, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(40_000) } } }]),
      ['p', '0/1', 'Error', '1 (40s ago)', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>'],
    ],
    [
      'crash loop',
      pod('p', [waiting('app', 'CrashLoopBackOff', { restartCount: 2, lastState: crashed })]),
      ['p', '0/1', 'CrashLoopBackOff', '2 (10s ago)', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>'],
    ],
    [
      'restarted long ago, now fine',
      pod('p', [running('app', { restartCount: 4, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: ago(3 * 3600_000 + 5 * 60_000) } } })]),
      ['p', '1/1', 'Running', '4 (3h5m ago)', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>'],
    ],
    [
      'terminating',
      pod('p', [running('app')], { meta: { deletionTimestamp: ago(-30_000), deletionGracePeriodSeconds: 30 } }),
      ['p', '1/1', 'Terminating', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>'],
    ],
    [
      'node lost while deleting',
      pod('p', [running('app')], { meta: { deletionTimestamp: ago(0) }, status: { reason: 'NodeLost' } }),
      ['p', '1/1', 'Unknown', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>'],
    ],
    [
      'completed',
      pod('p', [{ ...running('app'), ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }], { phase: 'Succeeded' }),
      ['p', '0/1', 'Completed', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>'],
    ],
    [
      'signal without reason',
      pod('p', [{ ...running('app'), ready: false, state: { terminated: { exitCode: 0, signal: 9 } } }], { phase: 'Failed' }),
      ['p', '0/1', 'Signal:9', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>'],
    ],
    [
      'first container state wins (visited last)',
      pod('p', [waiting('a', 'ImagePullBackOff'), waiting('b', 'CrashLoopBackOff')], { phase: 'Pending' }),
      ['p', '0/2', 'ImagePullBackOff', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>'],
    ],
    ['two of three ready', pod('p', [running('a'), running('b'), waiting('c', 'ContainerCreating')]), ['p', '2/3', 'ContainerCreating', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>']],
  ])('%s', (_label, p, expected) => {
    expect(cells(p)).toEqual(expected);
  });

  it('counts init-container restarts while an init container blocks the pod', () => {
    const p = pod('p', [waiting('app', 'PodInitializing')], { phase: 'Pending' });
    p.spec.initContainers = [{ name: 'setup', image: 'busybox' }];
    p.status.initContainerStatuses = [waiting('setup', 'CrashLoopBackOff', { restartCount: 3, lastState: { terminated: { exitCode: 1, finishedAt: ago(20_000) } } })];
    p.status.conditions = [{ type: 'Initialized', status: 'False', lastProbeTime: null, lastTransitionTime: ago(60_000) }];
    expect(cells(p).slice(1, 4)).toEqual(['0/1', 'Init:CrashLoopBackOff', '3 (20s ago)']);
  });

  it('counts sidecar restarts with the regular containers once initialized', () => {
    const p = pod('p', [running('app', { restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(90_000) } } })]);
    p.spec.initContainers = [
      { name: 'init', image: 'busybox' },
      { name: 'proxy', image: 'envoy', restartPolicy: 'Always' },
    ];
    p.status.initContainerStatuses = [
      { ...running('init'), ready: false, restartCount: 5, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      running('proxy', { restartCount: 1, lastState: { terminated: { exitCode: 2, finishedAt: ago(30_000) } } }),
    ];
    p.status.conditions = [{ type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: ago(60_000) }];
    expect(cells(p).slice(1, 4)).toEqual(['2/2', 'Running', '2 (30s ago)']);
  });

  it('reports readiness gates and the nominated node', () => {
    const p = pod('p', [running('app')], { status: { nominatedNodeName: 'worker-2' } });
    Object.assign(p.spec, { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] });
    p.status.conditions = [{ type: 'example.com/lb', status: 'True', lastProbeTime: null, lastTransitionTime: ago(1) }];
    expect(cells(p).slice(7)).toEqual(['worker-2', '1/2']);
  });

  it('marks finished pods with a Completed row condition', () => {
    const table = toTable('Pod', [pod('ok', [], { phase: 'Succeeded' }), pod('bad', [], { phase: 'Failed' }), pod('run', [running('app')])], { nowMs: NOW, resourceVersion: '1' });
    expect(table.rows.map((r) => r.conditions)).toEqual([
      [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
      [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }],
      undefined,
    ]);
  });
});
