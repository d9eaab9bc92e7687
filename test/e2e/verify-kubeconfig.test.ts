/**
 * `verify LESSON --kubeconfig P` end to end: the simulator's HTTPS API server stands in for a
 * real cluster, real kubectl changes it, and the verify command (run in-process through the
 * CLI entry) reads it back through client-node with the harness's kubeconfig.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { runSetup } from '../../src/lessons/sim-runner.js';
import { generateSelfSigned } from '../../src/sim/apiserver/tls.js';
import { kubectlAvailable, startE2E, type E2E } from './harness.js';

const LESSON_01 = join(BUILTIN_COURSE_DIR, '01-first-daemonset');

/** Runs the CLI in-process and captures what it writes. */
async function verify(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(['verify', ...args]);
    return { code, out: out.mock.calls.map((c) => String(c[0])).join(''), err: err.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const dsReady = (e: E2E, name: string) => () => {
  const st = e.cluster.store.get('DaemonSet', 'default', name)?.status;
  return st !== undefined && st.desiredNumberScheduled > 0 && st.numberReady === st.desiredNumberScheduled && st.updatedNumberScheduled === st.desiredNumberScheduled;
};

afterEach(() => vi.restoreAllMocks());

describe.runIf(kubectlAvailable())('verify --kubeconfig against the simulator API server', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e.close();
  });

  it('fails a fresh cluster with the reason, then passes once the solution is applied with kubectl', async () => {
    const fresh = await verify('first-daemonset', '--kubeconfig', e.kubeconfig);
    expect(fresh.err).toBe('');
    expect(fresh.code).toBe(1);
    expect(fresh.out).toContain(`Your first DaemonSet (cluster at ${e.server.url}, context learn-daemonsets)`);
    expect(fresh.out).toContain('  ✗ create: Create a DaemonSet\n      There is no DaemonSet named node-agent in namespace default.');
    expect(fresh.out).toContain('1 of 1 task steps not done yet.');

    const applied = await e.kubectl(['apply', '-f', join(LESSON_01, 'solution', 'daemonset.yaml')]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(e.until(dsReady(e, 'node-agent'))).toBe(true);

    const done = await verify('first-daemonset', `--kubeconfig=${e.kubeconfig}`, '--context', 'learn-daemonsets');
    expect(done.err).toBe('');
    expect(done.out).toContain('  ✓ create: Create a DaemonSet\nAll 1 task steps pass.\n');
    expect(done.code).toBe(0);
  });

  it('refuses an unknown context or a missing kubeconfig as usage errors (exit 2)', async () => {
    const ctx = await verify('first-daemonset', '--kubeconfig', e.kubeconfig, '--context', 'prod');
    expect(ctx.code).toBe(2);
    expect(ctx.err).toBe(`learn-daemonsets: there is no context "prod" in ${e.kubeconfig}; contexts: learn-daemonsets\n`);
    const missing = join(e.dir, 'nope', 'config');
    const file = await verify('first-daemonset', '--kubeconfig', missing);
    expect(file.code).toBe(2);
    expect(file.err).toContain(`there is no kubeconfig at ${missing}`);
    expect(file.out).toBe('');
  });

  it('names refused credentials and an untrusted certificate', async () => {
    const text = readFileSync(e.kubeconfig, 'utf8');
    const badToken = e.file('bad-token.kubeconfig', text.replace(/token: .*/, 'token: expired-token'));
    const r = await verify('first-daemonset', '--kubeconfig', badToken);
    expect(r.code).toBe(1);
    expect(r.err).toContain('the credentials in context learn-daemonsets were refused');
    expect(r.err).toContain('(expired token?)');
    expect(r.out).toBe('');

    const otherCa = Buffer.from(generateSelfSigned().certPem).toString('base64');
    const badCa = e.file('bad-ca.kubeconfig', text.replace(/certificate-authority-data: .*/, `certificate-authority-data: ${otherCa}`));
    const t = await verify('first-daemonset', '--kubeconfig', badCa);
    expect(t.code).toBe(1);
    expect(t.err).toMatch(/cannot verify the TLS certificate of the Kubernetes API at https:\/\/127\.0\.0\.1:\d+ \(/);
  });
});

describe.runIf(kubectlAvailable())('verify --kubeconfig on a lesson that checks which command was used', () => {
  it('passes the state, and says the undo itself cannot be judged from the cluster alone', async () => {
    const lesson = loadLesson(BUILTIN_COURSE_DIR, 'rollback-undo');
    const e = await startE2E({ scenario: lesson.scenario });
    try {
      runSetup(lesson, e.cluster, 0);
      e.cluster.advance(5000);
      expect((await e.kubectl(['set', 'image', 'ds/node-logger', 'logger=busybox:1.99'])).code).toBe(0);
      const broken = await verify('rollback-undo', '--kubeconfig', e.kubeconfig);
      expect(broken.code).toBe(1);
      expect(broken.out).toContain('  ✓ bad-update: Update the image\n');
      expect(broken.out).toMatch(/ {2}✗ undo: Roll back\n {6}node-logger runs busybox:1\.99; it has not been rolled back to busybox:1\.36\./);

      e.cluster.advance(5000);
      expect((await e.kubectl(['rollout', 'undo', 'ds/node-logger'])).code).toBe(0);
      expect(e.until(dsReady(e, 'node-logger'))).toBe(true);
      const undone = await verify('rollback-undo', '--kubeconfig', e.kubeconfig);
      expect(undone.err).toBe('');
      expect(undone.out).toContain('  ✓ bad-update: Update the image (done before undo)\n  ? undo: Roll back\n      Cannot be judged from the cluster alone');
      expect(undone.out).toContain('`kubectl rollout undo`');
      // The lesson goes on (change-cause, --to-revision), so those later steps are still to do.
      expect(undone.out).toContain('2 of 4 task steps not done yet. 1 cannot be judged from the cluster alone.');
      expect(undone.code).toBe(1);
    } finally {
      await e.close();
    }
  });
});

describe.runIf(kubectlAvailable())('verify --kubeconfig with the server stopped', () => {
  it('says it cannot reach the API and how to check the context', async () => {
    const e = await startE2E();
    const dir = mkdtempSync(join(tmpdir(), 'ld-verify-'));
    const kubeconfig = join(dir, 'kubeconfig');
    copyFileSync(e.kubeconfig, kubeconfig);
    const url = e.server.url;
    await e.close();
    try {
      const r = await verify('first-daemonset', '--kubeconfig', kubeconfig);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`learn-daemonsets: cannot reach the Kubernetes API at ${url} (ECONNREFUSED): is the cluster running? check the context with kubectl config current-context\n`);
      expect(r.out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('verify --kubeconfig argument errors', () => {
  it('rejects --apply-solution against a real cluster and a flag without its value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ld-verify-'));
    try {
      const kc = join(dir, 'kubeconfig');
      writeFileSync(kc, 'apiVersion: v1\nkind: Config\n');
      const a = await verify('first-daemonset', '--apply-solution', '--kubeconfig', kc);
      expect(a.code).toBe(2);
      expect(a.err).toContain('--apply-solution only works on the simulated cluster');
      const b = await verify('first-daemonset', '--context');
      expect(b.code).toBe(2);
      expect(b.err).toContain('--context needs a value');
      const c = await verify('first-daemonset', '--kubeconfig', kc);
      expect(c.code).toBe(2);
      expect(c.err).toContain(`the kubeconfig ${kc} defines no contexts`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
