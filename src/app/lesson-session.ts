/**
 * What the screens need from an open lesson, whichever cluster it runs on: the lesson actor,
 * the audit trail the built-in command line appends to, where kubectl points, a view of the
 * cluster, and what the cluster can do. The simulator's session (session.ts) and the real
 * cluster's (backend-lesson-session.ts) both implement it, so App and dispatch import neither.
 */
import type { Actor } from 'xstate';
import type { AuditLog } from '../lessons/audit.js';
import type { Lesson } from '../lessons/lesson.js';
import { loadLesson } from '../lessons/loader.js';
import type { LessonMachine } from '../lessons/machine.js';
import { formatProblem, LessonError } from '../lessons/problems.js';
import type { ClusterView } from './cluster-view.js';
import type { ProgressRecorder } from './progress-recorder.js';

/** Where kubectl points: the kubeconfig (a file, or a KUBECONFIG list), its cache, and a context when not the current one. */
export interface KubectlTarget {
  readonly kubeconfig: string;
  readonly cacheDir: string;
  /** Passed as `--context` to every kubectl the tutorial runs (real clusters). */
  readonly context?: string;
}

/** What the screen reads from a session between renders. */
export interface SessionView {
  readonly map: ClusterView;
  readonly paused: boolean;
  /** The cluster's time of the view, epoch ms. */
  readonly now: number;
  /** A one-line note for the learner, e.g. what a rewind did. */
  readonly notice?: string;
  /** No command, hint or step change for a while (wall time): the screen offers a nudge. */
  readonly idle: boolean;
}

/** What the cluster under a session can do. */
export interface SessionCapabilities {
  /** Pause, step and rewind (the simulator owns its clock; a real cluster's time runs on its own). */
  readonly timeControls: boolean;
  /** The practice exam runs on this cluster (simulator only). */
  readonly practice: boolean;
}

/** What the time keys say on a cluster whose clock the tutorial does not own. */
export const NO_TIME_CONTROLS = 'real cluster: time runs on its own (pause, step and rewind work only in the simulator)';

/** An open lesson on any cluster. */
export interface LessonSession {
  readonly kind: 'lesson';
  readonly lesson: Lesson;
  readonly actor: Actor<LessonMachine>;
  readonly audit: AuditLog;
  readonly target: KubectlTarget;
  readonly progress: ProgressRecorder;
  readonly capabilities: SessionCapabilities;
  /** The cluster's clock, for audit timestamps. */
  now(): number;
  view(): SessionView;
  subscribe(listener: () => void): () => void;
  /** Pause/resume cluster time (or, without time controls, a notice saying why not). */
  togglePause(): void;
  /** While paused: advances to the next instant a controller acts. */
  stepTime(): void;
  /** Puts the cluster back as it was before the learner's last changing kubectl command. */
  rewind(): void;
  close(): Promise<void>;
}

/** Loads a lesson; a broken lesson file becomes one error listing its problems, as the list shows it. */
export function loadLessonOrExplain(courseDir: string, id: string): Lesson {
  try {
    return loadLesson(courseDir, id);
  } catch (err) {
    if (err instanceof LessonError) throw new Error(err.problems.map(formatProblem).join('\n'));
    throw err;
  }
}
