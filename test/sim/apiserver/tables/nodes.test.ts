import { describe, expect, it } from 'vitest';
import type { Node } from '../../../../src/cluster/types.js';
import { toTable } from '../../../../src/sim/apiserver/tables/index.js';
import { NOW, headers, node } from './builders.js';

function cells(n: Node): unknown[] {
  return toTable('Node', [n], { nowMs: NOW, resourceVersion: '1' }).rows[0]?.cells ?? [];
}

describe('Node table', () => {
  it('has printers.go column definitions', () => {
    const table = toTable('Node', [], { nowMs: NOW, resourceVersion: '1' });
    expect(headers(table)).toEqual([
      ['Name', 'string', 'name', 0],
      ['Status', 'string', '', 0],
      ['Roles', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['Version', 'string', '', 0],
      ['Internal-IP', 'string', '', 1],
      ['External-IP', 'string', '', 1],
      ['OS-Image', 'string', '', 1],
      ['Kernel-Version', 'string', '', 1],
      ['Container-Runtime', 'string', '', 1],
    ]);
    expect(table.columnDefinitions?.[1]?.description).toBe('The status of the node');
    expect(table.columnDefinitions?.[4]?.description).toBe('Kubelet Version reported by the node.');
  });

  it('prints a ready kind control plane in full', () => {
    expect(cells(node('kind-control-plane', { labels: { 'node-role.kubernetes.io/control-plane': '' } }))).toEqual([
      'kind-control-plane',
      'Ready',
      'control-plane',
      '3d5h',
      'v1.32.2',
      '172.18.0.3',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.8.0-45-generic',
      'containerd://1.7.18',
    ]);
  });

  it.each<[string, Node, string]>([
    ['ready', node('n'), 'Ready'],
    ['not ready', node('n', { ready: 'False' }), 'NotReady'],
    ['ready unknown (kubelet stopped posting)', node('n', { ready: 'Unknown' }), 'NotReady'],
    ['no Ready condition', node('n', { ready: 'absent' }), 'Unknown'],
    ['cordoned', node('n', { unschedulable: true }), 'Ready,SchedulingDisabled'],
    ['cordoned and down', node('n', { ready: 'Unknown', unschedulable: true }), 'NotReady,SchedulingDisabled'],
    ['uncordoned', node('n', { unschedulable: false }), 'Ready'],
  ])('STATUS %s', (_label, n, status) => {
    expect(cells(n)[1]).toBe(status);
  });

  it.each<[string, Record<string, string> | undefined, string]>([
    ['no labels', undefined, '<none>'],
    ['worker without role', { 'kubernetes.io/hostname': 'w' }, '<none>'],
    ['sorted and deduplicated', { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': 'true', 'kubernetes.io/role': 'worker' }, 'control-plane,worker'],
    ['legacy role label', { 'kubernetes.io/role': 'master' }, 'master'],
    ['empty legacy value and empty suffix ignored', { 'kubernetes.io/role': '', 'node-role.kubernetes.io/': '' }, '<none>'],
    ['sorted by byte order (uppercase first)', { 'node-role.kubernetes.io/ingress': '', 'node-role.kubernetes.io/Infra': '' }, 'Infra,ingress'],
  ])('ROLES %s', (_label, labels, roles) => {
    expect(cells(node('n', { labels }))[2]).toBe(roles);
  });

  it('falls back to <unknown> and <none> when nodeInfo and addresses are missing', () => {
    const n = node('bare');
    n.status = { conditions: [{ type: 'Ready', status: 'True' }] };
    n.metadata.creationTimestamp = '';
    expect(cells(n)).toEqual(['bare', 'Ready', '<none>', '<unknown>', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });

  it('takes the first address of each type', () => {
    const n = node('n');
    n.status.addresses = [
      { type: 'ExternalIP', address: '203.0.113.7' },
      { type: 'InternalIP', address: '10.0.0.4' },
      { type: 'InternalIP', address: '10.0.0.5' },
    ];
    expect(cells(n).slice(5, 7)).toEqual(['10.0.0.4', '203.0.113.7']);
  });
});
