/**
 * What the lesson list needs (ids, titles, minutes, step counts, progress), read cheaply: the
 * full loader compiles checks and scenarios and pulls in the simulator, which the first frame
 * must not wait for. A lesson that does not parse here still lists; opening it reports why.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import type { LessonProgress, Progress } from '../lessons/progress.js';
import type { LessonListItem, PracticeRow } from '../ui/LessonList.js';

/** One lesson's summary. */
export interface LessonSummary {
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  readonly steps: number;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A top-level `key: value` scalar, unquoted; undefined when the line is not that simple. */
function topLevel(text: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*(.+?)[ \\t]*$`, 'm').exec(text);
  const raw = m?.[1];
  if (raw === undefined || /^[|>&*!{[]/.test(raw)) return undefined;
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  return quoted ? quoted[2] : raw.replace(/\s+#.*$/, '');
}

/**
 * Title, minutes and step count by a line scan (our lesson files keep them as plain top-level
 * scalars and list steps at two spaces); anything unusual falls back to the YAML parser.
 */
function scan(text: string): Record<string, unknown> {
  const title = topLevel(text, 'title');
  const minutes = topLevel(text, 'estimatedMinutes');
  const steps = text.match(/^ {2}- id:/gm)?.length ?? 0;
  if (title !== undefined && minutes !== undefined && /^\d+$/.test(minutes) && steps > 0) return { title, estimatedMinutes: Number(minutes), steps: Array.from({ length: steps }) };
  return record(load(text));
}

function summary(courseDir: string, id: string, dirs: readonly string[]): LessonSummary {
  const dir = dirs.find((d) => d === id || d.replace(/^\d+-/, '') === id);
  const file = dir === undefined ? undefined : path.join(courseDir, dir, 'lesson.yaml');
  let data: Record<string, unknown> = {};
  try {
    if (file !== undefined && existsSync(file)) data = scan(readFileSync(file, 'utf8'));
  } catch {
    // Listed with its id; opening it shows the loader's precise problems.
  }
  const steps = Array.isArray(data['steps']) ? data['steps'].length : 0;
  return {
    id,
    title: typeof data['title'] === 'string' ? data['title'] : id,
    minutes: typeof data['estimatedMinutes'] === 'number' ? data['estimatedMinutes'] : 0,
    steps,
  };
}

/** The course's lessons in index order; an unreadable index yields an empty course. */
export function readCourseSummary(courseDir: string): LessonSummary[] {
  let ids: unknown[] = [];
  try {
    const index = record(load(readFileSync(path.join(courseDir, 'index.yaml'), 'utf8')));
    ids = Array.isArray(index['lessons']) ? index['lessons'] : [];
  } catch {
    return [];
  }
  const dirs = existsSync(courseDir) ? readdirSync(courseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
  return ids.filter((id): id is string => typeof id === 'string').map((id) => summary(courseDir, id, dirs));
}

function progressText(p: LessonProgress | undefined, steps: number): { state: LessonListItem['state']; progress: string } {
  if (p?.completedAt) return { state: 'done', progress: `done ${p.completedAt.slice(0, 10)}` };
  if (!p || p.stepsDone.length === 0) return { state: 'new', progress: 'not started' };
  return { state: 'started', progress: `${p.stepsDone.length}/${steps} steps` };
}

/** List rows with progress marks, and the index of the next lesson to do (first not completed). */
export function listItems(lessons: readonly LessonSummary[], progress: Progress): { items: LessonListItem[]; next: number | undefined } {
  const items = lessons.map((l) => ({ id: l.id, title: l.title, minutes: l.minutes, ...progressText(progress.lessons[l.id], l.steps) }));
  const next = items.findIndex((i) => i.state !== 'done');
  return { items, next: next >= 0 ? next : undefined };
}

/** How many tasks the course's practice pool has (0 without one), counted without loading it. */
export function practicePoolSize(courseDir: string): number {
  const file = path.join(courseDir, 'practice', 'pool.yaml');
  try {
    // Tasks sit at two spaces under `tasks:`; the full pool loads only when an exam starts.
    return readFileSync(file, 'utf8').match(/^ {2}- id:/gm)?.length ?? 0;
  } catch {
    return existsSync(file) ? 1 : 0;
  }
}

/** The practice row: the exam length and, once one was taken, the last score. */
export function practiceRow(courseDir: string, minutes: number, progress: Progress): PracticeRow | undefined {
  const tasks = practicePoolSize(courseDir);
  if (!tasks) return undefined;
  const last = progress.practice?.[progress.practice.length - 1];
  const percent = last && last.points ? Math.floor((last.earned * 100) / last.points) : 0;
  return { minutes, tasks, ...(last ? { last: `last ${last.earned}/${last.points} (${percent}%) on ${last.at.slice(0, 10)}` } : {}) };
}
