/**
 * update.go arithmetic and rollingUpdate(), ported from Kubernetes' update_test.go
 * (TestGetUnavailableNumbers and the TestDaemonSetUpdates* scenarios) as tables over NodePods.
 */
import { describe, expect, it } from 'vitest';
import type { IntOrString, Pod } from '../../../src/cluster/types.js';
import { planRollingUpdate, rolloutBudget, scaledValue, type NodePods } from '../../../src/sim/controllers/daemonset/rolling.js';
import { at, daemonSet, pod } from './builders.js';

const NOW = 1000;
const ready = (name: string, hash = 'old') => pod(name, 'n', { hash, readyAt: 0 });
const notReady = (name: string, hash = 'old') => pod(name, 'n', { hash });

function nodePods(node: string, pods: { oldPod?: Pod; newPod?: Pod; ok?: boolean; shouldRun?: boolean; nodeMissing?: boolean }): NodePods {
  return { node, ok: pods.ok ?? true, shouldRun: pods.shouldRun ?? true, ...pods };
}

/** n nodes node-<start>.. each with one old pod, ready or not. */
function oldNodes(n: number, isReady: boolean, start = 0): NodePods[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `node-${String(start + i).padStart(2, '0')}`;
    return nodePods(name, { oldPod: isReady ? ready(`old-${name}`) : notReady(`old-${name}`) });
  });
}

describe('scaledValue (intstr.GetScaledValueFromIntOrPercent, round up)', () => {
  it.each<[IntOrString | undefined, number, number]>([
    [1, 5, 1],
    [2, 5, 2],
    [0, 5, 0],
    ['10%', 5, 1],
    ['10%', 10, 1],
    ['10%', 11, 2],
    ['50%', 5, 3],
    ['50%', 2, 1],
    ['30%', 10, 3],
    ['100%', 2, 2],
    ['0%', 5, 0],
    ['1%', 1, 1],
    ['50%', 0, 0],
    [undefined, 5, 0],
  ])('%s of %i → %i', (value, total, want) => {
    expect(scaledValue(value, total)).toBe(want);
  });
});

describe('rolloutBudget (updatedDesiredNodeCounts, TestGetUnavailableNumbers)', () => {
  it.each<[string, Parameters<typeof daemonSet>[0], number, { maxSurge: number; maxUnavailable: number }]>([
    ['no nodes, maxUnavailable 0', { maxUnavailable: 0 }, 0, { maxSurge: 0, maxUnavailable: 0 }],
    ['two nodes, maxUnavailable 1', { maxUnavailable: 1 }, 2, { maxSurge: 0, maxUnavailable: 1 }],
    ['two nodes, maxUnavailable 0 (impossible) → 1', { maxUnavailable: 0 }, 2, { maxSurge: 0, maxUnavailable: 1 }],
    ['two nodes, surge 0 and unavailable 0 → unavailable 1', { maxUnavailable: 0, maxSurge: 0 }, 2, { maxSurge: 0, maxUnavailable: 1 }],
    ['maxUnavailable 50% of 2', { maxUnavailable: '50%' }, 2, { maxSurge: 0, maxUnavailable: 1 }],
    ['maxUnavailable 50% of 3 rounds up', { maxUnavailable: '50%' }, 3, { maxSurge: 0, maxUnavailable: 2 }],
    ['maxUnavailable 10% of 5 rounds up', { maxUnavailable: '10%' }, 5, { maxSurge: 0, maxUnavailable: 1 }],
    ['maxSurge 50% of 2', { maxSurge: '50%' }, 2, { maxSurge: 1, maxUnavailable: 0 }],
    ['maxSurge 100% of 2', { maxSurge: '100%' }, 2, { maxSurge: 2, maxUnavailable: 0 }],
    ['maxSurge 2', { maxSurge: 2 }, 5, { maxSurge: 2, maxUnavailable: 0 }],
    ['no rollingUpdate block, no nodes → 0 (UnavailableCount with nil RollingUpdate)', { strategy: { type: 'RollingUpdate' } }, 0, { maxSurge: 0, maxUnavailable: 0 }],
    ['no rollingUpdate block, nodes → 1', { strategy: { type: 'RollingUpdate' } }, 3, { maxSurge: 0, maxUnavailable: 1 }],
    ['OnDelete counts nothing but keeps the unavailable-1 floor', { strategy: { type: 'OnDelete' } }, 3, { maxSurge: 0, maxUnavailable: 1 }],
  ])('%s', (_name, opts, desired, want) => {
    expect(rolloutBudget(daemonSet(opts), desired)).toEqual(want);
  });
});

function roll(opts: Parameters<typeof daemonSet>[0], nodes: NodePods[], desired = nodes.filter((n) => n.shouldRun).length, seconds = NOW) {
  return planRollingUpdate(daemonSet(opts), nodes, desired, at(seconds));
}

describe('planRollingUpdate, maxSurge == 0 (delete old, let manage recreate)', () => {
  it('deletes maxUnavailable available old pods (TestDaemonSetUpdatesPods, maxUnavailable 2)', () => {
    const r = roll({ maxUnavailable: 2 }, oldNodes(5, true));
    expect(r.createOn).toEqual([]);
    expect(r.deletePods).toHaveLength(2);
    expect(new Set(r.deletePods).size).toBe(2);
    expect(r.deletePods.every((n) => n.startsWith('old-'))).toBe(true);
  });

  it.each<[IntOrString, number]>([
    [1, 1],
    [3, 3],
    ['10%', 1],
    ['50%', 3],
    ['100%', 5],
    [10, 5],
  ])('maxUnavailable %s over 5 available old pods deletes %i', (maxUnavailable, want) => {
    expect(roll({ maxUnavailable }, oldNodes(5, true)).deletePods).toHaveLength(want);
  });

  it('replaces every unavailable old pod regardless of the budget (TestDaemonSetUpdatesAllOldPodsNotReady)', () => {
    const nodes = oldNodes(5, false);
    expect(new Set(roll({ maxUnavailable: 3 }, nodes).deletePods)).toEqual(new Set(nodes.map((n) => n.oldPod?.metadata.name)));
  });

  it('counts new-but-unavailable pods against the budget (TestDaemonSetUpdatesWhenNewPodIsNotReady)', () => {
    const nodes = [
      ...Array.from({ length: 3 }, (_, i) => nodePods(`new-${i}`, { newPod: notReady(`p-new-${i}`, 'new') })),
      ...oldNodes(2, true),
    ];
    expect(roll({ maxUnavailable: 3 }, nodes).deletePods).toEqual([]);
    expect(roll({ maxUnavailable: 4 }, nodes).deletePods).toHaveLength(1);
  });

  it('available new pods do not use the budget', () => {
    const nodes = [nodePods('a', { newPod: ready('p-a', 'new') }), nodePods('b', { newPod: ready('p-b', 'new') }), ...oldNodes(2, true)];
    expect(roll({ maxUnavailable: 2 }, nodes).deletePods).toHaveLength(2);
  });

  it('minReadySeconds: a new pod ready exactly minReadySeconds ago is still unavailable (strictly after)', () => {
    const fresh = pod('p-new', 'n', { hash: 'new', readyAt: NOW - 10 });
    const nodes = [nodePods('a', { newPod: fresh }), ...oldNodes(1, true)];
    expect(roll({ maxUnavailable: 1, minReadySeconds: 10 }, nodes, 2, NOW).deletePods).toEqual([]);
    expect(roll({ maxUnavailable: 1, minReadySeconds: 10 }, nodes, 2, NOW + 0.001).deletePods).toEqual(['old-node-00']);
  });

  it.each<[string, NodePods]>([
    ['a node without pods (manage will create)', nodePods('empty', {})],
    ['a node with both an old and a new pod', nodePods('both', { oldPod: ready('o'), newPod: ready('n', 'new') })],
    ['a node with duplicate pods (ok=false)', nodePods('dup', { ok: false })],
  ])('%s counts as unavailable', (_name, special) => {
    expect(roll({ maxUnavailable: 1 }, [special, ...oldNodes(3, true)]).deletePods).toEqual([]);
    expect(roll({ maxUnavailable: 2 }, [special, ...oldNodes(3, true)]).deletePods).toHaveLength(1);
  });

  it('with 88 unavailable new, 2 unavailable old and 10 available old pods deletes only the 2 unavailable old (TestDaemonSetUpdatesAllOldNotReadyPodsAndNewNotReadyPods)', () => {
    const nodes = [
      ...oldNodes(10, true, 0),
      ...oldNodes(2, false, 10),
      ...Array.from({ length: 88 }, (_, i) => nodePods(`node-n${i}`, { newPod: notReady(`new-${i}`, 'new') })),
    ];
    expect(new Set(roll({ maxUnavailable: 10 }, nodes).deletePods)).toEqual(new Set(['old-node-10', 'old-node-11']));
  });

  it('keeps the available old pods while 10 unavailable ones are replaced (TestDaemonSetUpdatesSaveOldHealthyPods)', () => {
    for (const maxUnavailable of [0, 1, 5, 9, 10]) {
      const r = roll({ maxUnavailable }, [...oldNodes(10, true, 0), ...oldNodes(10, false, 10)]);
      expect(r.deletePods.filter((p) => Number(p.slice(-2)) < 10)).toEqual([]);
      expect(r.deletePods).toHaveLength(10);
    }
    expect(roll({ maxUnavailable: 11 }, [...oldNodes(10, true, 0), ...oldNodes(10, false, 10)]).deletePods).toHaveLength(11);
  });

  it('nothing to do when every pod is new and available (TestDaemonSetUpdatesNoTemplateChanged)', () => {
    const nodes = Array.from({ length: 5 }, (_, i) => nodePods(`n${i}`, { newPod: ready(`p${i}`, 'new') }));
    expect(roll({ maxUnavailable: 3 }, nodes)).toEqual({ deletePods: [], createOn: [] });
  });
});

describe('planRollingUpdate, maxSurge > 0 (create new next to old, then delete old)', () => {
  it('surges onto maxSurge nodes with available old pods (TestDaemonSetUpdatesPodsWithMaxSurge)', () => {
    const r = roll({ maxSurge: 2 }, oldNodes(5, true));
    expect(r.deletePods).toEqual([]);
    expect(r.createOn).toHaveLength(2);
  });

  it.each<[IntOrString, number]>([
    [1, 1],
    ['20%', 1],
    ['30%', 2],
    ['100%', 5],
    [9, 5],
  ])('maxSurge %s over 5 nodes creates %i', (maxSurge, want) => {
    expect(roll({ maxSurge }, oldNodes(5, true)).createOn).toHaveLength(want);
  });

  it('deletes the old pod once the new pod on its node is available', () => {
    const r = roll({ maxSurge: 1 }, [nodePods('a', { oldPod: ready('old-a'), newPod: ready('new-a', 'new') }), ...oldNodes(2, true)]);
    expect(r.deletePods).toEqual(['old-a']);
    expect(r.createOn).toEqual(['node-00']);
  });

  it('a new pod that is not yet available holds a surge slot', () => {
    const waiting = nodePods('a', { oldPod: ready('old-a'), newPod: notReady('new-a', 'new') });
    expect(roll({ maxSurge: 1 }, [waiting, ...oldNodes(2, true)])).toEqual({ deletePods: [], createOn: [] });
    expect(roll({ maxSurge: 2 }, [waiting, ...oldNodes(2, true)]).createOn).toHaveLength(1);
  });

  it('duplicates on a node (ok=false) hold a surge slot', () => {
    expect(roll({ maxSurge: 1 }, [nodePods('dup', { ok: false }), ...oldNodes(2, true)])).toEqual({ deletePods: [], createOn: [] });
  });

  it('an unavailable old pod gets its replacement at once, beyond maxSurge (TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge)', () => {
    const nodes = oldNodes(5, false);
    expect(new Set(roll({ maxSurge: 3 }, nodes).createOn)).toEqual(new Set(nodes.map((n) => n.node)));
    const full = [nodePods('busy', { oldPod: ready('old-busy'), newPod: notReady('new-busy', 'new') }), ...oldNodes(1, false), ...oldNodes(1, true, 5)];
    expect(roll({ maxSurge: 1 }, full).createOn).toEqual(['node-00']);
  });

  it('nodes that only have a new pod are left to manage', () => {
    expect(roll({ maxSurge: 1 }, [nodePods('a', { newPod: notReady('n', 'new') }), nodePods('b', {})])).toEqual({ deletePods: [], createOn: [] });
  });

  it('an unavailable old pod on a node that should no longer run it is deleted', () => {
    const r = roll({ maxSurge: 1 }, [nodePods('gone', { oldPod: notReady('old-gone'), shouldRun: false }), ...oldNodes(2, true)]);
    expect(r.deletePods).toEqual(['old-gone']);
    expect(r.createOn).toEqual(['node-00']);
  });

  it('an available old pod on a node that should not run is deleted only while more pods are available than desired', () => {
    const sunset = nodePods('sunset', { oldPod: ready('old-sunset'), shouldRun: false });
    // available: sunset + 2 others = 3 > desired 2 → delete one
    expect(roll({ maxSurge: 1 }, [sunset, ...oldNodes(2, true)]).deletePods).toEqual(['old-sunset']);
    // available: sunset + 1 (the other old pod is unready) = 2, desired 2 → keep it
    expect(roll({ maxSurge: 1 }, [sunset, ...oldNodes(1, true), ...oldNodes(1, false, 1)]).deletePods).toEqual([]);
  });

  it('waits (acts on nothing) while an old pod sits on a node that no longer exists: nodeLister.Get fails', () => {
    const missing = nodePods('deleted-node', { oldPod: ready('old-x'), shouldRun: false, nodeMissing: true });
    expect(roll({ maxSurge: 2 }, [missing, ...oldNodes(3, true)])).toEqual({ deletePods: [], createOn: [] });
    // under maxSurge 0 the node is merely counted (no node lookup there)
    expect(roll({ maxUnavailable: 2 }, [missing, ...oldNodes(3, true)]).deletePods).toHaveLength(2);
  });
});
