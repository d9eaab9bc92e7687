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

/**
 * A learner's events, shared between successive states: appended in place only by the state
 * that owns its tail (`length === events.length`), so an older state still reads its own prefix
 * and adding an event costs O(1) instead of a copy of the learner's whole history.
 */
interface SharedLog {
  readonly events: ClassroomEvent[];
  /** id → index in events. */
  readonly index: Map<string, number>;
}

interface LearnerRecord {
  /** This state's events are `log.events[0, length)`, sorted by seq. */
  readonly log: SharedLog;
  readonly length: number;
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

const START: Omit<LearnerProgress, 'learner'> = { name: '', passed: new Map(), completed: new Set(), lesson: undefined, since: 0, hints: 0, idle: false };

function fold(learner: string, events: readonly ClassroomEvent[], from: Omit<LearnerProgress, 'learner'> = START): LearnerProgress {
  let name = from.name;
  const passed = new Map<string, Set<string>>([...from.passed].map(([k, v]) => [k, new Set(v)]));
  const completed = new Set(from.completed);
  let lesson = from.lesson;
  let since = from.since;
  let hints = from.hints;
  let idle = from.idle;
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

interface Work {
  log: SharedLog;
  length: number;
  sorted: boolean;
  readonly added: ClassroomEvent[];
  readonly before: LearnerRecord | undefined;
}

/** Starts work on a learner: extends the old log in place when the old state owns its tail. */
function begin(old: LearnerRecord | undefined): Work {
  if (old === undefined) return { log: { events: [], index: new Map() }, length: 0, sorted: true, added: [], before: old };
  if (old.log.events.length === old.length) return { log: old.log, length: old.length, sorted: true, added: [], before: old };
  const events = old.log.events.slice(0, old.length);
  return { log: { events, index: new Map(events.map((e, i) => [e.id, i])) }, length: old.length, sorted: true, added: [], before: old };
}

/** Adds events to a room: an id seen before for that learner is a duplicate, never applied twice. */
export function applyEvents(state: RoomState, events: readonly ClassroomEvent[]): ApplyResult {
  const learners = new Map(state.learners);
  const touched = new Map<string, Work>();
  const fresh: ClassroomEvent[] = [];
  let duplicates = 0;
  for (const e of events) {
    let w = touched.get(e.learner);
    if (!w) {
      w = begin(learners.get(e.learner));
      touched.set(e.learner, w);
    }
    const seen = w.log.index.get(e.id);
    if (seen !== undefined && seen < w.length) {
      duplicates++;
      continue;
    }
    const last = w.log.events[w.length - 1];
    if (last !== undefined && last.seq > e.seq) w.sorted = false;
    w.log.events.push(e);
    w.log.index.set(e.id, w.length);
    w.length++;
    w.added.push(e);
    fresh.push(e);
  }
  for (const [learner, w] of touched) {
    if (w.added.length === 0) continue;
    if (w.sorted) {
      learners.set(learner, { log: w.log, length: w.length, progress: fold(learner, w.added, w.before?.progress) });
      continue;
    }
    const sorted = w.log.events.slice(0, w.length).sort((a, b) => a.seq - b.seq);
    const log = { events: sorted, index: new Map(sorted.map((e, i) => [e.id, i])) };
    learners.set(learner, { log, length: sorted.length, progress: fold(learner, sorted) });
  }
  return { state: { learners }, accepted: fresh.length, duplicates, fresh };
}

/** Each learner's folded progress, for views and tests. */
export function learnerProgress(state: RoomState): LearnerProgress[] {
  return [...state.learners.values()].map((r) => r.progress);
}
