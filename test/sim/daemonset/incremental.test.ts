/**
 * The controller's incremental planner must decide exactly what planDaemonSet decides from
 * scratch: random walks of pod, node and revision changes compare the two after every step.
 */
import { describe, expect, it } from 'vitest';
import { nodeShouldRunDaemonPod } from '../../../src/cluster/daemon-placement.js';
import type { Node, Pod } from '../../../src/cluster/types.js';
import { IncrementalPlanner } from '../../../src/sim/controllers/daemonset/incremental.js';
import { planDaemonSet, type DaemonSetPlanInput } from '../../../src/sim/controllers/daemonset/plan.js';
import { targetNodeName } from '../../../src/sim/controllers/pod-util.js';
import { seededRandom } from '../../../src/sim/random.js';
import { at, daemonSet, node, pod, withReady, type DsOpts } from './builders.js';

function byNode(pods: readonly Pod[]): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const p of pods) {
    const n = targetNodeName(p);
    if (n !== undefined) out.set(n, [...(out.get(n) ?? []), p]);
  }
  return out;
}

function walk(seed: number, opts: DsOpts, steps: number): void {
  const rng = seededRandom(seed);
  const pick = (n: number) => Math.floor(rng.next() * n);
  const ds = daemonSet(opts);
  let nodeList: Node[] = Array.from({ length: 12 }, (_, i) => node(`node-${String(i).padStart(2, '0')}`));
  const pods: Pod[] = nodeList.slice(0, 8).map((n, i) => pod(`p-${i}`, n.metadata.name, { readyAt: 0 }));
  let hash = 'old';
  let serial = 100;
  const planner = new IncrementalPlanner();
  let changed: Set<string> | undefined;
  for (let step = 0; step < steps; step++) {
    const nowMs = at(step * 7);
    const backoffUntil = at(step * 7 - 5 + pick(10));
    const input: DaemonSetPlanInput = {
      ds,
      hash,
      nodes: nodeList,
      podsByNode: byNode(pods),
      placement: (n) => nodeShouldRunDaemonPod(n, ds),
      failedBackoffUntil: (n) => (n.endsWith('3') ? backoffUntil : undefined),
      nowMs,
    };
    expect(planner.plan(input, changed), `seed ${seed} step ${step}`).toEqual(planDaemonSet(input));
    changed = new Set();
    const touch = (p: Pod) => changed?.add(targetNodeName(p) ?? '');
    for (let k = 0; k < 3; k++) {
      const i = pick(pods.length);
      const p = pods[i];
      switch (pick(8)) {
        case 0:
        case 1:
          if (p) pods[i] = withReady(p, pick(3) > 0, step * 7);
          break;
        case 2:
          if (p) pods.splice(i, 1);
          break;
        case 3: {
          const n = nodeList[pick(nodeList.length)];
          if (n) pods.push(pod(`p-${serial++}`, n.metadata.name, { hash: pick(2) ? hash : 'old', created: step, phase: (['Running', 'Failed', 'Succeeded', 'Pending'] as const)[pick(4)] }));
          break;
        }
        case 4: {
          const j = pick(nodeList.length);
          const n = nodeList[j];
          if (n) nodeList = nodeList.map((x, xi) => (xi === j ? node(n.metadata.name, n.spec.taints ? undefined : [{ key: 'k', value: 'v', effect: 'NoSchedule' }]) : x));
          break;
        }
        case 5:
          if (pick(4) === 0) nodeList = pick(2) && nodeList.length > 4 ? nodeList.slice(1) : [...nodeList, node(`node-z${serial++}`)];
          break;
        case 6:
          if (pick(6) === 0) hash = hash === 'old' ? 'new' : 'old';
          break;
        default:
          if (p) pods[i] = { ...p, metadata: { ...p.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
      }
      if (p) touch(p);
      const last = pods[pods.length - 1];
      if (last) touch(last);
    }
    if (pick(10) === 0) changed = undefined;
  }
}

describe('incremental DaemonSet planning', () => {
  it.each([
    ['maxUnavailable 2', { maxUnavailable: 2 }],
    ['maxSurge 3', { maxSurge: 3 }],
    ['minReadySeconds 10', { maxUnavailable: '25%', minReadySeconds: 10 }],
    ['OnDelete', { strategy: { type: 'OnDelete' as const } }],
  ])('matches planDaemonSet step by step (%s)', (_name, opts: DsOpts) => {
    for (let seed = 1; seed <= 8; seed++) walk(seed, opts, 60);
  });
});
