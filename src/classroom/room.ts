/**
 * The room, decided purely: which events a host keeps (idempotent by id, each learner's events
 * in seq order) and the instructor's table derived from them. No IO and no clock here; the host
 * passes `now` in, so the same events always give the same table.
 */
import type { ClassroomEvent } from './protocol.js';

/** A lesson as the table needs it: its id and its step ids in order. */
export interface LessonOutline {
  readonly id: string;
  readonly steps: readonly string[];
}

/** One learner's progress, folded from their events in seq order. */
export interface LearnerProgress {
  readonly learner: string;
  readonly name: string;
  /** Step ids passed, per lesson. */
  readonly passed: ReadonlyMap<string, ReadonlySet<string>>;
  readonly completed: ReadonlySet<string>;
  readonly lesson: string | undefined;
  /** ms (the learner's clock) of the last progress: joined, lesson opened, step passed or lesson done. */
  readonly since: number;
  readonly hints: number;
  /** The learner's tool reported idle after its last progress. */
  readonly idle: boolean;
}

interface LearnerRecord {
  /** Every accepted event, sorted by seq. */
  readonly events: readonly ClassroomEvent[];
  readonly ids: ReadonlySet<string>;
  readonly progress: LearnerProgress;
}

/** The whole room; replace, never mutate (applyEvents returns a new one). */
export interface RoomState {
  readonly learners: ReadonlyMap<string, LearnerRecord>;
}

/** What applyEvents decided. */
export interface ApplyResult {
  readonly state: RoomState;
  readonly accepted: number;
  readonly duplicates: number;
  /** The accepted events, in arrival order: what the store appends. */
  readonly fresh: readonly ClassroomEvent[];
}

/** An empty room, the start of every fold. */
export function emptyRoom(): RoomState {
  return { learners: new Map() };
}

function fold(learner: string, events: readonly ClassroomEvent[]): LearnerProgress {
  let name = '';
  const passed = new Map<string, Set<string>>();
  const completed = new Set<string>();
  let lesson: string | undefined;
  let since = 0;
  let hints = 0;
  let idle = false;
  for (const e of events) {
    name = e.name;
    const at = Date.parse(e.at);
    switch (e.kind) {
      case 'joined':
        since = at;
        idle = false;
        break;
      case 'lesson-opened':
        if (e.lesson !== undefined) lesson = e.lesson;
        since = at;
        idle = false;
        break;
      case 'step-passed':
        if (e.lesson !== undefined && e.step !== undefined) {
          const steps = passed.get(e.lesson) ?? new Set<string>();
          steps.add(e.step);
          passed.set(e.lesson, steps);
          lesson = e.lesson;
        }
        since = at;
        idle = false;
        break;
      case 'lesson-complete':
        if (e.lesson !== undefined) completed.add(e.lesson);
        since = at;
        idle = false;
        break;
      case 'hint-used':
        hints++;
        break;
      case 'idle':
        idle = true;
        break;
      default: {
        const never: never = e.kind;
        throw new Error(`unknown event kind ${String(never)}`);
      }
    }
  }
  return { learner, name, passed, completed, lesson, since, hints, idle };
}

/** Adds events to a room: an id seen before for that learner is a duplicate, never applied twice. */
export function applyEvents(state: RoomState, events: readonly ClassroomEvent[]): ApplyResult {
  const learners = new Map(state.learners);
  const touched = new Map<string, { events: ClassroomEvent[]; ids: Set<string>; sorted: boolean }>();
  const fresh: ClassroomEvent[] = [];
  let duplicates = 0;
  for (const e of events) {
    let t = touched.get(e.learner);
    if (!t) {
      const old = learners.get(e.learner);
      t = { events: [...(old?.events ?? [])], ids: new Set(old?.ids ?? []), sorted: true };
      touched.set(e.learner, t);
    }
    if (t.ids.has(e.id)) {
      duplicates++;
      continue;
    }
    const last = t.events[t.events.length - 1];
    if (last !== undefined && last.seq > e.seq) t.sorted = false;
    t.ids.add(e.id);
    t.events.push(e);
    fresh.push(e);
  }
  for (const [learner, t] of touched) {
    if (!t.sorted) t.events.sort((a, b) => a.seq - b.seq);
    learners.set(learner, { events: t.events, ids: t.ids, progress: fold(learner, t.events) });
  }
  return { state: { learners }, accepted: fresh.length, duplicates, fresh };
}

/** Each learner's folded progress, for views and tests. */
export function learnerProgress(state: RoomState): LearnerProgress[] {
  return [...state.learners.values()].map((r) => r.progress);
}
