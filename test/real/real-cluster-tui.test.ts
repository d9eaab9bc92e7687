/**
 * How `--kubeconfig P --context C` reaches the tutorial screen on a terminal: the guard asks
 * first (nothing written before the answer, and a "no" never opens the screen), the screen gets
 * the open backend, the kubeconfig and the context; a lesson opened there is set up through
 * the backend and recorded for cleanup; `--line` keeps line mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackendLesson } from '../../src/app/backend-lesson-session.js';
import { runRealCluster, type RealIo, type TuiLaunch } from '../../src/commands/real-cluster.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import { StateFile } from '../../src/real/state.js';
import { startSimServer, writes, type SimServer } from './sim-server.js';

describe('the tutorial screen on a confirmed context', () => {
  let s: SimServer;
  let config: string;
  const lesson = loadLesson(BUILTIN_COURSE_DIR, 'taints-in-depth');
  beforeAll(async () => {
    s = await startSimServer({ ...lesson.scenario, objects: [] });
    config = mkdtempSync(join(tmpdir(), 'ld-real-tui-'));
  });
  afterAll(async () => {
    await s.close();
    rmSync(config, { recursive: true, force: true });
  });

  function io(answer: string, tui: (o: TuiLaunch) => Promise<number>): RealIo & { asked: string[]; text(): string } {
    let text = '';
    const asked: string[] = [];
    const sink = { write: (t: string) => void (text += t), isTTY: true };
    return {
      out: sink,
      err: sink,
      interactive: true,
      ask: async (q) => {
        asked.push(q);
        return answer;
      },
      env: { ...process.env, XDG_CONFIG_HOME: config },
      lines: () => ({ iterable: (async function* () {})(), close: () => undefined }),
      tui,
      asked,
      text: () => text,
    };
  }

  it('asks, then opens the screen on the backend; the lesson is set up only when opened, and recorded for cleanup', async () => {
    const before = s.requests.length;
    let launched: TuiLaunch | undefined;
    const fake = io('yes', async (o) => {
      launched = o;
      // Nothing was written between the answer and the screen: setup waits for the lesson to open.
      expect(writes(s.requests.slice(before))).toEqual([]);
      const session = await openBackendLesson(o.lessonId ?? '', {
        backend: o.cluster.backend,
        target: { kubeconfig: o.cluster.kubeconfig, cacheDir: join(config, 'cache'), context: o.cluster.context },
        courseDir: o.courseDir,
        progress: new ProgressStore({ dir: config }),
        log: () => undefined,
        ...(o.cluster.onPrepared ? { onPrepared: o.cluster.onPrepared } : {}),
      });
      await session.close();
      return 0;
    });
    const code = await runRealCluster(['--kubeconfig', s.kubeconfig, '--context', 'learn-daemonsets', '--lesson', 'taints-in-depth'], fake);
    expect(code).toBe(0);
    expect(fake.asked).toHaveLength(1);
    expect(launched).toMatchObject({ lessonId: 'taints-in-depth', cluster: { kubeconfig: s.kubeconfig, context: 'learn-daemonsets' } });
    expect(s.cluster.store.get('DaemonSet', 'default', 'node-agent')).toBeDefined();
    expect(new StateFile(join(config, 'learn-daemonsets')).load().objects.map((o) => `${o.kind}/${o.name}`)).toEqual(['DaemonSet/node-agent']);
  }, 30_000);

  it('a "no" at the question never opens the screen and writes nothing', async () => {
    const before = s.requests.length;
    let opened = false;
    const fake = io('no', async () => {
      opened = true;
      return 0;
    });
    expect(await runRealCluster(['--kubeconfig', s.kubeconfig, '--context', 'learn-daemonsets'], fake)).toBe(1);
    expect(opened).toBe(false);
    expect(writes(s.requests.slice(before))).toEqual([]);
  });

  it('--line keeps line mode on a terminal', async () => {
    let opened = false;
    const fake = io('yes', async () => {
      opened = true;
      return 0;
    });
    expect(await runRealCluster(['--kubeconfig', s.kubeconfig, '--context', 'learn-daemonsets', '--yes-this-cluster', '--lesson', 'taints-in-depth', '--line'], fake)).toBe(0);
    expect(opened).toBe(false);
    expect(fake.text()).toContain(`Lesson "${lesson.title}" is set up on context learn-daemonsets`);
  }, 30_000);
});
