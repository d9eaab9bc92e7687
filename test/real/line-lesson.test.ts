/**
 * A lesson on a confirmed foreign context in line mode: the guard asks, the scenario is set up
 * through the API, real kubectl typed at the prompt changes the cluster (and is recorded for
 * the checks), a question is answered, the simulator-only step is skipped with the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRealCluster, type RealIo } from '../../src/commands/real-cluster.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { kubectlAvailable } from '../e2e/harness.js';
import { driveUntil, startSimServer, waitFor, type SimServer } from './sim-server.js';

describe.runIf(kubectlAvailable())('line mode on a real cluster', () => {
  let s: SimServer;
  let config: string;
  const lesson = loadLesson(BUILTIN_COURSE_DIR, 'first-daemonset');
  beforeAll(async () => {
    s = await startSimServer({ ...lesson.scenario, objects: [] });
    config = mkdtempSync(join(tmpdir(), 'ld-line-'));
  });
  afterAll(async () => {
    await s.close();
    rmSync(config, { recursive: true, force: true });
  });

  it('plays first-daemonset with kubectl typed at the prompt', async () => {
    let text = '';
    let closed = 0;
    const asked: string[] = [];
    const sink = { write: (t: string) => void (text += t), isTTY: false };
    const sim = s;
    async function* lines(): AsyncGenerator<string> {
      await waitFor(() => text.includes('— Step 1/'));
      yield 'h';
      yield `kubectl apply -f ${join(lesson.dir, 'solution', 'daemonset.yaml')}`;
      expect(await driveUntil(sim.cluster, () => text.includes('— Step 2/'))).toBe(true);
      yield 'never';
      yield 'taint';
      expect(await driveUntil(sim.cluster, () => text.includes('Lesson complete'))).toBe(true);
    }
    const io: RealIo = {
      out: sink,
      err: sink,
      interactive: true,
      ask: async (q) => {
        asked.push(q);
        return 'yes';
      },
      env: { ...process.env, XDG_CONFIG_HOME: config },
      lines: () => ({ iterable: lines(), close: () => closed++ }),
    };
    const code = await runRealCluster(['--kubeconfig', s.kubeconfig, '--context', 'learn-daemonsets', '--lesson', 'first-daemonset'], io);
    if (process.env['SHOW_LINE_MODE']) process.stderr.write(`${asked.join('')}\n${text}`);
    expect(code).toBe(0);
    expect(asked).toHaveLength(1);
    expect(closed).toBe(1);
    expect(text).toContain(`Lesson "${lesson.title}" is set up on context learn-daemonsets (${s.url}).`);
    expect(text).toContain(`Hint 1/`);
    expect(text).toContain('daemonset.apps/node-agent created');
    expect(text).toContain('✓ Create a DaemonSet');
    const nodeJoins = lesson.steps.find((st) => st.id === 'node-joins');
    expect(text).toContain(`! Step "${nodeJoins?.title ?? ''}" runs only in the simulator: this step adds a node to the cluster`);
    expect(text).toContain(`\nLesson complete. Grade it again any time: learn-daemonsets verify first-daemonset --kubeconfig ${s.kubeconfig} --context learn-daemonsets\n`);
    const question = lesson.steps.find((st) => st.kind === 'question');
    const wrong = question?.kind === 'question' ? question.choices.find((c) => c.id === 'never')?.explanation : undefined;
    if (wrong) expect(text).toContain(`→ ${wrong}`);
  }, 60_000);
});
