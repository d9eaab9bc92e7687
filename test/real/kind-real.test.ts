/**
 * The real thing, opt-in: `KIND=1 npx vitest run test/real/kind-real.test.ts` creates (or
 * reuses) the kind cluster with the machine's docker/podman and kind, plays lessons through
 * client-node in real time, and cleans up. Skipped unless KIND=1 (CI machines have no docker).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCleanup } from '../../src/commands/cleanup.js';
import { runRealCluster, type RealIo } from '../../src/commands/real-cluster.js';
import type { ClusterBackend } from '../../src/cluster/backend.js';
import { AuditLog } from '../../src/lessons/audit.js';
import { playLesson } from '../../src/lessons/backend-runner.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { openRealBackend, type RealBackend } from '../../src/real/backend.js';
import { KIND_CONTEXT } from '../../src/real/kind-config.js';

/** Resolves once `pred` holds on the backend's snapshot (checked on every change), false after `ms`. */
function until(backend: ClusterBackend, pred: () => boolean, ms = 5 * 60_000): Promise<boolean> {
  return new Promise((resolve) => {
    if (pred()) return resolve(true);
    const timer = setTimeout(() => {
      off();
      resolve(pred());
    }, ms);
    const off = backend.subscribe(() => {
      if (!pred()) return;
      clearTimeout(timer);
      off();
      resolve(true);
    });
  });
}

describe.runIf(process.env['KIND'] === '1')('a real kind cluster', () => {
  const config = mkdtempSync(join(tmpdir(), 'ld-kind-real-'));
  const env = { ...process.env, XDG_CONFIG_HOME: config };
  const io: RealIo = { out: process.stdout, err: process.stderr, interactive: false, ask: async () => '', env };
  let backend: RealBackend;
  beforeAll(async () => {
    expect(await runRealCluster(['--backend', 'kind'], io)).toBe(0);
    backend = await openRealBackend({ kind: 'kind', kubeconfigPath: join(config, 'learn-daemonsets', 'kind.kubeconfig'), context: KIND_CONTEXT });
  }, 10 * 60_000);
  afterAll(async () => {
    await backend?.close();
    expect(await runCleanup([], io)).toBe(0);
    rmSync(config, { recursive: true, force: true });
  }, 5 * 60_000);

  it('has the node names the lessons use', () => {
    expect(backend.snapshot().nodes.map((n) => n.metadata.name).sort()).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
  });

  it.each(['first-daemonset', 'control-plane-toleration', 'taints-in-depth'])('%s: the solution passes (simulator-only steps skipped)', async (id) => {
    const lesson = loadLesson(BUILTIN_COURSE_DIR, id);
    const played = await playLesson(backend, lesson, { audit: new AuditLog(), waitUntil: (pred) => until(backend, pred) });
    expect(played.filter((p) => p.status === 'fail')).toEqual([]);
  }, 15 * 60_000);
});
