/**
 * TUI benchmarks: the first frame of the lesson list from process start (the built program in
 * tmux, median of 7, read from its --debug log), one lesson-screen frame at 100 nodes (render
 * + layout + output, median of 40 re-renders while pods change), and the work behind one map
 * refresh at 5,000 nodes mid-rollout (snapshot + cluster view; refreshes are throttled to 10/s).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { clusterView } from '../src/app/cluster-view.js';
import { snapshotOf } from '../src/lessons/sim-runner.js';
import { bootstrapCluster, ManualClock, setImage } from './sim-modules.js';
import { LessonScreen, type LessonScreenProps } from '../src/ui/LessonScreen.js';
import { ColorContext } from '../src/ui/theme.js';
import { everywhereDaemonSet } from './fixtures.js';

/** One measured figure. */
export interface TuiBenchResult {
  name: string;
  value: number;
  unit: string;
  target: number;
}

const root = new URL('..', import.meta.url).pathname;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The lesson list's first frame, as the learner's terminal gets it. */
function firstFrame(): TuiBenchResult[] {
  if (spawnSync('tmux', ['-V']).status !== 0 || !existsSync(join(root, 'dist/bundle/cli.js'))) return [];
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 7; i++) {
    const xdg = mkdtempSync(join(tmpdir(), 'ld-bench-'));
    const session = `ld-bench-${process.pid}-${i}`;
    const log = join(xdg, 'learn-daemonsets', 'debug.log');
    spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '100', '-y', '30', `cd ${root} && XDG_CONFIG_HOME=${xdg} node bin/learn-daemonsets.js --debug; sleep 30`]);
    const deadline = Date.now() + 10_000;
    let m: RegExpExecArray | null = null;
    while (!m && Date.now() < deadline) {
      spawnSync('sleep', ['0.05']);
      m = existsSync(log) ? /first frame after (\d+) ms \(cpu (\d+) ms\)/.exec(readFileSync(log, 'utf8')) : null;
    }
    spawnSync('tmux', ['kill-session', '-t', session]);
    rmSync(xdg, { recursive: true, force: true });
    if (m) {
      wall.push(Number(m[1]));
      cpu.push(Number(m[2]));
    }
  }
  if (!wall.length) return [];
  return [
    { name: 'TUI first frame (lesson list), median of 7', value: median(wall), unit: 'ms', target: 500 },
    { name: 'TUI first frame, CPU time', value: median(cpu), unit: 'ms', target: 500 },
  ];
}

function screenProps(nodes: number, tick: number): LessonScreenProps {
  return {
    title: 'Rolling updates',
    steps: [{ title: 'Roll out', state: 'current' }],
    prose: Array.from({ length: 40 }, (_, i) => `prose line ${i} about maxUnavailable and why it matters`),
    proseScroll: 0,
    map: {
      daemonSets: ['node-agent'],
      offset: 0,
      nodes: Array.from({ length: nodes }, (_, i) => ({
        name: `worker-${i}`, role: 'worker', ready: true, cordoned: false, taints: [], labels: ['disk=ssd'],
        pods: [{ name: `node-agent-${i}`, status: (i + tick) % 3 ? 'Running' : 'ContainerCreating', tone: (i + tick) % 3 ? ('ok' as const) : ('progress' as const), revision: 1 + ((i + tick) % 2) }],
        absent: [],
      })),
    },
    feedback: { failure: 'rollout not finished: 40 of 100 pods updated', hints: [], hintsTotal: 2 },
    command: { focused: false, text: '', running: false, output: [], scroll: 0 },
    confirmingReset: false,
    status: { kubeconfig: '/tmp/kubeconfig', paused: false, time: '09:00:00' },
    width: 120,
    height: 40,
  };
}

/** One full lesson-screen frame at 100 nodes. */
function frameTime(): TuiBenchResult {
  const app = render(h(ColorContext.Provider, { value: true }, h(LessonScreen, screenProps(100, 0))));
  const times: number[] = [];
  for (let tick = 1; tick <= 40; tick++) {
    const props = screenProps(100, tick);
    const t = performance.now();
    app.rerender(h(ColorContext.Provider, { value: true }, h(LessonScreen, props)));
    times.push(performance.now() - t);
  }
  app.unmount();
  return { name: 'lesson screen frame at 100 nodes (median of 40)', value: median(times), unit: 'ms', target: 16 };
}

/** Snapshot + map rows at 5,000 nodes in the middle of a rolling update. */
function mapRefresh(nodes: number): TuiBenchResult {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 10, 0, 0));
  const cluster = bootstrapCluster({ nodes, clock });
  cluster.store.create(everywhereDaemonSet({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } }));
  cluster.runUntil(() => cluster.store.get('DaemonSet', 'kube-system', 'everywhere')?.status?.numberReady === nodes + 1, 30 * 60_000);
  setImage(cluster, 'kube-system', 'everywhere', 'agent', 'registry.k8s.io/pause:3.10');
  // Part-way: some nodes updated, some terminating or creating.
  cluster.runUntil(() => (cluster.store.get('DaemonSet', 'kube-system', 'everywhere')?.status?.updatedNumberScheduled ?? 0) >= nodes / 4, 30 * 60_000);
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    clusterView(snapshotOf(cluster));
    times.push(performance.now() - t);
  }
  return { name: `map refresh at ${nodes} nodes mid-rollout (snapshot + rows, median of 9)`, value: median(times), unit: 'ms', target: 50 };
}

/** All TUI figures (the first-frame ones need tmux and a build). */
export function tuiBench(nodes: number): TuiBenchResult[] {
  return [...firstFrame(), frameTime(), mapRefresh(nodes)];
}
