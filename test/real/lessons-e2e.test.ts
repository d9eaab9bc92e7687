/**
 * Every lesson, played with its solution through client-node against the simulator's API
 * server: the scenario's objects are applied through the API (the simulator starts with the
 * scenario's nodes only), setups and solutions run as API requests, and each step's check
 * must pass on the snapshot the informers keep.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/lessons/audit.js';
import { playLesson } from '../../src/lessons/backend-runner.js';
import { BUILTIN_COURSE_DIR, loadIndex, loadLesson } from '../../src/lessons/loader.js';
import { openRealBackend, type RealBackend } from '../../src/real/backend.js';
import { driveUntil, startSimServer, type SimServer } from './sim-server.js';

const ids = loadIndex(BUILTIN_COURSE_DIR);

describe('every lesson end to end through client-node', () => {
  let s: SimServer | undefined;
  let b: RealBackend | undefined;
  afterEach(async () => {
    await b?.close();
    await s?.close();
  });

  it.each(ids)('%s: the solution passes every step', async (id) => {
    const lesson = loadLesson(BUILTIN_COURSE_DIR, id);
    s = await startSimServer({ ...lesson.scenario, objects: [] });
    const sim = s;
    b = await openRealBackend({ kubeconfigPath: sim.kubeconfig, simulated: true, now: () => sim.clock.now() });
    expect(b.snapshot().daemonSets).toEqual([]);
    const played = await playLesson(b, lesson, { audit: new AuditLog(), waitUntil: (pred) => driveUntil(sim.cluster, pred), think: () => sim.cluster.advance(5000) });
    expect(played.filter((p) => p.status !== 'pass')).toEqual([]);
    expect(played.length).toBe(lesson.steps.filter((st) => st.kind !== 'question').length);
    // Everything went through the API server, none of it through the simulator's own operations.
    expect(sim.requests.some((r) => r.verb === 'create' && r.resource === 'daemonsets.apps')).toBe(true);
  }, 60_000);

  it('on a real cluster, a step whose setup adds a node is skipped with the reason, and the others still pass', async () => {
    const lesson = loadLesson(BUILTIN_COURSE_DIR, 'first-daemonset');
    s = await startSimServer({ ...lesson.scenario, objects: [] });
    const sim = s;
    b = await openRealBackend({ kubeconfigPath: sim.kubeconfig, kind: 'kind', now: () => sim.clock.now() });
    const played = await playLesson(b, lesson, { audit: new AuditLog(), waitUntil: (pred) => driveUntil(sim.cluster, pred) });
    const step = lesson.steps.find((st) => st.id === 'node-joins');
    expect(played.find((p) => p.stepId === 'node-joins')).toEqual({
      stepId: 'node-joins',
      status: 'skipped',
      reason: `Step "${step?.title ?? ''}" runs only in the simulator: this step adds a node to the cluster, which only the simulator can do (a kind cluster or an existing cluster has a fixed set of machines).`,
    });
    expect(played.filter((p) => p.status === 'pass').map((p) => p.stepId)).toEqual(['create']);
    expect(sim.requests.some((r) => r.verb === 'create' && r.resource === 'nodes')).toBe(false);
  }, 60_000);
});
