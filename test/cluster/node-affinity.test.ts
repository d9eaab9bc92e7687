import { describe, expect, it } from 'vitest';
import {
  nodeMatchesNodeSelector,
  nodeMatchesRequiredAffinity,
  nodeSelectorMismatch,
  requiredAffinityMismatch,
} from '../../src/cluster/node-affinity.js';
import type { Affinity, NodeSelectorTerm } from '../../src/cluster/types.js';
import { node } from './fixtures.js';

const required = (...terms: NodeSelectorTerm[]): Affinity => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});

describe('nodeMatchesNodeSelector (TestNodeSelectorMatch cases)', () => {
  it.each<[string, Record<string, string> | undefined, Record<string, string>, boolean]>([
    ['no selector', undefined, {}, true],
    ['empty selector', {}, { a: 'b' }, true],
    ['missing labels', { foo: 'bar' }, {}, false],
    ['same labels', { foo: 'bar' }, { foo: 'bar' }, true],
    ['node labels are superset', { foo: 'bar' }, { foo: 'bar', baz: 'blah' }, true],
    ['node labels are subset', { foo: 'bar', baz: 'blah' }, { foo: 'bar' }, false],
    ['empty value must be present', { foo: '' }, {}, false],
  ])('%s', (_name, selector, labels, expected) => {
    expect(nodeMatchesNodeSelector(node('n1', labels), selector)).toBe(expected);
  });
});

describe('nodeSelectorMismatch', () => {
  it.each<[Record<string, string> | undefined, Record<string, string>, string | undefined]>([
    [{ disktype: 'ssd' }, { disktype: 'ssd' }, undefined],
    [undefined, {}, undefined],
    [{ disktype: 'ssd' }, { disktype: 'hdd' }, 'nodeSelector disktype=ssd does not match (node has disktype=hdd)'],
    [{ disktype: 'ssd' }, {}, 'nodeSelector disktype=ssd does not match (node has no disktype label)'],
    [{ zone: 'a', disktype: 'ssd' }, { zone: 'b' }, 'nodeSelector disktype=ssd does not match (node has no disktype label)'],
  ])('%j on %j → %s', (selector, labels, reason) => {
    expect(nodeSelectorMismatch(node('n1', labels), selector)).toBe(reason);
  });
});

describe('nodeMatchesRequiredAffinity (nodeaffinity_test.go cases)', () => {
  const labels = { foo: 'bar', kernel: '3', gpu: 'true' };
  it.each<[string, Affinity | undefined, boolean]>([
    ['no affinity', undefined, true],
    ['affinity without nodeAffinity', {}, true],
    ['nodeAffinity without required selector', { nodeAffinity: {} }, true],
    ['In matches', required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'bar'] }] }), true],
    ['Gt matches', required({ matchExpressions: [{ key: 'kernel', operator: 'Gt', values: ['0'] }] }), true],
    ['Gt equal does not match', required({ matchExpressions: [{ key: 'kernel', operator: 'Gt', values: ['3'] }] }), false],
    ['Lt matches', required({ matchExpressions: [{ key: 'kernel', operator: 'Lt', values: ['4'] }] }), true],
    ['Gt on non-integer label', required({ matchExpressions: [{ key: 'gpu', operator: 'Gt', values: ['0'] }] }), false],
    ['Gt with non-integer value is invalid', required({ matchExpressions: [{ key: 'kernel', operator: 'Gt', values: ['x'] }] }), false],
    ['NotIn matches', required({ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['value1'] }] }), true],
    ['NotIn on absent key matches', required({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }), true],
    ['Exists matches', required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }), true],
    ['DoesNotExist fails', required({ matchExpressions: [{ key: 'foo', operator: 'DoesNotExist' }] }), false],
    ['labels do not match', required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['x'] }] }), false],
    ['empty term list matches nothing', required(), false],
    ['empty term matches nothing', required({}), false],
    ['empty matchExpressions matches nothing', required({ matchExpressions: [] }), false],
    [
      'expressions within a term are ANDed (match)',
      required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }, { key: 'gpu', operator: 'In', values: ['true'] }] }),
      true,
    ],
    [
      'expressions within a term are ANDed (no match)',
      required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }, { key: 'gpu', operator: 'In', values: ['false'] }] }),
      false,
    ],
    [
      'terms are ORed',
      required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['x'] }] }, { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }),
      true,
    ],
    ['invalid value in term', required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['invalid value: ___@#$%^'] }] }), false],
    ['In with no values is invalid', required({ matchExpressions: [{ key: 'foo', operator: 'In', values: [] }] }), false],
    ['matchFields In matches', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_1'] }] }), true],
    ['matchFields In does not match', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_2'] }] }), false],
    ['matchFields NotIn', required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node_2'] }] }), true],
    ['matchFields with two values is invalid', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_1', 'x'] }] }), false],
    ['matchFields Exists is invalid', required({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }), false],
    ['unknown field never equals', required({ matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['uid-node_1'] }] }), false],
    [
      'two terms: fields miss, expressions match',
      required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_2'] }] }, { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }),
      true,
    ],
    [
      'one term: fields miss, expressions match',
      required({
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_2'] }],
        matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }],
      }),
      false,
    ],
    [
      'one term: both match',
      required({
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node_1'] }],
        matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }],
      }),
      true,
    ],
    [
      'invalid term is skipped, later term can still match',
      required({ matchExpressions: [{ key: 'foo', operator: 'In', values: [] }] }, { matchExpressions: [{ key: 'foo', operator: 'Exists' }] }),
      true,
    ],
  ])('%s', (_name, affinity, expected) => {
    expect(nodeMatchesRequiredAffinity(node('node_1', labels), affinity)).toBe(expected);
  });
});

describe('requiredAffinityMismatch', () => {
  const n = node('worker-2', { disktype: 'hdd', cores: 'many' });
  it.each<[Affinity | undefined, string | undefined]>([
    [undefined, undefined],
    [required({ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['hdd'] }] }), undefined],
    [
      required({ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] }),
      'node affinity: no nodeSelectorTerm matches (term 1: disktype In [ssd] — node has disktype=hdd)',
    ],
    [
      required({ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, { matchExpressions: [{ key: 'disktype', operator: 'NotIn', values: ['hdd', 'tape'] }] }),
      'node affinity: no nodeSelectorTerm matches (term 1: gpu Exists — node has no gpu label; term 2: disktype NotIn [hdd, tape] — node has disktype=hdd)',
    ],
    [
      required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }),
      'node affinity: no nodeSelectorTerm matches (term 1: cores Gt 4 — node has cores=many, not an integer)',
    ],
    [
      required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }),
      'node affinity: no nodeSelectorTerm matches (term 1: metadata.name In [worker-1] — node is named worker-2)',
    ],
    [required(), 'node affinity: nodeSelectorTerms is empty, which matches no node'],
    [required({}), 'node affinity: no nodeSelectorTerm matches (term 1: an empty term matches no node)'],
    [
      required({ matchExpressions: [{ key: 'disktype', operator: 'In', values: [] }] }),
      "node affinity: no nodeSelectorTerm matches (term 1: invalid term: nodeSelectorTerms[0].matchExpressions[0].values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty)",
    ],
  ])('%j → %s', (affinity, reason) => {
    expect(requiredAffinityMismatch(n, affinity)).toBe(reason);
    expect(nodeMatchesRequiredAffinity(n, affinity)).toBe(reason === undefined);
  });
});
