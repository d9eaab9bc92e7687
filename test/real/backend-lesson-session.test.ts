/**
 * The TUI's lesson session on a real cluster (the simulator's API server playing a kind
 * cluster, reached through client-node): the lesson is set up through the backend, real
 * kubectl from the built-in command line (with the context passed) applies the solution and
 * is seen by the checks, the simulator-only step is skipped with the reason on screen, the
 * time keys say why they do nothing, and opening again (a reset) re-runs the setup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackendLesson, UNSEEN_COMMANDS } from '../../src/app/backend-lesson-session.js';
import { startBuiltinCommand } from '../../src/app/builtin-command.js';
import { NO_TIME_CONTROLS, type LessonSession } from '../../src/app/lesson-session.js';
import type { ScenarioPlan } from '../../src/cluster/backend.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import { openRealBackend, type RealBackend } from '../../src/real/backend.js';
import { kubectlAvailable } from '../e2e/harness.js';
import { driveUntil, startSimServer, waitFor, type SimServer } from './sim-server.js';

describe.runIf(kubectlAvailable())('a TUI lesson session over the real backend', () => {
  const lesson = loadLesson(BUILTIN_COURSE_DIR, 'first-daemonset');
  let s: SimServer;
  let b: RealBackend;
  let dir: string;
  beforeAll(async () => {
    s = await startSimServer({ ...lesson.scenario, objects: [] });
    const sim = s;
    b = await openRealBackend({ kubeconfigPath: sim.kubeconfig, context: 'learn-daemonsets', kind: 'kind', now: () => sim.clock.now() });
    dir = mkdtempSync(join(tmpdir(), 'ld-tui-real-'));
  });
  afterAll(async () => {
    await b.close();
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (prepared: ScenarioPlan[] = []): Promise<LessonSession> =>
    openBackendLesson('first-daemonset', {
      backend: b,
      target: { kubeconfig: s.kubeconfig, cacheDir: join(dir, 'cache'), context: 'learn-daemonsets' },
      courseDir: BUILTIN_COURSE_DIR,
      progress: new ProgressStore({ dir }),
      log: () => undefined,
      onPrepared: (plan) => prepared.push(plan),
      throttleMs: 0,
    });

  /** Runs one line as the built-in command line does; resolves with its output. */
  const run = (session: LessonSession, line: string): Promise<string[]> =>
    new Promise((resolve) => {
      const out: string[] = [];
      startBuiltinCommand(line, { ...session.target, audit: session.audit, now: () => session.now(), onLines: (l) => out.push(...l), onDone: () => resolve(out) });
    });

  it('plays first-daemonset with real kubectl on the : line and completes', async () => {
    const prepared: ScenarioPlan[] = [];
    const session = await open(prepared);
    try {
      expect(prepared).toHaveLength(1);
      expect(session.capabilities).toEqual({ timeControls: false, practice: false });
      expect(session.view().notice).toBe(UNSEEN_COMMANDS);
      expect(session.view().map.nodes.map((n) => n.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);

      session.togglePause();
      expect(session.view().notice).toBe(NO_TIME_CONTROLS);
      expect(session.view().paused).toBe(false);

      const out = await run(session, `kubectl apply -f ${join(lesson.dir, 'solution', 'daemonset.yaml')}`);
      expect(out).toContain('daemonset.apps/node-agent created');
      expect(session.audit.entries().map((e) => e.command)).toContain('kubectl apply');
      expect(await driveUntil(s.cluster, () => session.actor.getSnapshot().context.stepIndex >= 1)).toBe(true);
      expect(session.actor.getSnapshot().context.done).toEqual(['create']);
      await waitFor(() => session.view().map.nodes.some((n) => n.pods.some((p) => p.name.startsWith('node-agent-'))));

      session.actor.send({ type: 'answer.submitted', choice: 'taint' });
      // The next step adds a node: skipped on a real cluster, its reason shown as the notice.
      await waitFor(() => session.actor.getSnapshot().status === 'done');
      expect(session.actor.getSnapshot().context.skipped).toEqual(['node-joins']);
      await waitFor(() => session.view().notice?.startsWith('Step "') === true);
      expect(session.view().notice).toMatch(/runs only in the simulator: this step adds a node to the cluster/);
      expect(s.requests.some((r) => r.verb === 'create' && r.resource === 'nodes')).toBe(false);
    } finally {
      await session.close();
    }
  }, 60_000);

  it('shows a dropped connection as one line while the watches retry, and clears it once they are back', async () => {
    const session = await open();
    try {
      s.setReachable(false);
      s.dropConnections();
      await waitFor(() => session.view().notice?.startsWith('⚠ ') === true, 20_000);
      expect(session.view().notice).toMatch(/\(retrying\)$/);
      s.setReachable(true);
      await waitFor(() => session.view().notice?.startsWith('⚠ ') !== true, 30_000);
    } finally {
      s.setReachable(true);
      await session.close();
    }
  }, 60_000);

  it('opening a lesson again (a reset) re-runs its setup through the backend', async () => {
    // taints-in-depth starts with a DaemonSet: delete it, reopen, and it is back.
    const taints = loadLesson(BUILTIN_COURSE_DIR, 'taints-in-depth');
    const other = await startSimServer({ ...taints.scenario, objects: [] });
    const sim = other;
    const backend = await openRealBackend({ kubeconfigPath: sim.kubeconfig, kind: 'kind', now: () => sim.clock.now() });
    const opts = { backend, target: { kubeconfig: sim.kubeconfig, cacheDir: join(dir, 'cache2'), context: 'learn-daemonsets' }, courseDir: BUILTIN_COURSE_DIR, progress: new ProgressStore({ dir }), log: () => undefined, throttleMs: 0 };
    try {
      const first = await openBackendLesson('taints-in-depth', opts);
      await waitFor(() => first.view().map.daemonSets.includes('node-agent'));
      expect(await run(first, 'kubectl delete ds node-agent --wait=false')).toContain('daemonset.apps "node-agent" deleted');
      await waitFor(() => backend.snapshot().daemonSets.length === 0);
      await first.close();
      const again = await openBackendLesson('taints-in-depth', opts);
      await waitFor(() => again.view().map.daemonSets.includes('node-agent'));
      expect(again.actor.getSnapshot().context.stepIndex).toBe(0);
      await again.close();
    } finally {
      await backend.close();
      await other.close();
    }
  }, 30_000);
});
