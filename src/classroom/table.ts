/**
 * The instructor's table, derived purely from a room and `now`: one row per learner with a
 * marker per lesson, and a summary (who finished what, where most are stuck).
 */
import { learnerProgress, type LearnerProgress, type LessonOutline, type RoomState } from './room.js';

/** A learner is stuck after this long without progress (or as soon as their tool reports idle). */
export const DEFAULT_STUCK_MS = 10 * 60_000;

/** One lesson in a learner's row. */
export interface LessonCell {
  readonly lesson: string;
  readonly passed: number;
  readonly total: number;
  readonly mark: 'done' | 'current' | 'stuck' | 'started' | 'none';
}

/** One learner. */
export interface TableRow {
  readonly learner: string;
  readonly name: string;
  readonly lesson: string | undefined;
  /** The first step of the current lesson not yet passed (undefined when none is left or unknown). */
  readonly step: string | undefined;
  readonly cells: readonly LessonCell[];
  /** ms on the current step (0 when the learner's clock runs ahead of ours). */
  readonly onStepMs: number;
  readonly hints: number;
  readonly stuck: boolean;
}

/** The room at a glance. */
export interface RoomSummary {
  readonly learners: number;
  /** Learners who completed each lesson, in course order. */
  readonly finished: readonly { readonly lesson: string; readonly count: number }[];
  /** The step where most learners are stuck, if any is. */
  readonly mostStuck: { readonly lesson: string; readonly step: string | undefined; readonly count: number } | undefined;
}

/** What `GET /rooms/<code>/table` returns and the screen draws. */
export interface RoomTable {
  readonly rows: readonly TableRow[];
  readonly summary: RoomSummary;
}

function currentStep(p: LearnerProgress, lessons: readonly LessonOutline[]): string | undefined {
  if (p.lesson === undefined || p.completed.has(p.lesson)) return undefined;
  const outline = lessons.find((l) => l.id === p.lesson);
  const passed = p.passed.get(p.lesson);
  return outline?.steps.find((s) => !passed?.has(s));
}

function row(p: LearnerProgress, now: number, lessons: readonly LessonOutline[], stuckMs: number): TableRow {
  const onStepMs = Math.max(0, now - p.since);
  const active = p.lesson !== undefined && !p.completed.has(p.lesson);
  const stuck = active && (p.idle || onStepMs >= stuckMs);
  const cells = lessons.map((l): LessonCell => {
    const passed = l.steps.filter((s) => p.passed.get(l.id)?.has(s)).length;
    const mark = p.completed.has(l.id) ? 'done' : l.id === p.lesson ? (stuck ? 'stuck' : 'current') : passed > 0 ? 'started' : 'none';
    return { lesson: l.id, passed, total: l.steps.length, mark };
  });
  return { learner: p.learner, name: p.name, lesson: p.lesson, step: currentStep(p, lessons), cells, onStepMs: active ? onStepMs : 0, hints: p.hints, stuck };
}

/** Rows sorted by name (then learner id, so two learners called "Sam" keep their order). */
export function roomTable(state: RoomState, now: number, lessons: readonly LessonOutline[], stuckMs = DEFAULT_STUCK_MS): RoomTable {
  const rows = learnerProgress(state)
    .map((p) => row(p, now, lessons, stuckMs))
    .sort((a, b) => (a.name === b.name ? (a.learner < b.learner ? -1 : 1) : a.name < b.name ? -1 : 1));
  const finished = lessons.map((l) => ({ lesson: l.id, count: rows.filter((r) => r.cells.some((c) => c.lesson === l.id && c.mark === 'done')).length }));
  const stuckAt = new Map<string, { lesson: string; step: string | undefined; count: number }>();
  for (const r of rows) {
    if (!r.stuck || r.lesson === undefined) continue;
    const key = `${r.lesson}/${r.step ?? ''}`;
    const entry = stuckAt.get(key) ?? { lesson: r.lesson, step: r.step, count: 0 };
    stuckAt.set(key, { ...entry, count: entry.count + 1 });
  }
  let mostStuck: RoomSummary['mostStuck'];
  for (const s of stuckAt.values()) if (!mostStuck || s.count > mostStuck.count || (s.count === mostStuck.count && `${s.lesson}/${s.step ?? ''}` < `${mostStuck.lesson}/${mostStuck.step ?? ''}`)) mostStuck = s;
  return { rows, summary: { learners: rows.length, finished, mostStuck } };
}
