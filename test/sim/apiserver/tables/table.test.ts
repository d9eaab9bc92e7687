import { describe, expect, it } from 'vitest';
import type { Namespace } from '../../../../src/cluster/types.js';
import { genericTable, isIncludeObject, leaseTable, toTable } from '../../../../src/sim/apiserver/tables/index.js';
import { NOW, ago, daemonSet, headers, meta, node } from './builders.js';

function namespace(name: string, phase?: 'Active' | 'Terminating'): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { ...meta(name, { creationTimestamp: ago(2 * 86_400_000 + 3 * 3_600_000) }), namespace: undefined }, ...(phase ? { status: { phase } } : {}) };
}

describe('Table envelope', () => {
  const ds = daemonSet('logger');
  ds.metadata.labels = { app: 'logger' };

  it('embeds PartialObjectMetadata with the full ObjectMeta by default', () => {
    const table = toTable('DaemonSet', [ds], { nowMs: NOW, resourceVersion: '812' });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '812' });
    expect(table.rows[0]?.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: ds.metadata });
    expect(table.rows[0]).not.toHaveProperty('conditions');
  });

  it('embeds the whole object for includeObject=Object and nothing for None', () => {
    expect(toTable('DaemonSet', [ds], { nowMs: NOW, resourceVersion: '1', includeObject: 'Object' }).rows[0]?.object).toBe(ds);
    expect(toTable('DaemonSet', [ds], { nowMs: NOW, resourceVersion: '1', includeObject: 'None' }).rows[0]).toEqual({ cells: expect.any(Array) });
  });

  it('sends null column definitions for watch events after the first', () => {
    const table = toTable('DaemonSet', [ds], { nowMs: NOW, resourceVersion: '9', omitColumnDefinitions: true });
    expect(table.columnDefinitions).toBeNull();
    expect(JSON.parse(JSON.stringify(table))).toHaveProperty('columnDefinitions', null);
    expect(table.rows).toHaveLength(1);
  });

  it('serialises to the apiserver key order', () => {
    const json = JSON.stringify(toTable('Node', [node('n')], { nowMs: NOW, resourceVersion: '3' }));
    expect(json.startsWith('{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"3"},"columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"Name must be unique')).toBe(true);
  });

  it('refuses objects of another kind', () => {
    expect(() => toTable('Pod', [ds], { nowMs: NOW, resourceVersion: '1' })).toThrow(/another kind/);
  });

  it.each<[string, boolean]>([
    ['None', true],
    ['Metadata', true],
    ['Object', true],
    ['object', false],
    ['', false],
  ])('isIncludeObject(%j) is %s', (value, ok) => {
    expect(isIncludeObject(value)).toBe(ok);
  });
});

describe('Namespace, default and Lease tables', () => {
  it('prints namespaces as NAME STATUS AGE', () => {
    const table = toTable('Namespace', [namespace('default', 'Active'), namespace('old', 'Terminating'), namespace('raw')], { nowMs: NOW, resourceVersion: '1' });
    expect(headers(table)).toEqual([
      ['Name', 'string', 'name', 0],
      ['Status', 'string', '', 0],
      ['Age', 'string', '', 0],
    ]);
    expect(table.columnDefinitions?.[1]?.description).toBe('The status of the namespace');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['default', 'Active', '2d3h'],
      ['old', 'Terminating', '2d3h'],
      ['raw', '', '2d3h'],
    ]);
  });

  it('prints the default convertor as NAME and an RFC 3339 CREATED AT date', () => {
    const table = genericTable([{ metadata: meta('thing', { creationTimestamp: '2025-12-31T23:59:59.123Z' }) }, { metadata: meta('untimed', { creationTimestamp: '' }) }], { nowMs: NOW, resourceVersion: '5' });
    expect(headers(table)).toEqual([
      ['Name', 'string', 'name', 0],
      ['Created At', 'date', '', 0],
    ]);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['thing', '2025-12-31T23:59:59Z'],
      ['untimed', '0001-01-01T00:00:00Z'],
    ]);
  });

  it('prints leases as NAME HOLDER AGE', () => {
    const table = leaseTable([{ metadata: meta('worker-1', { namespace: 'kube-node-lease' }), spec: { holderIdentity: 'worker-1' } }, { metadata: meta('free') }], { nowMs: NOW, resourceVersion: '5' });
    expect(headers(table).map((h) => h[0])).toEqual(['Name', 'Holder', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['worker-1', 'worker-1', '5m'],
      ['free', '', '5m'],
    ]);
  });
});
