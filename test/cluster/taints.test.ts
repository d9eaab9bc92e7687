import { describe, expect, it } from 'vitest';
import {
  findUntoleratedTaint,
  noExecuteEviction,
  taintToString,
  toleratesTaint,
  tolerationToString,
  type EvictionDecision,
} from '../../src/cluster/taints.js';
import type { Taint, Toleration } from '../../src/cluster/types.js';

const taint = (key: string, value: string | undefined, effect: Taint['effect']): Taint => (value === undefined ? { key, effect } : { key, value, effect });

describe('toleratesTaint (core/v1 toleration_test.go cases)', () => {
  const t = taint('foo', 'bar', 'NoSchedule');
  it.each<[string, Toleration, Taint, boolean]>([
    ['empty toleration and effect', { operator: 'Exists' }, t, true],
    ['Equal with same key/value/effect', { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, t, true],
    ['operator defaults to Equal', { key: 'foo', value: 'bar', effect: 'NoSchedule' }, t, true],
    ['Equal with different value', { key: 'foo', operator: 'Equal', value: 'baz', effect: 'NoSchedule' }, t, false],
    ['Equal against an empty taint value', { key: 'foo', operator: 'Equal', value: '', effect: 'NoSchedule' }, taint('foo', undefined, 'NoSchedule'), true],
    ['Exists ignores the value', { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, t, true],
    ['different key', { key: 'other', operator: 'Exists' }, t, false],
    ['empty effect matches all effects', { key: 'foo', operator: 'Exists' }, taint('foo', 'bar', 'NoExecute'), true],
    ['different effect', { key: 'foo', operator: 'Exists', effect: 'NoExecute' }, t, false],
    ['PreferNoSchedule toleration vs NoSchedule taint', { key: 'foo', operator: 'Exists', effect: 'PreferNoSchedule' }, t, false],
    ['empty key + Exists + effect', { operator: 'Exists', effect: 'NoSchedule' }, t, true],
    ['empty key + Exists + other effect', { operator: 'Exists', effect: 'NoExecute' }, t, false],
    ['empty key with Equal compares values only', { operator: 'Equal', value: 'bar' }, t, true],
    ['unknown operator tolerates nothing', { key: 'foo', operator: 'Lt' as 'Exists', value: '5' }, t, false],
  ])('%s', (_name, toleration, tnt, expected) => {
    expect(toleratesTaint(toleration, tnt)).toBe(expected);
  });
});

describe('findUntoleratedTaint', () => {
  const taints = [taint('a', undefined, 'PreferNoSchedule'), taint('b', '1', 'NoSchedule'), taint('c', undefined, 'NoExecute')];
  it.each<[string, Toleration[] | undefined, ((t: Taint) => boolean) | undefined, string | undefined]>([
    ['no tolerations, no filter → first taint', undefined, undefined, 'a'],
    ['filter skips PreferNoSchedule', undefined, (t) => t.effect !== 'PreferNoSchedule', 'b'],
    ['NoExecute only', [], (t) => t.effect === 'NoExecute', 'c'],
    ['tolerated b leaves c', [{ key: 'b', operator: 'Exists' }], (t) => t.effect !== 'PreferNoSchedule', 'c'],
    ['everything tolerated', [{ operator: 'Exists' }], undefined, undefined],
  ])('%s', (_name, tolerations, filter, key) => {
    expect(findUntoleratedTaint(taints, tolerations, filter)?.key).toBe(key);
  });

  it('handles nodes without taints', () => {
    expect(findUntoleratedTaint(undefined, [])).toBeUndefined();
  });
});

describe('taintToString / tolerationToString', () => {
  it.each<[Taint, string]>([
    [taint('dedicated', 'gpu', 'NoSchedule'), 'dedicated=gpu:NoSchedule'],
    [taint('node-role.kubernetes.io/control-plane', undefined, 'NoSchedule'), 'node-role.kubernetes.io/control-plane:NoSchedule'],
    [taint('k', '', 'NoExecute'), 'k:NoExecute'],
  ])('%j → %s', (t, printed) => {
    expect(taintToString(t)).toBe(printed);
  });

  it.each<[Toleration, string]>([
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, 'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s'],
    [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }, 'node.kubernetes.io/unschedulable:NoSchedule op=Exists'],
    [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, 'dedicated=gpu:NoSchedule'],
    [{ operator: 'Exists' }, 'op=Exists'],
    [{ key: 'k' }, 'k'],
  ])('%j → %s', (t, printed) => {
    expect(tolerationToString(t)).toBe(printed);
  });
});

describe('noExecuteEviction (taint eviction controller timing)', () => {
  const ne = (key: string): Taint => taint(key, undefined, 'NoExecute');
  it.each<[string, Taint[], Toleration[], EvictionDecision]>([
    ['no taints → never', [], [], { evict: 'never' }],
    ['only NoSchedule taints are ignored', [taint('x', undefined, 'NoSchedule')], [], { evict: 'never' }],
    ['untolerated NoExecute → now', [ne('x')], [], { evict: 'now', taint: ne('x') }],
    ['tolerated forever → never', [ne('x')], [{ key: 'x', operator: 'Exists' }], { evict: 'never' }],
    ['tolerated for 30s → after 30', [ne('x')], [{ key: 'x', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }], { evict: 'after', seconds: 30 }],
    [
      'minimum over taints',
      [ne('x'), ne('y')],
      [
        { key: 'x', operator: 'Exists', tolerationSeconds: 300 },
        { key: 'y', operator: 'Exists', tolerationSeconds: 60 },
      ],
      { evict: 'after', seconds: 60 },
    ],
    [
      'one forever, one timed → timed',
      [ne('x'), ne('y')],
      [{ key: 'x', operator: 'Exists' }, { key: 'y', operator: 'Exists', tolerationSeconds: 60 }],
      { evict: 'after', seconds: 60 },
    ],
    ['negative seconds → 0', [ne('x')], [{ key: 'x', operator: 'Exists', tolerationSeconds: -5 }], { evict: 'after', seconds: 0 }],
    [
      'one untolerated among tolerated → now',
      [ne('x'), ne('y')],
      [{ key: 'x', operator: 'Exists', tolerationSeconds: 10 }],
      { evict: 'now', taint: ne('y') },
    ],
    [
      'only the first matching toleration counts (forever first)',
      [ne('x')],
      [{ operator: 'Exists' }, { key: 'x', operator: 'Exists', tolerationSeconds: 10 }],
      { evict: 'never' },
    ],
    [
      'only the first matching toleration counts (timed first)',
      [ne('x')],
      [{ key: 'x', operator: 'Exists', tolerationSeconds: 10 }, { operator: 'Exists' }],
      { evict: 'after', seconds: 10 },
    ],
  ])('%s', (_name, taints, tolerations, decision) => {
    expect(noExecuteEviction(taints, tolerations)).toEqual(decision);
  });
});
