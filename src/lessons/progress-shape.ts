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

/** One finished practice exam, as the list and `lessons` show it. */
export interface PracticeRecord {
  /** When it ended (ISO time). */
  readonly at: string;
  readonly seed: number;
  readonly minutes: number;
  readonly earned: number;
  readonly points: number;
  readonly tasks: readonly { readonly id: string; readonly earned: number; readonly points: number }[];
}

/** The whole file. */
export interface Progress {
  readonly version: 1;
  readonly lessons: Record<string, LessonProgress>;
  /** Finished practice exams, oldest first. */
  readonly practice?: readonly PracticeRecord[];
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

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function practiceRecord(v: unknown, where: string): Checked<PracticeRecord> {
  if (!isRecord(v)) return { ok: false, problem: `${where}: expected an object` };
  const extra = unknownKey(v, ['at', 'seed', 'minutes', 'earned', 'points', 'tasks'], where);
  if (extra) return { ok: false, problem: extra };
  const { at, seed, minutes, earned, points, tasks } = v;
  if (typeof at !== 'string') return { ok: false, problem: `${where}.at: expected a timestamp string` };
  for (const [name, n] of [['seed', seed], ['minutes', minutes], ['earned', earned], ['points', points]] as const) {
    if (!count(n)) return { ok: false, problem: `${where}.${name}: expected a whole number ≥ 0` };
  }
  if (!Array.isArray(tasks)) return { ok: false, problem: `${where}.tasks: expected a list` };
  const out: { id: string; earned: number; points: number }[] = [];
  for (const [i, t] of tasks.entries()) {
    if (!isRecord(t) || typeof t['id'] !== 'string' || !count(t['earned']) || !count(t['points'])) return { ok: false, problem: `${where}.tasks[${i}]: expected { id, earned, points }` };
    out.push({ id: t['id'], earned: t['earned'], points: t['points'] });
  }
  return { ok: true, value: { at, seed: seed as number, minutes: minutes as number, earned: earned as number, points: points as number, tasks: out } };
}

/** The parsed JSON as progress, or the first problem found (shown to the learner). */
export function checkProgress(v: unknown): Checked<Progress> {
  if (!isRecord(v)) return { ok: false, problem: 'expected an object' };
  const extra = unknownKey(v, ['version', 'lessons', 'practice'], 'the file');
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
  const practice = v['practice'];
  if (practice === undefined) return { ok: true, value: { version: 1, lessons: out } };
  if (!Array.isArray(practice)) return { ok: false, problem: 'practice: expected a list' };
  const records: PracticeRecord[] = [];
  for (const [i, r] of practice.entries()) {
    const checked = practiceRecord(r, `practice[${i}]`);
    if (!checked.ok) return checked;
    records.push(checked.value);
  }
  return { ok: true, value: { version: 1, lessons: out, practice: records } };
}
