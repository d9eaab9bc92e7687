/** The real backend's action table: in step with the lesson registry, and the pure parts of apply and taint. */
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/lessons/actions/index.js';
import { REAL_ACTION_NAMES, withTaint } from '../../src/real/actions.js';
import { applyPatch } from '../../src/real/apply.js';

describe('real actions', () => {
  it('runs every action the lessons may use', () => {
    expect([...ACTIONS.keys()].filter((n) => !REAL_ACTION_NAMES.includes(n))).toEqual([]);
  });

  it('apply removes what the previous apply set and this manifest dropped, like kubectl apply', () => {
    const previous = { spec: { template: { spec: { nodeSelector: { cache: 'fast' }, containers: [{ name: 'a' }] } } }, metadata: { name: 'x' } };
    const next = { spec: { template: { spec: { affinity: { nodeAffinity: {} }, containers: [{ name: 'a' }] } } }, metadata: { name: 'x' } };
    expect(applyPatch(previous, next)).toEqual({ spec: { template: { spec: { nodeSelector: null, affinity: { nodeAffinity: {} }, containers: [{ name: 'a' }] } } }, metadata: { name: 'x' } });
    expect(applyPatch(undefined, next)).toEqual(next);
  });

  it('replaces a taint with the same key and effect and keeps the others', () => {
    const ts = [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'x', effect: 'NoExecute' }];
    expect(withTaint(ts, { key: 'a', value: 'y', effect: 'NoExecute' })).toEqual([{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'y', effect: 'NoExecute' }]);
  });
});
