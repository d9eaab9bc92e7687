/**
 * The progress file's shape, checked by hand: this runs before the first frame, and a schema
 * library would add ~650 KB to what the lesson list has to load. Each problem names the field.
 */

/** One lesson's record. */
export interface LessonProgress {
  readonly stepsDone: string[];
  readonly hintsUsed: number;
  readonly timeSpentMs: number;
  readonly completedAt?: string;
}

/** The whole file. */
export interface Progress {
  readonly version: 1;
  readonly lessons: Record<string, LessonProgress>;
}

type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownKey(obj: Record<string, unknown>, allowed: readonly string[], where: string): string | undefined {
  const extra = Object.keys(obj).find((k) => !allowed.includes(k));
  return extra === undefined ? undefined : `${where}: unknown field "${extra}"`;
}

function lessonProgress(v: unknown, where: string): Checked<LessonProgress> {
  if (!isRecord(v)) return { ok: false, problem: `${where}: expected an object` };
  const extra = unknownKey(v, ['stepsDone', 'hintsUsed', 'timeSpentMs', 'completedAt'], where);
  if (extra) return { ok: false, problem: extra };
  const { stepsDone, hintsUsed, timeSpentMs, completedAt } = v;
  if (!Array.isArray(stepsDone) || !stepsDone.every((s) => typeof s === 'string')) return { ok: false, problem: `${where}.stepsDone: expected a list of step ids` };
  if (typeof hintsUsed !== 'number' || !Number.isInteger(hintsUsed) || hintsUsed < 0) return { ok: false, problem: `${where}.hintsUsed: expected a whole number ≥ 0` };
  if (typeof timeSpentMs !== 'number' || !Number.isFinite(timeSpentMs) || timeSpentMs < 0) return { ok: false, problem: `${where}.timeSpentMs: expected a number ≥ 0` };
  if (completedAt !== undefined && typeof completedAt !== 'string') return { ok: false, problem: `${where}.completedAt: expected a timestamp string` };
  const value: LessonProgress = { stepsDone: stepsDone as string[], hintsUsed, timeSpentMs, ...(completedAt !== undefined ? { completedAt } : {}) };
  return { ok: true, value };
}

/** The parsed JSON as progress, or the first problem found (shown to the learner). */
export function checkProgress(v: unknown): Checked<Progress> {
  if (!isRecord(v)) return { ok: false, problem: 'expected an object' };
  const extra = unknownKey(v, ['version', 'lessons'], 'the file');
  if (extra) return { ok: false, problem: extra };
  if (v['version'] !== 1) return { ok: false, problem: `version: expected 1, found ${JSON.stringify(v['version'])}` };
  const lessons = v['lessons'];
  if (!isRecord(lessons)) return { ok: false, problem: 'lessons: expected an object' };
  const out: Record<string, LessonProgress> = {};
  for (const [id, record] of Object.entries(lessons)) {
    const checked = lessonProgress(record, `lessons.${id}`);
    if (!checked.ok) return checked;
    out[id] = checked.value;
  }
  return { ok: true, value: { version: 1, lessons: out } };
}
