/**
 * End-to-end harness: a simulated cluster under a manual clock, its API server on a random
 * loopback port, and the machine's real kubectl pointed at it through a private kubeconfig
 * and cache directory. Tests move simulated time themselves; nothing sleeps on wall time.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapCluster, type BootstrapOptions } from '../../src/sim/bootstrap.js';
import { ManualClock } from '../../src/sim/clock.js';
import type { SimCluster } from '../../src/sim/cluster.js';
import { writeKubeconfig } from '../../src/sim/apiserver/kubeconfig.js';
import { startApiServer, type ApiAuditEntry, type ApiServer } from '../../src/sim/apiserver/server.js';
import { generateSelfSigned, type TlsMaterial } from '../../src/sim/apiserver/tls.js';

/** Where real kubectl lives on our machines (overridable for other setups). */
export const KUBECTL = process.env['KUBECTL'] ?? '/usr/bin/kubectl';

/** Whether kubectl end-to-end tests run: they must, unless the user opted out explicitly. */
export function kubectlAvailable(): boolean {
  if (process.env['SKIP_KUBECTL_TESTS'] === '1') return false;
  if (!existsSync(KUBECTL)) {
    throw new Error(`kubectl not found at ${KUBECTL}: install kubectl (or set KUBECTL=/path/to/kubectl), or set SKIP_KUBECTL_TESTS=1 to skip the end-to-end tests`);
  }
  return true;
}

/**
 * Waits on real I/O (an in-process client talking to the server over loopback) until `pred`
 * holds; fails after `timeoutMs` of wall time. Simulated time does not move meanwhile.
 */
export async function waitFor(pred: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise<void>((r) => setTimeout(r, 5));
  }
}

/** The result of one kubectl run. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A running simulated cluster with its API server and a kubectl bound to it. */
export interface E2E {
  cluster: SimCluster;
  clock: ManualClock;
  server: ApiServer;
  tls: TlsMaterial;
  dir: string;
  audit: ApiAuditEntry[];
  /** The kubeconfig kubectl uses (for client-node's KubeConfig.loadFromFile). */
  kubeconfig: string;
  kubectl(args: string[], opts?: { stdin?: string; env?: Record<string, string>; timeoutMs?: number }): Promise<KubectlResult>;
  /**
   * Runs kubectl while moving simulated time forward in `stepMs` steps (for commands that wait
   * on the cluster: rollout status, delete --wait, drain, logs -f). Yields to the event loop
   * between steps so the server answers kubectl; stops stepping once kubectl exits.
   */
  kubectlDriving(args: string[], opts?: { stepMs?: number; env?: Record<string, string>; timeoutMs?: number }): Promise<KubectlResult>;
  /**
   * Starts a long-running kubectl (`get -w`, `logs -f`) without waiting: `stdout()` is what it
   * printed so far; `stop()` kills it (SIGTERM) and resolves with everything it printed.
   */
  kubectlStream(args: string[]): { stdout(): string; stop(): Promise<KubectlResult> };
  /** Writes a file in the test's directory and returns its path (manifests, editor scripts). */
  file(name: string, content: string, mode?: number): string;
  /** Advances simulated time until `pred` holds (or `maxMs` of simulated time passes). */
  until(pred: () => boolean, maxMs?: number): boolean;
  close(): Promise<void>;
}

/** Starts a cluster, server and kubectl environment. */
export async function startE2E(opts: Omit<BootstrapOptions, 'clock'> & { kubeMinor?: number } = {}): Promise<E2E> {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 10, 0, 0));
  const cluster = bootstrapCluster({ ...opts, clock });
  const stopLoop = cluster.startRealtime();
  const token = 'e2e-token-' + Math.random().toString(36).slice(2);
  const audit: ApiAuditEntry[] = [];
  const tls = generateSelfSigned();
  const server = await startApiServer({ cluster, token, tls, kubeMinor: opts.kubeMinor, audit: (e) => audit.push(e) });
  const dir = mkdtempSync(join(tmpdir(), 'ld-e2e-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeKubeconfig(kubeconfig, server.url, tls.certPem, token);
  const baseEnv = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache'), HOME: dir, NO_COLOR: '1' };
  const e: E2E = {
    cluster,
    clock,
    server,
    tls,
    dir,
    audit,
    kubeconfig,
    kubectl(args, o = {}) {
      return new Promise((resolve) => {
        const child = execFile(KUBECTL, args, { env: { ...baseEnv, ...(o.env ?? {}) }, timeout: o.timeoutMs ?? 30_000, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        });
        if (o.stdin !== undefined) child.stdin?.end(o.stdin);
        else child.stdin?.end();
      });
    },
    async kubectlDriving(args, o = {}) {
      let done = false;
      const run = e.kubectl(args, { env: o.env, timeoutMs: o.timeoutMs }).then((r) => {
        done = true;
        return r;
      });
      while (!done) {
        await new Promise<void>((r) => setTimeout(r, 15));
        if (!done) cluster.advance(o.stepMs ?? 1000);
      }
      return run;
    },
    kubectlStream(args) {
      const child = spawn(KUBECTL, args, { env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 0)));
      return {
        stdout: () => stdout,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          const code = await exited;
          return { code, stdout, stderr };
        },
      };
    },
    file(name, content, mode) {
      const path = join(dir, name);
      writeFileSync(path, content, mode === undefined ? {} : { mode });
      return path;
    },
    until(pred, maxMs = 10 * 60_000) {
      return cluster.runUntil(pred, maxMs);
    },
    async close() {
      stopLoop();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return e;
}
