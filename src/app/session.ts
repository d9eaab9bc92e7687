/**
 * One open lesson: its simulated cluster running in real time, the HTTPS API server kubectl
 * talks to, the lesson actor fed with throttled cluster snapshots and audit entries, and
 * progress saved as steps pass. Loaded lazily (the simulator is not needed for the list).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createActor, type Actor } from 'xstate';
import { AuditLog } from '../lessons/audit.js';
import { toAuditEntry } from '../lessons/audit-apiserver.js';
import type { Lesson } from '../lessons/lesson.js';
import { loadLesson } from '../lessons/loader.js';
import { buildLessonMachine, type LessonMachine } from '../lessons/machine.js';
import { formatProblem, LessonError } from '../lessons/problems.js';
import { defaultProgressDir, type ProgressStore } from '../lessons/progress.js';
import { runSetup, snapshotOf } from '../lessons/sim-runner.js';
import type { ClusterSnapshot } from '../lessons/snapshot.js';
import { bootstrapCluster } from '../sim/bootstrap.js';
import { startApiServer } from '../sim/apiserver/server.js';
import { writeKubeconfig } from '../sim/apiserver/kubeconfig.js';
import { loadOrCreateTls } from '../sim/apiserver/tls.js';
import type { SimCluster } from '../sim/cluster.js';
import { clusterView, type ClusterView } from './cluster-view.js';
import { PausableClock } from './pausable-clock.js';
import { RewindHistory } from './rewind.js';
import { ProgressRecorder } from './progress-recorder.js';

export { renderMarkdown } from '../ui/markdown.js';

/** Where a session keeps its files: one temp dir per TUI process, so `export KUBECONFIG=…` stays valid across lessons. */
export interface SessionPaths {
  readonly kubeconfig: string;
  readonly cacheDir: string;
}

/** What the screen reads from a session between renders. */
export interface SessionView {
  readonly map: ClusterView;
  readonly paused: boolean;
  /** Simulated time of the view, epoch ms. */
  readonly now: number;
  /** A one-line note for the learner, e.g. what a rewind did. */
  readonly notice?: string;
  /** No command, hint or step change for a while (wall time): the screen offers a nudge. */
  readonly idle: boolean;
}

/** Ports the session needs from the app. */
export interface SessionOptions {
  readonly courseDir: string;
  readonly paths: SessionPaths;
  readonly progress: ProgressStore;
  /** Where simulator errors go (the debug log); never the terminal Ink owns. */
  readonly log: (line: string) => void;
  /** Minimum ms between snapshots sent to the lesson (and map renders). */
  readonly throttleMs?: number;
  /** Wall ms without learner activity before the nudge (default two minutes). */
  readonly idleNudgeMs?: number;
  /** Wall clock for idleness (tests inject one). */
  readonly realNow?: () => number;
}

/** A running lesson. */
export interface Session {
  readonly lesson: Lesson;
  readonly actor: Actor<LessonMachine>;
  readonly audit: AuditLog;
  readonly paths: SessionPaths;
  readonly cluster: SimCluster;
  readonly progress: ProgressRecorder;
  view(): SessionView;
  subscribe(listener: () => void): () => void;
  togglePause(): void;
  /** While paused: advances to the next instant a controller acts. */
  stepTime(): void;
  /** Puts the cluster back as it was before the learner's last changing kubectl command. */
  rewind(): void;
  close(): Promise<void>;
}

/** Why a lesson cannot open, as the list shows it. */
function loadOrExplain(courseDir: string, id: string): Lesson {
  try {
    return loadLesson(courseDir, id);
  } catch (err) {
    if (err instanceof LessonError) throw new Error(err.problems.map(formatProblem).join('\n'));
    throw err;
  }
}

/** Loads the lesson, starts its cluster and API server, and wires the lesson actor. */
export async function openSession(id: string, opts: SessionOptions): Promise<Session> {
  const lesson = loadOrExplain(opts.courseDir, id);
  const clock = new PausableClock();
  const cluster = bootstrapCluster({ scenario: lesson.scenario, clock });
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
  const actor = createActor(buildLessonMachine(lesson, { runSetup: (i) => runSetup(lesson, cluster, i) }));
  const progress = new ProgressRecorder(lesson, opts.progress);
  actor.subscribe((s) => progress.observe(s.context, s.status === 'done'));
  actor.start();

  const listeners = new Set<() => void>();
  const realNow = opts.realNow ?? Date.now;
  const idleNudgeMs = opts.idleNudgeMs ?? 120_000;
  let lastActivity = realNow();
  const idle = () => realNow() - lastActivity >= idleNudgeMs;
  const view = (snap: ClusterSnapshot): SessionView => ({ map: clusterView(snap), paused: clock.paused, now: clock.now(), idle: idle(), ...(notice !== undefined ? { notice } : {}) });
  let current: SessionView = view(snapshot());
  const publish = () => {
    const snap = snapshot();
    if (actor.getSnapshot().status === 'active') actor.send({ type: 'cluster.changed', snapshot: snap });
    current = view(snap);
    for (const l of listeners) l();
  };
  const throttleMs = opts.throttleMs ?? 100;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const changed = () => {
    if (pending) return;
    const wait = Math.max(0, last + throttleMs - Date.now());
    pending = setTimeout(() => {
      pending = undefined;
      last = Date.now();
      publish();
    }, wait);
  };
  const unwatch = cluster.store.watch({}, changed);
  const unaudit = audit.subscribe((entry) => {
    lastActivity = realNow();
    if (actor.getSnapshot().status === 'active') actor.send({ type: 'command.observed', entry });
  });
  // A step passed or a hint asked for is activity too.
  let progressMark = '';
  const unprogress = actor.subscribe((s) => {
    const mark = `${s.context.stepIndex}/${s.context.hintsUsed.join(',')}/${s.status}`;
    if (mark !== progressMark) lastActivity = realNow();
    progressMark = mark;
  });
  // The status bar's clock: one refresh a second while time runs, or when idleness changes.
  const tick = setInterval(() => {
    const nowIdle = idle();
    if (!clock.paused || nowIdle !== current.idle) {
      current = { ...current, now: clock.now(), idle: nowIdle };
      for (const l of listeners) l();
    }
  }, 1000);
  tick.unref();
  publish();

  return {
    lesson,
    actor,
    audit,
    paths: opts.paths,
    cluster,
    progress,
    view() {
      // Idleness is read fresh (wall time moves on its own); a new object only when it flips.
      const nowIdle = idle();
      if (nowIdle !== current.idle) current = { ...current, idle: nowIdle };
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
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
      if (pending) clearTimeout(pending);
      unwatch();
      unaudit();
      unprogress.unsubscribe();
      stopLoop();
      progress.flush();
      actor.stop();
      clock.pause();
      await server.close();
    },
  };
}
