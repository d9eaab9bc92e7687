/**
 * The safety guard: decided purely, then wired into the CLI. Against the simulator's API
 * server (counting every mutating request it receives), an unconfirmed foreign context gets
 * no write at all; a "no" at the prompt gets none; --yes-this-cluster sets the lesson up, and
 * cleanup removes exactly what was created.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { runCleanup } from '../../src/commands/cleanup.js';
import { runRealCluster, type RealIo } from '../../src/commands/real-cluster.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { decideGuard, isYes, LESSON_CHANGES } from '../../src/real/guard.js';
import { StateFile } from '../../src/real/state.js';
import { startSimServer, writes, type SimServer } from './sim-server.js';

const base = { context: 'prod', server: 'https://10.0.0.1:6443', owned: false, confirmedByFlag: false, interactive: false, changes: LESSON_CHANGES };

describe('decideGuard', () => {
  it('proceeds on the tool’s own cluster, or with the flag', () => {
    expect(decideGuard({ ...base, owned: true })).toEqual({ action: 'proceed', why: 'owned' });
    expect(decideGuard({ ...base, confirmedByFlag: true })).toEqual({ action: 'proceed', why: 'flag' });
  });
  it('asks on a terminal, showing context, server and what will change', () => {
    const d = decideGuard({ ...base, interactive: true });
    expect(d.action).toBe('ask');
    const q = d.action === 'ask' ? d.question : '';
    expect(q).toContain('context "prod"');
    expect(q).toContain('server: https://10.0.0.1:6443');
    for (const c of LESSON_CHANGES) expect(q).toContain(`  - ${c}`);
  });
  it('refuses without a terminal, naming the context and the way out', () => {
    expect(decideGuard(base)).toEqual({
      action: 'refuse',
      message:
        'refusing to change the cluster of context "prod" (https://10.0.0.1:6443): learn-daemonsets did not create it, and there is no terminal to confirm on. Nothing was changed. Rerun with --yes-this-cluster if this cluster is meant for practice, or use --backend kind for a cluster of its own.',
    });
  });
  it('counts only an explicit yes', () => {
    expect(['yes', 'Y', ' yes ', 'y'].every(isYes)).toBe(true);
    expect(['', 'no', 'yess', 'sure'].some(isYes)).toBe(false);
  });
});

/** Runs the CLI in-process and captures what it writes. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(args);
    return { code, out: out.mock.calls.map((c) => String(c[0])).join(''), err: err.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function fakeIo(env: NodeJS.ProcessEnv, answer: string | undefined): RealIo & { text(): string; asked: string[] } {
  let text = '';
  const asked: string[] = [];
  const sink = { write: (t: string) => void (text += t), isTTY: false };
  return {
    out: sink,
    err: sink,
    interactive: answer !== undefined,
    ask: async (q) => {
      asked.push(q);
      return answer ?? '';
    },
    env,
    text: () => text,
    asked,
  };
}

describe('the guard in the CLI, against the simulator API server', () => {
  let s: SimServer;
  let config: string;
  const lesson = loadLesson(BUILTIN_COURSE_DIR, 'taints-in-depth');
  beforeAll(async () => {
    s = await startSimServer({ ...lesson.scenario, objects: [] });
  });
  afterAll(async () => {
    await s.close();
  });
  beforeEach(() => {
    config = mkdtempSync(join(tmpdir(), 'ld-guard-'));
    vi.stubEnv('XDG_CONFIG_HOME', config);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(config, { recursive: true, force: true });
  });

  it('without a terminal and without --yes-this-cluster: exit 2, the context named, and no write reaches the server', async () => {
    const before = s.requests.length;
    const r = await cli('--kubeconfig', s.kubeconfig, '--context', 'learn-daemonsets', '--lesson', 'taints-in-depth');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `learn-daemonsets: refusing to change the cluster of context "learn-daemonsets" (${s.url}): learn-daemonsets did not create it, and there is no terminal to confirm on. Nothing was changed. Rerun with --yes-this-cluster if this cluster is meant for practice, or use --backend kind for a cluster of its own.\n`,
    );
    expect(writes(s.requests.slice(before))).toEqual([]);
    expect(s.cluster.store.list('DaemonSet')).toEqual([]);
  });

  it('answering anything but yes at the prompt changes nothing', async () => {
    const before = s.requests.length;
    const io = fakeIo({ ...process.env, XDG_CONFIG_HOME: config }, 'no');
    const code = await runRealCluster(['--kubeconfig', s.kubeconfig, '--context', 'learn-daemonsets', '--lesson', 'taints-in-depth'], io);
    expect(code).toBe(1);
    expect(io.asked[0]).toContain(`server: ${s.url}`);
    expect(io.text()).toBe('Stopped: nothing on context "learn-daemonsets" was changed.\n');
    expect(writes(s.requests.slice(before))).toEqual([]);
  });

  it('with --yes-this-cluster the lesson is set up through the API, and cleanup deletes what was created', async () => {
    const env = { ...process.env, XDG_CONFIG_HOME: config };
    const io = fakeIo(env, undefined);
    const before = s.requests.length;
    const code = await runRealCluster(['--kubeconfig', s.kubeconfig, '--context', 'learn-daemonsets', '--yes-this-cluster', '--lesson', 'taints-in-depth'], io);
    expect(io.text()).toContain(`Lesson "${lesson.title}" is set up on context learn-daemonsets (${s.url}).`);
    expect(io.text()).toContain(`learn-daemonsets verify taints-in-depth --kubeconfig ${s.kubeconfig} --context learn-daemonsets`);
    expect(code).toBe(0);
    expect(writes(s.requests.slice(before)).map((w) => `${w.verb} ${w.resource ?? ''}`)).toContain('create daemonsets.apps');
    expect(s.cluster.store.get('DaemonSet', 'default', 'node-agent')).toBeDefined();
    expect(new StateFile(join(config, 'learn-daemonsets')).load().objects.map((o) => `${o.kind}/${o.name}`)).toEqual(['DaemonSet/node-agent']);

    const cio = fakeIo(env, undefined);
    expect(await runCleanup([], cio)).toBe(0);
    expect(cio.text()).toBe('✓ deleted daemonset default/node-agent on context learn-daemonsets\n');
    expect(writes(s.requests).some((w) => w.verb === 'delete' && w.resource === 'daemonsets.apps' && w.name === 'node-agent')).toBe(true);
    expect(new StateFile(join(config, 'learn-daemonsets')).load().objects).toEqual([]);
    const again = fakeIo(env, undefined);
    expect(await runCleanup([], again)).toBe(0);
    expect(again.text()).toBe('Nothing to clean up: learn-daemonsets has not created anything on a real cluster.\n');
  });

  it('--kubeconfig without --context is a usage error', async () => {
    const r = await cli('--kubeconfig', s.kubeconfig);
    expect(r.code).toBe(2);
    expect(r.err).toBe('learn-daemonsets: --kubeconfig needs --context NAME as well: the tutorial changes the cluster, so name the context you mean explicitly\n');
  });
});
