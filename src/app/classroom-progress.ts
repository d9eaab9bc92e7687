/**
 * A classroom learner's progress, reported as the lesson moves: every open lesson's actor and
 * idleness are turned into events (lesson opened, step passed, hint used, lesson complete,
 * idle) and recorded in the outbox, which delivers them when it can. Nothing else is sent.
 */
import { progressEvents, type ProgressSnapshot } from '../classroom/progress-events.js';
import type { ProgressEvent } from '../classroom/progress-events.js';
import type { LessonSession } from './lesson-session.js';
import type { SessionHolder } from './session-holder.js';

/** Where the events go: the learner's outbox (durable, delivered in order). */
export interface ProgressReporter {
  record(kind: ProgressEvent['kind'], lesson?: string, step?: string): unknown;
  flush(): Promise<unknown>;
  close(): void;
}

/** The slice of the lesson the instructor's table is about. */
export function progressSnapshot(session: Pick<LessonSession, 'lesson' | 'actor' | 'view'>): ProgressSnapshot {
  const s = session.actor.getSnapshot();
  return {
    lessonId: session.lesson.id,
    stepIds: session.lesson.steps.map((step) => step.id),
    stepIndex: s.context.stepIndex,
    done: s.context.done,
    hintsUsed: s.context.hintsUsed,
    status: s.status === 'done' ? 'complete' : 'active',
    idle: session.view().idle,
  };
}

/** Reports one lesson until the returned function is called (when it closes). */
export function reportLesson(session: LessonSession, reporter: ProgressReporter): () => void {
  let before: ProgressSnapshot | undefined;
  const check = () => {
    const after = progressSnapshot(session);
    const events = progressEvents(before, after);
    before = after;
    for (const e of events) reporter.record(e.kind, e.lesson, e.step);
    if (events.length) void reporter.flush();
  };
  const actor = session.actor.subscribe(check);
  const view = session.subscribe(check);
  check();
  return () => {
    actor.unsubscribe();
    view();
  };
}

/** Follows whichever lesson the app has open; returns a function that stops and closes the reporter. */
export function reportOpenLessons(holder: SessionHolder, reporter: ProgressReporter): () => void {
  let current: { session: unknown; stop: () => void } | undefined;
  const follow = () => {
    const session = holder.get()?.session;
    if (current?.session === session) return;
    current?.stop();
    current = session?.kind === 'lesson' ? { session, stop: reportLesson(session, reporter) } : undefined;
  };
  const unsubscribe = holder.subscribe(follow);
  follow();
  return () => {
    unsubscribe();
    current?.stop();
    reporter.close();
  };
}
