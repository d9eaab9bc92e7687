/**
 * Which classroom events a change in the learner's lesson state amounts to. Pure, so the TUI
 * can call it on every state change with the previous and current snapshot and record the
 * result in the outbox, and so the rules are a table test rather than UI plumbing.
 */
import type { ClassroomEvent } from './protocol.js';

/** The slice of a lesson session the instructor's table is about. */
export interface ProgressSnapshot {
  readonly lessonId: string;
  /** The lesson's step ids by index, to name the step a hint or idleness belongs to. */
  readonly stepIds: readonly string[];
  readonly stepIndex: number;
  /** Step ids passed (not skipped), in the order they passed. */
  readonly done: readonly string[];
  /** Hints revealed so far, per step index (the lesson machine's counters). */
  readonly hintsUsed: readonly number[];
  readonly status: 'active' | 'complete';
  /** The session's "no learner activity for a while" flag. */
  readonly idle: boolean;
}

/** One event to record: a kind and what it is about. */
export interface ProgressEvent {
  readonly kind: Exclude<ClassroomEvent['kind'], 'joined'>;
  readonly lesson: string;
  readonly step?: string;
}

/**
 * The events between two snapshots, in the order they should be recorded. Opening a lesson
 * (no `before`, or another lesson) yields only `lesson-opened`: steps restored from saved
 * progress were reported when they passed. `after` undefined (lesson closed) yields nothing.
 */
export function progressEvents(before: ProgressSnapshot | undefined, after: ProgressSnapshot | undefined): ProgressEvent[] {
  if (!after) return [];
  const lesson = after.lessonId;
  if (!before || before.lessonId !== lesson) return [{ kind: 'lesson-opened', lesson }];
  const out: ProgressEvent[] = [];
  after.hintsUsed.forEach((count, i) => {
    const step = after.stepIds[i];
    for (let n = before.hintsUsed[i] ?? 0; n < count; n++) out.push(withStep({ kind: 'hint-used', lesson }, step));
  });
  const passedBefore = new Set(before.done);
  for (const step of after.done) if (!passedBefore.has(step)) out.push({ kind: 'step-passed', lesson, step });
  if (before.status !== 'complete' && after.status === 'complete') out.push({ kind: 'lesson-complete', lesson });
  if (!before.idle && after.idle) {
    const step = after.status === 'complete' ? undefined : after.stepIds[after.stepIndex];
    out.push(withStep({ kind: 'idle', lesson }, step));
  }
  return out;
}

function withStep(event: ProgressEvent, step: string | undefined): ProgressEvent {
  return step === undefined ? event : { ...event, step };
}
