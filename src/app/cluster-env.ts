/**
 * What every interactive run has, lesson or practice exam: a simulated cluster on a pausable
 * real-time clock, the HTTPS API server kubectl talks to (with its kubeconfig written), the
 * audit trail of kubectl commands, rewind points before each changing command, learner
 * idleness, and a throttled view of the cluster for the screen.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AuditLog } from '../lessons/audit.js';
import { toAuditEntry } from '../lessons/audit-apiserver.js';
import { defaultProgressDir } from '../lessons/progress.js';
import { snapshotOf } from '../lessons/sim-runner.js';
import type { ClusterSnapshot } from '../lessons/snapshot.js';
import { startApiServer } from '../sim/apiserver/server.js';
import { writeKubeconfig } from '../sim/apiserver/kubeconfig.js';
import { loadOrCreateTls } from '../sim/apiserver/tls.js';
import { bootstrapCluster } from '../sim/bootstrap.js';
import type { SimCluster } from '../sim/cluster.js';
import type { Scenario } from '../sim/scenario/index.js';
import { clusterView } from './cluster-view.js';
import { liveView } from './live-view.js';
import { PausableClock } from './pausable-clock.js';
import type { SessionView } from './lesson-session.js';
import { RewindHistory } from './rewind.js';

export type { SessionView } from './lesson-session.js';

/** Where a session keeps its files: one temp dir per TUI process, so `export KUBECONFIG=…` stays valid across lessons. */
export interface SessionPaths {
  readonly kubeconfig: string;
  readonly cacheDir: string;
}

/** How to start the environment. */
export interface ClusterEnvOptions {
  readonly scenario: Scenario;
  readonly paths: SessionPaths;
  /** Where simulator errors go (the debug log); never the terminal Ink owns. */
  readonly log: (line: string) => void;
  /** Minimum ms between views (and map renders). */
  readonly throttleMs?: number;
  /** Wall ms without learner activity before `idle` (default two minutes). */
  readonly idleNudgeMs?: number;
  /** Wall clock for idleness and deadlines (tests inject one). */
  readonly realNow?: () => number;
}

/** A running cluster environment. */
export interface ClusterEnv {
  readonly cluster: SimCluster;
  readonly clock: PausableClock;
  readonly audit: AuditLog;
  readonly paths: SessionPaths;
  readonly realNow: () => number;
  snapshot(): ClusterSnapshot;
  view(): SessionView;
  subscribe(listener: () => void): () => void;
  /** Called with every published snapshot, before listeners re-render. */
  onSnapshot(fn: (snapshot: ClusterSnapshot) => void): void;
  /** Called once a second (wall time), for countdowns. */
  onTick(fn: () => void): void;
  /** Publishes a fresh view now. */
  publish(): void;
  /** The learner did something (resets idleness). */
  touch(): void;
  togglePause(): void;
  /** While paused: advances to the next instant a controller acts. */
  stepTime(): void;
  /** Puts the cluster back as it was before the learner's last changing kubectl command. */
  rewind(): void;
  close(): Promise<void>;
}

/** Boots the scenario, runs `prepare` (scripted setup) on it, serves it, and starts the views. */
export async function startClusterEnv(opts: ClusterEnvOptions): Promise<ClusterEnv> {
  const clock = new PausableClock();
  const cluster = bootstrapCluster({ scenario: opts.scenario, clock });
  const stopLoop = cluster.startRealtime((err) => opts.log(`simulator error: ${err instanceof Error ? err.message : String(err)}`));
  const audit = new AuditLog();
  const token = randomBytes(24).toString('base64url');
  const tls = loadOrCreateTls(path.join(defaultProgressDir(), 'tls'));
  const history = new RewindHistory(() => cluster.checkpoint(), () => clock.now());
  let notice: string | undefined;
  const server = await startApiServer({
    cluster,
    token,
    tls,
    audit: (e) => {
      const entry = toAuditEntry(e);
      if (entry) audit.append(entry);
    },
    beforeChange: (r) => {
      history.beforeChange(r.command ?? 'kubectl', r.session);
      notice = undefined;
    },
  });
  writeKubeconfig(opts.paths.kubeconfig, server.url, tls.certPem, token);

  const snapshot = (): ClusterSnapshot => snapshotOf(cluster);
  const snapshotHooks: ((s: ClusterSnapshot) => void)[] = [];
  const tickHooks: (() => void)[] = [];
  const live = liveView<SessionView>({
    ...(opts.realNow ? { realNow: opts.realNow } : {}),
    ...(opts.throttleMs !== undefined ? { throttleMs: opts.throttleMs } : {}),
    ...(opts.idleNudgeMs !== undefined ? { idleNudgeMs: opts.idleNudgeMs } : {}),
    build: (idle) => {
      const snap = snapshot();
      for (const hook of snapshotHooks) hook(snap);
      return { map: clusterView(snap), paused: clock.paused, now: clock.now(), idle, ...(notice !== undefined ? { notice } : {}) };
    },
  });
  const { realNow, publish } = live;
  const unwatch = cluster.store.watch({}, live.changed);
  const unaudit = audit.subscribe(live.touch);
  // The status bar's clock: one refresh a second while time runs, or when idleness changes.
  let shownIdle = false;
  const tick = setInterval(() => {
    for (const hook of tickHooks) hook();
    const nowIdle = live.idle();
    if (!clock.paused || nowIdle !== shownIdle || tickHooks.length) {
      shownIdle = nowIdle;
      live.notify((v) => ({ ...v, now: clock.now(), idle: nowIdle }));
    }
  }, 1000);
  tick.unref();

  return {
    cluster,
    clock,
    audit,
    paths: opts.paths,
    realNow,
    snapshot,
    view: live.view,
    subscribe: live.subscribe,
    onSnapshot: (fn) => void snapshotHooks.push(fn),
    onTick: (fn) => void tickHooks.push(fn),
    publish,
    touch: live.touch,
    togglePause() {
      if (clock.paused) clock.resume();
      else clock.pause();
      publish();
    },
    stepTime() {
      if (!clock.paused) return;
      cluster.settle();
      const next = cluster.nextWake();
      if (next !== undefined) clock.jumpTo(next);
      cluster.settle();
      publish();
    },
    rewind() {
      const point = history.pop();
      if (!point) {
        notice = 'Nothing to rewind: no kubectl command of yours has changed the cluster yet.';
      } else {
        cluster.restore(point.checkpoint);
        const left = history.size;
        notice = `⏪ Rewound to before \`${point.command}\`${left ? ` (u again goes back ${left === 1 ? 'one more command' : `up to ${left} more`})` : ''}; steps you passed stay passed.`;
      }
      publish();
    },
    async close() {
      clearInterval(tick);
      live.dispose();
      unwatch();
      unaudit();
      stopLoop();
      clock.pause();
      await server.close();
    },
  };
}
