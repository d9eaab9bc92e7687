/**
 * planDaemonSet: manage() (podsShouldBeOnNode), getUnscheduledPodsWithoutNode, the rolling
 * update as it follows manage, and updateDaemonSetStatus, ported from Kubernetes'
 * daemon_controller_test.go and update_test.go scenarios.
 */
import { describe, expect, it } from 'vitest';
import type { DaemonSetUpdateStrategy, Pod, Taint } from '../../../src/cluster/types.js';
import { allowsSurge, isPodUpdated } from '../../../src/sim/controllers/daemonset/plan.js';
import { Harness, at, daemonSet, node, nodes, plan, pod } from './builders.js';

/** daemon_controller_test.go updateStrategies(): OnDelete and RollingUpdate maxUnavailable 1. */
const STRATEGIES: [string, DaemonSetUpdateStrategy][] = [
  ['OnDelete', { type: 'OnDelete' }],
  ['RollingUpdate', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } }],
];
const SURGE: DaemonSetUpdateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } };
const ALL_STRATEGIES: [string, DaemonSetUpdateStrategy][] = [...STRATEGIES, ['RollingUpdate with surge', SURGE]];
const NO_SCHEDULE: Taint = { key: 'dedicated', value: 'x', effect: 'NoSchedule' };
const NO_EXECUTE: Taint = { key: 'dedicated', value: 'x', effect: 'NoExecute' };

describe('allowsSurge / isPodUpdated', () => {
  it.each<[string, DaemonSetUpdateStrategy, boolean]>([
    ['maxSurge 1', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }, true],
    ['maxSurge 1% (of one node rounds up to 1)', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '1%' } }, true],
    ['maxSurge 0', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, false],
    ['maxSurge 0%', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '0%' } }, false],
    ['no maxSurge', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } }, false],
    ['OnDelete', { type: 'OnDelete', rollingUpdate: { maxSurge: 1 } }, false],
  ])('%s → %s', (_name, strategy, want) => {
    expect(allowsSurge(daemonSet({ strategy }))).toBe(want);
  });

  it.each<[string, Pod, string, number | undefined, boolean]>([
    ['hash matches', pod('p', 'n', { hash: 'h1' }), 'h1', undefined, true],
    ['hash differs, no generation', pod('p', 'n', { hash: 'h0' }), 'h1', undefined, false],
    ['template generation label matches', pod('p', 'n', { hash: 'h0', gen: '3' }), 'h1', 3, true],
    ['template generation label differs', pod('p', 'n', { hash: 'h0', gen: '2' }), 'h1', 3, false],
    ['empty hash never matches', pod('p', 'n', { hash: '' }), '', undefined, false],
  ])('%s', (_name, p, hash, generation, want) => {
    expect(isPodUpdated(p, hash, generation)).toBe(want);
  });
});

describe('manage: podsShouldBeOnNode', () => {
  it.each(ALL_STRATEGIES)('%s: creates a pod on every eligible node without one, and only there', (_n, strategy) => {
    const r = plan(daemonSet({ strategy }), [...nodes(3), node('tainted', [NO_SCHEDULE])], [pod('p1', 'node-1', { hash: 'new', readyAt: 0 })]);
    expect(new Set(r.createOn)).toEqual(new Set(['node-0', 'node-2']));
    expect(r.deletePods).toEqual([]);
  });

  it.each(ALL_STRATEGIES)('%s: keeps a running pod on a node with an untolerated NoSchedule taint (counted misscheduled)', (_n, strategy) => {
    const r = plan(daemonSet({ strategy }), [node('tainted', [NO_SCHEDULE])], [pod('keep-running-me', 'tainted', { hash: 'new', readyAt: 0 })]);
    expect(r.createOn).toEqual([]);
    expect(r.deletePods).toEqual([]);
    expect(r.status).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 1 });
  });

  it.each(ALL_STRATEGIES)('%s: evicts a pod from a node with an untolerated NoExecute taint', (_n, strategy) => {
    const r = plan(daemonSet({ strategy }), [node('tainted', [NO_EXECUTE])], [pod('stop-running-me', 'tainted', { hash: 'new', readyAt: 0 })]);
    expect(r.deletePods).toEqual(['stop-running-me']);
    expect(r.createOn).toEqual([]);
  });

  it.each(ALL_STRATEGIES)('%s: launches on a tainted node when the template tolerates the taint', (_n, strategy) => {
    const ds = daemonSet({ strategy, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'x', effect: 'NoSchedule' }] });
    expect(plan(ds, [node('tainted', [NO_SCHEDULE])], []).createOn).toEqual(['tainted']);
  });

  it.each(ALL_STRATEGIES)('%s: launches on not-ready, unreachable and pressure-tainted nodes (default tolerations)', (_n, strategy) => {
    const list = [
      node('not-ready', [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]),
      node('unreachable', [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]),
      node('pressure', [
        { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
      ]),
      node('cordoned', [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]),
    ];
    expect(new Set(plan(daemonSet({ strategy }), list, []).createOn)).toEqual(new Set(['not-ready', 'unreachable', 'pressure', 'cordoned']));
  });

  it.each(STRATEGIES)('%s: a terminating pod neither blocks nor triggers anything (TestDaemonSetRespectsTermination)', (_n, strategy) => {
    const r = plan(daemonSet({ strategy }), nodes(1), [pod('node-0-', 'node-0', { hash: 'new', deleting: true })]);
    expect(r.createOn).toEqual([]);
    expect(r.deletePods).toEqual([]);
  });

  it('with surge a terminating pod already gets its successor (no non-deleted pod left on the node)', () => {
    const r = plan(daemonSet({ strategy: SURGE }), nodes(1), [pod('node-0-', 'node-0', { hash: 'new', deleting: true })]);
    expect(r.createOn).toEqual(['node-0']);
    expect(r.deletePods).toEqual([]);
  });

  it('without surge keeps only the oldest running pod: scheduled first, then creation time, then name', () => {
    const pods = [
      pod('c-unscheduled-oldest', 'node-0', { hash: 'new', created: 1, scheduled: false }),
      pod('b-young', 'node-0', { hash: 'new', created: 5 }),
      pod('z-old', 'node-0', { hash: 'new', created: 2 }),
      pod('a-old', 'node-0', { hash: 'new', created: 2 }),
    ];
    const r = plan(daemonSet(), nodes(1), pods);
    expect(new Set(r.deletePods)).toEqual(new Set(['c-unscheduled-oldest', 'b-young', 'z-old']));
  });

  describe('failed and succeeded pods (TestDaemonKillFailedPods)', () => {
    const failed = (i: number) => pod(`failed-${i}`, 'node-0', { hash: 'new', phase: 'Failed', created: i });
    const normal = (i: number) => pod(`normal-${i}`, 'node-0', { hash: 'new', created: 10 + i });
    it.each<[string, number, number, number, number, number]>([
      ['normal (do nothing)', 0, 1, 0, 0, 0],
      ['no pods (create 1)', 0, 0, 1, 0, 0],
      ['1 failed pod (kill 1), 0 normal pod (create 0; will create in the next sync)', 1, 0, 0, 1, 1],
      ['1 failed pod (kill 1), 3 normal pods (kill 2)', 1, 3, 0, 3, 1],
      ['2 failed pods, 1 normal pod: the backoff lets only one be killed per sync', 2, 1, 0, 1, 1],
    ])('%s', (_name, numFailed, numNormal, creates, deletes, events) => {
      for (const [, strategy] of STRATEGIES) {
        const pods = [...Array.from({ length: numFailed }, (_, i) => failed(i)), ...Array.from({ length: numNormal }, (_, i) => normal(i))];
        const r = plan(daemonSet({ strategy }), nodes(1), pods);
        expect(r.createOn).toHaveLength(creates);
        expect(r.deletePods).toHaveLength(deletes);
        expect(r.events).toHaveLength(events);
        expect(r.failedBackoffNodes).toEqual(numFailed > 0 ? ['node-0'] : []);
      }
    });

    it('with surge the failed pod is killed and its successor created in the same sync', () => {
      const r = plan(daemonSet({ strategy: SURGE }), nodes(1), [failed(0)]);
      expect(r).toMatchObject({ createOn: ['node-0'], deletePods: ['failed-0'], failedBackoffNodes: ['node-0'] });
    });

    it('records FailedDaemonPod with the exact message', () => {
      const r = plan(daemonSet(), nodes(1), [failed(0)]);
      expect(r.events).toEqual([{ type: 'Warning', reason: 'FailedDaemonPod', message: 'Found failed daemon pod default/failed-0 on node node-0, will try to kill it' }]);
      expect(r.deletePods).toEqual(['failed-0']);
    });

    it('backs off: inside the window nothing is killed and the sync is requeued for when it ends; at the end it is killed (TestDaemonKillFailedPodsBackoff)', () => {
      for (const [, strategy] of STRATEGIES) {
        const until = at(1000) + 1000;
        const waiting = plan(daemonSet({ strategy }), nodes(1), [failed(0)], { nowMs: until - 1, backoffUntil: { 'node-0': until } });
        expect(waiting).toMatchObject({ deletePods: [], events: [], failedBackoffNodes: [], requeueAt: until });
        const done = plan(daemonSet({ strategy }), nodes(1), [failed(0)], { nowMs: until, backoffUntil: { 'node-0': until } });
        expect(done.deletePods).toEqual(['failed-0']);
        expect(done.failedBackoffNodes).toEqual(['node-0']);
      }
    });

    it('deletes succeeded pods with a SucceededDaemonPod event and no backoff', () => {
      const r = plan(daemonSet(), nodes(1), [pod('done-1', 'node-0', { hash: 'new', phase: 'Succeeded' }), pod('done-2', 'node-0', { hash: 'new', phase: 'Succeeded' })]);
      expect(new Set(r.deletePods)).toEqual(new Set(['done-1', 'done-2']));
      expect(r.failedBackoffNodes).toEqual([]);
      expect(r.events).toEqual([
        { type: 'Normal', reason: 'SucceededDaemonPod', message: 'Found succeeded daemon pod default/done-1 on node node-0, will try to delete it' },
        { type: 'Normal', reason: 'SucceededDaemonPod', message: 'Found succeeded daemon pod default/done-2 on node node-0, will try to delete it' },
      ]);
    });

    it('a failed pod on a node that should not keep it is deleted without an event', () => {
      const r = plan(daemonSet(), [node('node-0', [NO_EXECUTE])], [failed(0)]);
      expect(r).toMatchObject({ deletePods: ['failed-0'], events: [], failedBackoffNodes: [] });
    });
  });

  describe('surge pruning (two pods allowed: oldest new + oldest old)', () => {
    const surge = daemonSet({ maxSurge: 1 });
    it.each<[string, Pod[], string[]]>([
      ['old ready, new not yet available → keep both', [pod('old', 'node-0', { readyAt: 0 }), pod('new', 'node-0', { hash: 'new', created: 1 })], []],
      ['old not ready → delete old', [pod('old', 'node-0'), pod('new', 'node-0', { hash: 'new', created: 1 })], ['old']],
      ['new available → delete old', [pod('old', 'node-0', { readyAt: 0 }), pod('new', 'node-0', { hash: 'new', created: 1, readyAt: 1 })], ['old']],
      [
        'extra new and old pods beyond the oldest of each are deleted',
        [
          pod('old-1', 'node-0', { readyAt: 0, created: 0 }),
          pod('old-2', 'node-0', { readyAt: 0, created: 1 }),
          pod('new-1', 'node-0', { hash: 'new', created: 2 }),
          pod('new-2', 'node-0', { hash: 'new', created: 3 }),
        ],
        ['old-2', 'new-2'],
      ],
      ['two new pods, no old → keep the oldest', [pod('new-1', 'node-0', { hash: 'new', created: 0 }), pod('new-2', 'node-0', { hash: 'new', created: 1 })], ['new-2']],
    ])('%s', (_name, pods, deleted) => {
      const r = plan(surge, nodes(1), pods);
      expect(new Set(r.deletePods)).toEqual(new Set(deleted));
    });

    it('creates when every pod on the node is terminating or failed in backoff', () => {
      const pods = [pod('going', 'node-0', { deleting: true }), pod('failed', 'node-0', { phase: 'Failed' })];
      const r = plan(surge, nodes(1), pods, { nowMs: at(10), backoffUntil: { 'node-0': at(20) } });
      expect(r.createOn).toEqual(['node-0']);
      expect(r.deletePods).toEqual([]);
      // the same without surge waits for the node to clear
      expect(plan(daemonSet(), nodes(1), pods, { nowMs: at(10), backoffUntil: { 'node-0': at(20) } }).createOn).toEqual([]);
    });
  });

  describe('getUnscheduledPodsWithoutNode', () => {
    it('deletes pods pinned to a node that does not exist only while they are unbound', () => {
      const pods = [pod('unbound', 'ghost', { scheduled: false, hash: 'new' }), pod('bound', 'ghost', { hash: 'new' })];
      const r = plan(daemonSet({ strategy: { type: 'OnDelete' } }), nodes(1), pods);
      expect(r.deletePods).toEqual(['unbound']);
      expect(r.createOn).toEqual(['node-0']);
      expect(r.status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 0, numberMisscheduled: 0 });
    });
  });
});

describe('updateDaemonSetStatus counts', () => {
  it('desired/current/ready/available/updated/misscheduled over a mixed cluster', () => {
    const ds = daemonSet({ generation: 4 });
    const list = [...nodes(4), node('tainted', [NO_SCHEDULE]), node('empty')];
    const pods = [
      pod('ready-new', 'node-0', { hash: 'new', readyAt: 0 }),
      pod('ready-old', 'node-1', { readyAt: 0 }),
      pod('unready-new', 'node-2', { hash: 'new' }),
      pod('terminating', 'node-3', { hash: 'new', readyAt: 0, deleting: true }),
      pod('misscheduled', 'tainted', { readyAt: 0 }),
    ];
    const r = plan(ds, list, pods);
    expect(r.status).toEqual({
      desiredNumberScheduled: 5,
      currentNumberScheduled: 4,
      numberReady: 3,
      numberAvailable: 3,
      updatedNumberScheduled: 3,
      numberUnavailable: 2,
      numberMisscheduled: 1,
      observedGeneration: 4,
    });
  });

  it('only the oldest pod on a node is counted', () => {
    const pods = [pod('old-unready', 'node-0', { hash: 'new', created: 0 }), pod('young-ready', 'node-0', { hash: 'new', created: 5, readyAt: 5 })];
    expect(plan(daemonSet({ strategy: { type: 'OnDelete' } }), nodes(1), pods).status).toMatchObject({ currentNumberScheduled: 1, numberReady: 0, updatedNumberScheduled: 1 });
  });

  it('zero counters that Kubernetes serialises with omitempty are left out', () => {
    const r = plan(daemonSet(), [], []);
    expect(r.status).toEqual({ desiredNumberScheduled: 0, currentNumberScheduled: 0, numberReady: 0, numberMisscheduled: 0 });
  });

  it('minReadySeconds: available only strictly after readiness + minReadySeconds, with a requeue for that instant', () => {
    const ds = daemonSet({ minReadySeconds: 10, strategy: { type: 'OnDelete' } });
    const pods = [pod('p', 'node-0', { hash: 'new', readyAt: 100 })];
    const atEdge = plan(ds, nodes(1), pods, { nowMs: at(110) });
    expect(atEdge.status).toMatchObject({ numberReady: 1, numberUnavailable: 1 });
    expect(atEdge.status.numberAvailable).toBeUndefined();
    expect(atEdge.requeueAt).toBe(at(110) + 1);
    const after = plan(ds, nodes(1), pods, { nowMs: at(110) + 1 });
    expect(after.status).toMatchObject({ numberReady: 1, numberAvailable: 1 });
    expect(after.status.numberUnavailable).toBeUndefined();
    expect(after.requeueAt).toBeUndefined();
  });

  it('a pod counts as updated through the pod-template-generation label alone', () => {
    const ds = daemonSet({ templateGeneration: '2', strategy: { type: 'OnDelete' } });
    const pods = [pod('by-gen', 'node-0', { hash: 'other', gen: '2' }), pod('stale', 'node-1', { hash: 'other', gen: '1' })];
    expect(plan(ds, nodes(2), pods).status.updatedNumberScheduled).toBe(1);
  });
});

describe('rolling update inside planDaemonSet', () => {
  it('OnDelete never deletes old pods', () => {
    const pods = nodes(3).map((n) => pod(`p-${n.metadata.name}`, n.metadata.name, { readyAt: 0 }));
    expect(plan(daemonSet({ strategy: { type: 'OnDelete' } }), nodes(3), pods)).toMatchObject({ createOn: [], deletePods: [] });
  });

  it('sees the pods manage deletes as gone: pruning duplicates frees the node for the budget', () => {
    // node-0 has two old pods; manage keeps the oldest. Kubernetes' rollingUpdate runs after
    // manage's delete is observed, so node-0 holds one available old pod, not duplicates.
    const pods = [pod('dup-a', 'node-0', { readyAt: 0, created: 0 }), pod('dup-b', 'node-0', { readyAt: 0, created: 1 }), pod('other', 'node-1', { readyAt: 0 })];
    const r = plan(daemonSet({ maxUnavailable: 3 }), nodes(2), pods);
    expect(new Set(r.deletePods)).toEqual(new Set(['dup-b', 'dup-a', 'other']));
  });

  it('counts the pod manage creates as a new, unavailable pod (surge next to a failed pod in backoff)', () => {
    const pods = [pod('failed-old', 'node-0', { phase: 'Failed' }), pod('ok-1', 'node-1', { readyAt: 0 }), pod('ok-2', 'node-2', { readyAt: 0 })];
    const r = plan(daemonSet({ maxSurge: 1 }), nodes(3), pods, { nowMs: at(10), backoffUntil: { 'node-0': at(20) } });
    // manage creates on node-0; that pod takes the only surge slot, so no surge onto node-1/2
    expect(r.createOn).toEqual(['node-0']);
    expect(r.deletePods).toEqual([]);
  });
});

describe('multi-sync rollouts (update_test.go, fake pod control semantics)', () => {
  const readyOld = (n: number) => nodes(n).map((x) => pod(`${x.metadata.name}-old`, x.metadata.name, { readyAt: 0 }));

  it('TestDaemonSetUpdatesPods: maxUnavailable 2 over 5 nodes', () => {
    const h = new Harness(daemonSet({ maxUnavailable: 2 }), nodes(5), readyOld(5));
    const steps: [number, number][] = [];
    for (let round = 0; round < 3; round++) {
      steps.push(h.sync(10 + round * 10), h.sync(11 + round * 10));
      h.setReady(true, 12 + round * 10);
    }
    steps.push(h.sync(50));
    expect(steps).toEqual([[0, 2], [2, 0], [0, 2], [2, 0], [0, 1], [1, 0], [0, 0]]);
    expect(h.pods.every((p) => p.metadata.labels?.['controller-revision-hash'] === 'new')).toBe(true);
  });

  it('TestDaemonSetUpdatesPodsWithMaxSurge: maxSurge 2 over 5 nodes', () => {
    const h = new Harness(daemonSet({ maxSurge: 2 }), nodes(5), readyOld(5));
    const steps: [number, number][] = [];
    for (let round = 0; round < 4; round++) {
      steps.push(h.sync(10 + round * 10), h.sync(11 + round * 10));
      h.setReady(true, 12 + round * 10);
    }
    expect(steps).toEqual([[2, 0], [0, 0], [2, 2], [0, 0], [1, 2], [0, 0], [0, 1], [0, 0]]);
    expect(h.pods).toHaveLength(5);
  });

  it('TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge: unready old pods, then minReadySeconds 15', () => {
    const unreadyOld = nodes(5).map((x) => pod(`${x.metadata.name}-v1`, x.metadata.name, { hash: 'v1' }));
    const h = new Harness(daemonSet({ maxSurge: 3 }), nodes(5), unreadyOld, 'v2');
    expect(h.sync(100)).toEqual([5, 0]); // every old pod is unavailable: replace at once
    expect(h.sync(200)).toEqual([0, 5]); // manage drops the unready old pods
    h.setReady(true, 200);

    h.ds = daemonSet({ maxSurge: 3, minReadySeconds: 15, image: 'foo3/bar3' });
    h.hash = 'v3';
    expect(h.sync(300)).toEqual([3, 0]);
    h.setReady(true, 300, (p) => p.metadata.labels?.['controller-revision-hash'] === 'v3', 2);
    const surged = new Set(h.pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === 'v3').map((p) => p.spec.nodeName));
    h.setReady(false, 300, (p) => !surged.has(p.spec.nodeName), 1);

    expect(h.sync(310)).toEqual([1, 0]); // new pods still inside minReadySeconds; the unready old one is replaced
    expect(h.sync(320)).toEqual([1, 3]); // two new pods available: their old pods go, plus the unready old one
    h.setReady(true, 320, (p) => p.metadata.labels?.['controller-revision-hash'] === 'v3');
    expect(h.sync(340)).toEqual([0, 2]);
    expect(h.sync(350)).toEqual([0, 0]);
    expect(h.nodeList.map((n) => h.hashOn(n.metadata.name))).toEqual(Array.from({ length: 5 }, () => ['v3']));
  });

  it('TestDaemonSetUpdatesPodsNotMatchTainstWithMaxSurge: the pod on a newly intolerant node goes once others are available', () => {
    const cp: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
    const list = [node('node-0', [cp]), ...nodes(5).slice(1)];
    const pods = list.map((x) => pod(`${x.metadata.name}-old`, x.metadata.name, { readyAt: 0 }));
    const h = new Harness(daemonSet({ maxSurge: 1 }), list, pods);
    const steps: [number, number][] = [];
    for (let round = 0; round < 5; round++) {
      steps.push(h.sync(10 + round * 10), h.sync(11 + round * 10));
      h.setReady(true, 12 + round * 10);
    }
    expect(steps).toEqual([[1, 1], [0, 0], [1, 1], [0, 0], [1, 1], [0, 0], [1, 1], [0, 0], [0, 1], [0, 0]]);
    expect(h.hashOn('node-0')).toEqual([]);
  });

  it('TestDaemonSetUpdatesSomeOldPodsNotReady: a second update replaces only maxUnavailable pods while the rest stay ready', () => {
    const h = new Harness(daemonSet({ maxUnavailable: 2 }), nodes(5), readyOld(5));
    expect([h.sync(10), h.sync(11), h.sync(12)]).toEqual([[0, 2], [2, 0], [0, 0]]);
    // the two new pods never become ready; the next template replaces them first
    h.hash = 'newer';
    expect([h.sync(20), h.sync(21), h.sync(22)]).toEqual([[0, 2], [2, 0], [0, 0]]);
    expect(h.pods.filter((p) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))).toHaveLength(3);
  });
});
