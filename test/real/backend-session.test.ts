/**
 * The lesson actor over the real backend (the simulator's API server playing a kind cluster):
 * it advances as the solution's API requests land, and a step whose setup adds a node is
 * skipped with the reason instead of waiting forever.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { actionOptions, scenarioPlan, solutionActions, stepUnsupported } from '../../src/lessons/backend-runner.js';
import { startBackendSession, type BackendSession } from '../../src/lessons/backend-session.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { openRealBackend, type RealBackend } from '../../src/real/backend.js';
import { driveUntil, startSimServer, type SimServer } from './sim-server.js';

describe('a lesson session over the real backend', () => {
  let s: SimServer | undefined;
  let b: RealBackend | undefined;
  let session: BackendSession | undefined;
  afterEach(async () => {
    session?.close();
    await b?.close();
    await s?.close();
  });

  it.each([
    ['first-daemonset', false],
    ['taints-in-depth', false],
    ['rollback-undo', true],
  ] as const)('%s: the learner’s actions move the lesson to its end (simulated API: %s)', async (id, simulated) => {
    const lesson = loadLesson(BUILTIN_COURSE_DIR, id);
    s = await startSimServer({ ...lesson.scenario, objects: [] });
    const sim = s;
    b = await openRealBackend({ kubeconfigPath: sim.kubeconfig, kind: 'kind', simulated, now: () => sim.clock.now() });
    const backend = b;
    await backend.prepare(scenarioPlan(lesson, sim.clock.now()), { lessonDir: lesson.dir });
    const notices: string[] = [];
    session = startBackendSession(backend, lesson, { throttleMs: 0, notice: (m) => notices.push(m) });
    const live = session;
    const solution = solutionActions(lesson);
    const opts = actionOptions(lesson, backend, live.audit);
    const at = () => live.actor.getSnapshot().context.stepIndex;
    for (const [i, step] of lesson.steps.entries()) {
      expect(await driveUntil(sim.cluster, () => at() >= i || live.actor.getSnapshot().status === 'done')).toBe(true);
      if (at() > i || live.actor.getSnapshot().status === 'done') continue;
      if (step.kind === 'question') live.actor.send({ type: 'answer.submitted', choice: step.answer });
      else for (const a of solution.get(step.id) ?? []) await backend.run(a, opts);
    }
    expect(await driveUntil(sim.cluster, () => live.actor.getSnapshot().status === 'done')).toBe(true);
    const { done, skipped } = live.actor.getSnapshot().context;
    const needsSim = lesson.steps.filter((st) => stepUnsupported(st, backend) !== undefined);
    expect(skipped).toEqual(needsSim.map((st) => st.id));
    expect(done.length + skipped.length).toBe(lesson.steps.length);
    expect(notices).toEqual(needsSim.map((st) => expect.stringMatching(new RegExp(`^Step "${st.title}" runs only in the simulator: this step `))));
  }, 60_000);
});
