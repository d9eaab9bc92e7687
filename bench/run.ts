/**
 * Simulator benchmarks (`npm run bench`): 5,000 nodes and one DaemonSet tolerating every
 * taint, under the manual clock. Prints CPU time and RSS for create → all Ready and a full
 * rolling update with maxUnavailable 10% (twice: the first run in the process includes V8
 * compiling the simulator and has no target), and the cost of one reconcile after a single node
 * change. Targets: each phase ≤ 2 s CPU, RSS ≤ 600 MB, single reconcile ≤ 5 ms. Then the API
 * server figures (bench/apiserver.ts), the TUI figures (bench/tui.ts) and the classroom host
 * (bench/classroom.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { SimCluster } from '../src/sim/cluster.js';
import { bootstrapCluster, labelNode, ManualClock, setImage, SIM_SOURCE } from './sim-modules.js';
import { everywhereDaemonSet } from './fixtures.js';

const NODES = Number(process.env['BENCH_NODES'] ?? 5000);

interface Result {
  name: string;
  value: number;
  unit: string;
  target: number;
  /** Elapsed time, for comparison with CPU time (which includes V8's GC threads). */
  wall?: number;
}

const results: Result[] = [];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

function phase(name: string, target: number, fn: () => void): void {
  const before = cpuMs();
  const wall = performance.now();
  fn();
  results.push({ name, value: cpuMs() - before, unit: 'ms CPU', target, wall: performance.now() - wall });
}

// `learn-daemonsets --version` must cost at most 1.5× a bare `node -e 0` (it imports nothing heavy).
// Measured first, while this process is small: spawning from a big parent costs both sides more.
const bin = new URL('../bin/learn-daemonsets.js', import.meta.url).pathname;
if (existsSync(new URL('../dist/bundle/cli.js', import.meta.url))) {
  // Interleaved, so a slow spell of the machine hits both sides alike.
  const bareTimes: number[] = [];
  const versionTimes: number[] = [];
  const time = (args: string[], into: number[]) => {
    const t = performance.now();
    spawnSync(process.execPath, args);
    into.push(performance.now() - t);
  };
  for (let i = 0; i < 9; i++) {
    time(['-e', '0'], bareTimes);
    time([bin, '--version'], versionTimes);
  }
  const median = (times: number[]) => times.sort((a, b) => a - b)[4] ?? 0;
  const bare = median(bareTimes);
  const version = median(versionTimes);
  results.push({ name: `learn-daemonsets --version vs node -e 0 (${bare.toFixed(0)} ms)`, value: version / bare, unit: '×', target: 1.5 });
}

function rolledOut(cluster: SimCluster): boolean {
  const ds = cluster.store.get('DaemonSet', 'kube-system', 'everywhere');
  const s = ds?.status;
  return !!ds && !!s && (s.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0) && (s.updatedNumberScheduled ?? 0) === s.desiredNumberScheduled && (s.numberAvailable ?? 0) === s.desiredNumberScheduled && s.desiredNumberScheduled === NODES + 1;
}

/**
 * Bootstrap, create → all Ready, and the rolling update, on a fresh cluster. `target` is
 * undefined for the first run in the process: it includes V8 compiling the simulator (about a
 * third of its CPU on 2 cores), a one-time cost the figures print but do not judge.
 */
function simulatorRun(label: string, target: number | undefined): { cluster: SimCluster; rssAfterCreate: number } {
  let cluster!: SimCluster;
  const measure = (name: string, fn: () => void) => phase(`${name}${label}`, target ?? Infinity, fn);
  measure(`bootstrap ${NODES} workers + control plane`, () => {
    cluster = bootstrapCluster({ nodes: NODES, clock: new ManualClock(Date.UTC(2026, 10, 25, 10, 0, 0)) });
  });
  measure(`create DaemonSet → all ${NODES + 1} pods Ready`, () => {
    cluster.store.create(everywhereDaemonSet({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } }));
    if (!cluster.runUntil(() => rolledOut(cluster), 30 * 60_000)) throw new Error('DaemonSet never became ready');
  });
  const rssAfterCreate = rssMb();
  measure('rolling update, maxUnavailable 10%', () => {
    setImage(cluster, 'kube-system', 'everywhere', 'agent', 'registry.k8s.io/pause:3.10');
    if (!cluster.runUntil(() => rolledOut(cluster), 60 * 60_000)) throw new Error('rolling update never finished');
  });
  return { cluster, rssAfterCreate };
}

// The first run pays for V8 compiling the simulator; the second, on a new cluster in the same
// process, is what the simulator itself costs at this size (the learner's second DaemonSet, a
// lesson reset, every run of the long-lived `sim` server after its first).
const { rssAfterCreate } = simulatorRun(' [first run: includes JIT warm-up]', undefined);
// The first cluster is garbage now: collect it, so its full GC is not billed to the second run.
setFlagsFromString('--expose-gc');
(runInNewContext('gc') as () => void)();
const { cluster } = simulatorRun('', 2000);
const rssSecondRunEnd = rssMb();

// One reconcile after a single node change: warm up, then take the median of several changes.
const samples: number[] = [];
for (let i = 0; i < 25; i++) {
  labelNode(cluster, `worker-${(i % NODES) + 1}`, { [`bench-${i}`]: 'x' });
  const t = performance.now();
  cluster.settle();
  samples.push(performance.now() - t);
}
samples.sort((a, b) => a - b);
results.push({ name: 'one reconcile after a node label change (median of 25)', value: samples[Math.floor(samples.length / 2)] ?? 0, unit: 'ms', target: 5 });
results.push({ name: 'RSS after create (first run)', value: rssAfterCreate, unit: 'MB', target: 600 });
results.push({ name: 'RSS at end of the second run', value: rssSecondRunEnd, unit: 'MB', target: 600 });

if (process.env['BENCH_SKIP_CHECKPOINT'] !== '1') {
  const { checkpointBench } = await import('./checkpoint.js');
  for (const r of await checkpointBench([100, NODES])) results.push(r);
}

if (process.env['BENCH_SKIP_APISERVER'] !== '1') {
  const { apiServerBench } = await import('./apiserver.js');
  for (const r of await apiServerBench(NODES)) results.push(r);
}

if (process.env['BENCH_SKIP_TUI'] !== '1') {
  const { tuiBench } = await import('./tui.js');
  for (const r of tuiBench(NODES)) results.push(r);
}

// The classroom host runs on the wall clock for a while; it is its own script, run as a child.
if (process.env['BENCH_SKIP_CLASSROOM'] !== '1') {
  const root = new URL('..', import.meta.url).pathname;
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/classroom.ts', '--seconds', '10'], { cwd: root, encoding: 'utf8' });
  const p99 = /p99 ([\d.]+) ms/.exec(run.stdout);
  if (p99?.[1]) results.push({ name: 'classroom: 200 learners × 1 event/s, send → table p99', value: Number(p99[1]), unit: 'ms', target: 500 });
  else console.error(`classroom bench failed: ${run.stderr || run.stdout}`);
}

const width = Math.max(...results.map((r) => r.name.length));
console.log(`learn-daemonsets simulator benchmark — ${NODES} workers, node ${process.version}, measuring ${SIM_SOURCE}/`);
for (const r of results) {
  const ok = r.target === Infinity ? '    ' : r.value <= r.target ? 'ok  ' : 'OVER';
  const wall = r.wall === undefined ? '' : `  [${r.wall.toFixed(0)} ms wall]`;
  const digits = (r.unit === 'ms' && r.value < 100) || r.unit === '×' ? 2 : 0;
  console.log(`${ok} ${r.name.padEnd(width)}  ${r.value.toFixed(digits).padStart(8)} ${r.unit.padEnd(7)} ${r.target === Infinity ? '(no target)' : `(target ≤ ${r.target})`}${wall}`);
}
console.log(`objects: ${cluster.store.count('Pod')} pods, ${cluster.store.count('Event')} events, resourceVersion ${cluster.store.resourceVersion()}`);
process.exitCode = results.every((r) => r.value <= r.target) ? 0 : 1;
