/**
 * API server benchmarks: server-side latency of get/list at 100 nodes (p99), what `kubectl get
 * ds` costs against the simulator compared with `kubectl version --client`, and `kubectl get
 * pods -A` at 5,000 nodes. Targets from the issue: p99 ≤ 5 ms, ≤ 1.5×, ≤ 3 s.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bootstrapCluster } from '../src/sim/bootstrap.js';
import { ManualClock } from '../src/sim/clock.js';
import type { SimCluster } from '../src/sim/cluster.js';
import { writeKubeconfig } from '../src/sim/apiserver/kubeconfig.js';
import { startApiServer, type ApiServer } from '../src/sim/apiserver/server.js';
import { generateSelfSigned } from '../src/sim/apiserver/tls.js';

/** One measured figure. */
export interface ApiBenchResult {
  name: string;
  value: number;
  unit: string;
  target: number;
}

const KUBECTL = process.env['KUBECTL'] ?? '/usr/bin/kubectl';

interface Env {
  cluster: SimCluster;
  server: ApiServer;
  token: string;
  ca: string;
  dir: string;
  env: NodeJS.ProcessEnv;
}

async function start(nodes: number): Promise<Env> {
  const cluster = bootstrapCluster({ nodes, clock: new ManualClock(Date.UTC(2026, 10, 25, 10, 0, 0)) });
  cluster.startRealtime();
  cluster.store.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { tolerations: [{ operator: 'Exists' }], containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.9' }] } } },
  } as never);
  cluster.runUntil(() => cluster.store.get('DaemonSet', 'kube-system', 'agent')?.status?.numberReady === nodes + 1, 30 * 60_000);
  const tls = generateSelfSigned();
  const token = 'bench-token';
  const server = await startApiServer({ cluster, token, tls });
  const dir = mkdtempSync(join(tmpdir(), 'ld-bench-'));
  writeKubeconfig(join(dir, 'kubeconfig'), server.url, tls.certPem, token);
  return { cluster, server, token, ca: tls.certPem, dir, env: { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache'), HOME: dir } };
}

function kubectl(env: NodeJS.ProcessEnv, args: string[]): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) =>
    execFile(KUBECTL, args, { env, maxBuffer: 64 * 1024 * 1024 }, (err) => (err ? reject(err) : resolve(performance.now() - t))),
  );
}

async function median(n: number, fn: () => Promise<number>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await fn());
  return xs.sort((a, b) => a - b)[Math.floor(n / 2)] ?? 0;
}

function get(e: Env, agent: Agent, path: string, accept: string): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    request(`${e.server.url}${path}`, { agent, ca: e.ca, headers: { Authorization: `Bearer ${e.token}`, Accept: accept } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(performance.now() - t));
    })
      .on('error', reject)
      .end();
  });
}

/** Runs the API server benchmarks (kubectl ones only when kubectl is installed). */
export async function apiServerBench(bigNodes = 5000): Promise<ApiBenchResult[]> {
  const results: ApiBenchResult[] = [];
  const small = await start(100);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const table = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
  const samples: number[] = [];
  for (let i = 0; i < 100; i++) await get(small, agent, '/api/v1/pods', table); // warm-up
  for (let i = 0; i < 400; i++) {
    samples.push(await get(small, agent, '/api/v1/namespaces/kube-system/pods?limit=500', table));
    samples.push(await get(small, agent, '/apis/apps/v1/namespaces/kube-system/daemonsets/agent', 'application/json'));
  }
  samples.sort((a, b) => a - b);
  results.push({ name: 'get/list p99 at 100 nodes (loopback round trip)', value: samples[Math.floor(samples.length * 0.99)] ?? 0, unit: 'ms', target: 5 });
  agent.destroy();
  if (existsSync(KUBECTL)) {
    await kubectl(small.env, ['get', 'ds', '-A']);
    const client = await median(5, () => kubectl(small.env, ['version', '--client']));
    const getDs = await median(5, () => kubectl(small.env, ['get', 'ds', '-A']));
    results.push({ name: `kubectl get ds vs kubectl version --client (${client.toFixed(0)} ms)`, value: getDs / client, unit: '×', target: 1.5 });
  }
  await small.server.close();
  rmSync(small.dir, { recursive: true, force: true });
  if (existsSync(KUBECTL) && bigNodes > 0) {
    const big = await start(bigNodes);
    await kubectl(big.env, ['get', 'ns']);
    const all = await median(3, () => kubectl(big.env, ['get', 'pods', '-A']));
    results.push({ name: `kubectl get pods -A at ${bigNodes} nodes`, value: all, unit: 'ms', target: 3000 });
    await big.server.close();
    rmSync(big.dir, { recursive: true, force: true });
  }
  return results;
}
