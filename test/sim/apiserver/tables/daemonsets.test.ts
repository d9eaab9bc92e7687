import { describe, expect, it } from 'vitest';
import type { ControllerRevision } from '../../../../src/cluster/types.js';
import { toTable } from '../../../../src/sim/apiserver/tables/index.js';
import { NOW, daemonSet, headers, meta } from './builders.js';

describe('DaemonSet table', () => {
  it('has printers.go column definitions', () => {
    const table = toTable('DaemonSet', [], { nowMs: NOW, resourceVersion: '1' });
    expect(headers(table)).toEqual([
      ['Name', 'string', 'name', 0],
      ['Desired', 'integer', '', 0],
      ['Current', 'integer', '', 0],
      ['Ready', 'integer', '', 0],
      ['Up-to-date', 'integer', '', 0],
      ['Available', 'integer', '', 0],
      ['Node Selector', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['Containers', 'string', '', 1],
      ['Images', 'string', '', 1],
      ['Selector', 'string', '', 1],
    ]);
    expect(table.columnDefinitions?.[1]?.description).toBe(
      'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
    );
    expect(table.columnDefinitions?.[10]?.description).toContain('If empty, defaulted to labels on Pod template.');
  });

  it('prints integer counters and the wide columns', () => {
    const ds = daemonSet(
      'fluentd',
      {
        template: {
          metadata: { labels: { app: 'fluentd' } },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd', 'a.b': 'x', a: 'y' },
            containers: [
              { name: 'fluentd', image: 'fluentd:v1.16' },
              { name: 'rotate', image: 'busybox:1.36' },
            ],
          },
        },
      },
      { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 1, numberAvailable: 2, numberMisscheduled: 0 },
    );
    const row = toTable('DaemonSet', [ds], { nowMs: NOW, resourceVersion: '1' }).rows[0];
    // NODE SELECTOR sorts whole `k=v` strings (labels.Set.String), so `a.b=x` precedes `a=y`.
    expect(row?.cells).toEqual([
      'fluentd',
      3,
      3,
      2,
      1,
      2,
      'a.b=x,a=y,disktype=ssd,kubernetes.io/os=linux',
      '5m',
      'fluentd,rotate',
      'fluentd:v1.16,busybox:1.36',
      'app=fluentd',
    ]);
  });

  it('prints zeros before the controller has written status, and <none> without a node selector', () => {
    const ds = daemonSet('fresh');
    expect(toTable('DaemonSet', [ds], { nowMs: NOW, resourceVersion: '1' }).rows[0]?.cells).toEqual([
      'fresh',
      0,
      0,
      0,
      0,
      0,
      '<none>',
      '5m',
      'fresh',
      'fluentd:v1.16',
      'app=fresh',
    ]);
  });

  it.each<[string, Parameters<typeof daemonSet>[1], string]>([
    ['match expressions sorted by key, values sorted', { selector: { matchLabels: { tier: 'node' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'legacy', operator: 'DoesNotExist' }] } }, 'env in (dev,prod),!legacy,tier=node'],
    ['exists and notin', { selector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['b'] }, { key: 'app', operator: 'Exists' }] } }, 'app,zone notin (b)'],
    ['empty selector', { selector: {} }, '<none>'],
  ])('SELECTOR %s', (_label, spec, text) => {
    expect(toTable('DaemonSet', [daemonSet('x', spec)], { nowMs: NOW, resourceVersion: '1' }).rows[0]?.cells[10]).toBe(text);
  });
});

describe('ControllerRevision table', () => {
  function revision(name: string, revisionNumber: number, owners?: ControllerRevision['metadata']['ownerReferences']): ControllerRevision {
    return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: meta(name, { ownerReferences: owners }), data: {}, revision: revisionNumber };
  }

  it('prints the controller as kind.group/name and the revision as an integer', () => {
    const table = toTable(
      'ControllerRevision',
      [
        revision('fluentd-7d9c5b6f8', 1, [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: 'u', controller: true, blockOwnerDeletion: true }]),
        revision('orphan-5f6d', 3),
        revision('owned-not-controlled', 2, [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'x', uid: 'u' }]),
        revision('core-owner', 4, [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', controller: true }]),
      ],
      { nowMs: NOW, resourceVersion: '1' },
    );
    expect(headers(table)).toEqual([
      ['Name', 'string', 'name', 0],
      ['Controller', 'string', '', 0],
      ['Revision', 'string', '', 0],
      ['Age', 'string', '', 0],
    ]);
    expect(table.columnDefinitions?.[1]?.description).toBe('Controller of the object');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['fluentd-7d9c5b6f8', 'daemonset.apps/fluentd', 1, '5m'],
      ['orphan-5f6d', '<none>', 3, '5m'],
      ['owned-not-controlled', '<none>', 2, '5m'],
      ['core-owner', 'pod/p', 4, '5m'],
    ]);
  });
});
