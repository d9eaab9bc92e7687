/**
 * What a lesson machine holds and hears: the context (where the learner is, hints, feedback,
 * the latest cluster view) and the events the app sends it. Kept apart from the builder so UI
 * code can import the types without xstate's builder.
 */
import type { AuditEntry, AuditTrail } from './audit.js';
import type { ClusterSnapshot } from './snapshot.js';

/** The machine's memory. */
export interface LessonContext {
  readonly stepIndex: number;
  /** Hints revealed so far, per step index. */
  readonly hintsUsed: readonly number[];
  /** Feedback messages already shown (for the current lesson run). */
  readonly feedbackShown: readonly string[];
  /** The step's most recent failure reason (check reason, or a wrong answer's explanation). */
  readonly lastFailure?: string;
  /** The feedback rule message that matched on the last evaluation, if any. */
  readonly feedback?: string;
  readonly done: readonly string[];
  readonly skipped: readonly string[];
  readonly snapshot: ClusterSnapshot;
  readonly audit: AuditTrail;
}

/** Events the app (cluster watch, command line, keys) sends. */
export type LessonEvent =
  | { type: 'cluster.changed'; snapshot: ClusterSnapshot }
  | { type: 'command.observed'; entry: AuditEntry }
  | { type: 'hint.request' }
  | { type: 'step.skip' }
  | { type: 'lesson.reset' }
  | { type: 'answer.submitted'; choice: string };

/** Side effects the machine asks for; the app supplies them (tests leave them out). */
export interface LessonEffects {
  /** Run a step's scripted setup actions against the cluster. */
  readonly runSetup?: (stepIndex: number) => void;
  /** Put the cluster back to the lesson's starting scenario. */
  readonly resetCluster?: () => void;
}
