/**
 * One open lesson on a real cluster (any ClusterBackend): the lesson's starting state applied
 * through the backend, the lesson actor fed by the backend's snapshots (startBackendSession),
 * the map from the same clusterView, the connection's health as a one-line message, and no
 * time controls (the keys say so). The backend stays open across lessons; the app closes it.
 */
import type { ClusterBackend, ScenarioPlan } from '../cluster/backend.js';
import { scenarioPlan } from '../lessons/backend-runner.js';
import { startBackendSession } from '../lessons/backend-session.js';
import type { ProgressStore } from '../lessons/progress.js';
import { clusterView } from './cluster-view.js';
import { liveView } from './live-view.js';
import { loadLessonOrExplain, NO_TIME_CONTROLS, type KubectlTarget, type LessonSession, type SessionView } from './lesson-session.js';
import { ProgressRecorder } from './progress-recorder.js';

export { renderMarkdown } from '../ui/markdown.js';

/** Said once when a lesson opens on a real cluster. */
export const UNSEEN_COMMANDS = 'Real cluster: run kubectl on the : line so the checks see how you did it; commands in another terminal change the cluster, but cannot be seen here.';

/** Ports the session needs from the app. */
export interface BackendLessonOptions {
  readonly backend: ClusterBackend;
  readonly target: KubectlTarget;
  readonly courseDir: string;
  readonly progress: ProgressStore;
  readonly log: (line: string) => void;
  /** Called after the lesson's starting state was applied (the app records it for cleanup). */
  readonly onPrepared?: (plan: ScenarioPlan) => void;
  /** Minimum ms between views and snapshots sent to the lesson (default 100). */
  readonly throttleMs?: number;
  /** Wall ms without learner activity before `idle` (default two minutes). */
  readonly idleNudgeMs?: number;
  readonly realNow?: () => number;
}

/** Sets the lesson up on the cluster (re-running its setup, as a reset does) and starts it. */
export async function openBackendLesson(id: string, opts: BackendLessonOptions): Promise<LessonSession> {
  const { backend } = opts;
  const lesson = loadLessonOrExplain(opts.courseDir, id);
  const plan = scenarioPlan(lesson, backend.snapshot().takenAt);
  await backend.prepare(plan, { lessonDir: lesson.dir });
  opts.onPrepared?.(plan);
  let notice: string | undefined = UNSEEN_COMMANDS;
  const live = liveView<SessionView>({
    ...(opts.realNow ? { realNow: opts.realNow } : {}),
    ...(opts.throttleMs !== undefined ? { throttleMs: opts.throttleMs } : {}),
    ...(opts.idleNudgeMs !== undefined ? { idleNudgeMs: opts.idleNudgeMs } : {}),
    build: (idle) => {
      const snap = backend.snapshot();
      const problem = backend.health().problem;
      const note = problem !== undefined ? `⚠ ${problem} (retrying)` : notice;
      return { map: clusterView(snap), paused: false, now: snap.takenAt, idle, ...(note !== undefined ? { notice: note } : {}) };
    },
  });
  const { publish } = live;
  const say = (message: string) => {
    notice = message;
    publish();
  };
  const session = startBackendSession(backend, lesson, { ...(opts.throttleMs !== undefined ? { throttleMs: opts.throttleMs } : {}), notice: say });
  const { actor, audit } = session;
  const progress = new ProgressRecorder(lesson, opts.progress);
  const sub = actor.subscribe((s) => progress.observe(s.context, s.status === 'done'));
  progress.observe(actor.getSnapshot().context, actor.getSnapshot().status === 'done');
  let mark = '';
  const activity = actor.subscribe((s) => {
    const next = `${s.context.stepIndex}/${s.context.hintsUsed.join(',')}/${s.status}`;
    if (next !== mark) live.touch();
    mark = next;
  });
  const unaudit = audit.subscribe(() => {
    live.touch();
    // The learner found the command line: the opening note has done its job.
    if (notice === UNSEEN_COMMANDS) notice = undefined;
  });
  const unwatch = backend.subscribe(live.changed);
  // The status bar's clock and idleness, once a second.
  const tick = setInterval(publish, 1000);
  tick.unref();
  const noTime = () => say(NO_TIME_CONTROLS);
  return {
    kind: 'lesson',
    lesson,
    actor,
    audit,
    target: opts.target,
    progress,
    capabilities: { timeControls: false, practice: false },
    now: () => backend.snapshot().takenAt,
    view: live.view,
    subscribe: live.subscribe,
    togglePause: noTime,
    stepTime: noTime,
    rewind: noTime,
    async close() {
      clearInterval(tick);
      unwatch();
      unaudit();
      sub.unsubscribe();
      activity.unsubscribe();
      progress.flush();
      session.close();
      live.dispose();
    },
  };
}
