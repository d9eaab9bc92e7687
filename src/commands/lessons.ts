/**
 * `learn-daemonsets lessons` (the course with progress) and `lessons check [DIR]` (lint and
 * prove a course in the simulator). Loaded lazily by the CLI.
 */
import path from 'node:path';
import { UsageError } from '../cli.js';
import { BUILTIN_COURSE_DIR, loadCourse } from '../lessons/loader.js';
import { formatProblem, LessonError, type LessonProblem } from '../lessons/problems.js';
import { ProgressStore, type LessonProgress } from '../lessons/progress.js';
import { proveLesson } from '../lessons/prove.js';
import { hasPool, loadPool } from '../practice/pool.js';
import { provePool } from '../practice/prove.js';

function progressText(record: LessonProgress | undefined, steps: number): string {
  if (!record || record.stepsDone.length === 0) return 'not started';
  if (record.completedAt) return `done ${record.completedAt.slice(0, 10)}`;
  return `${record.stepsDone.length}/${steps} steps`;
}

function list(courseDir: string): number {
  const { lessons, problems } = loadCourse(courseDir);
  const { progress, warning } = new ProgressStore().load();
  if (warning) process.stderr.write(`warning: ${warning}\n`);
  const idWidth = Math.max(0, ...lessons.map((l) => l.id.length));
  const titleWidth = Math.max(0, ...lessons.map((l) => l.title.length));
  lessons.forEach((l, i) => {
    const state = progressText(progress.lessons[l.id], l.steps.length);
    process.stdout.write(`${String(i + 1).padStart(2)}. ${l.id.padEnd(idWidth)}  ${l.title.padEnd(titleWidth)}  ${String(l.estimatedMinutes).padStart(3)} min  ${state}\n`);
  });
  if (problems.length) {
    process.stderr.write(`\nSome lessons could not be loaded:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`\nStart one with \`learn-daemonsets --lesson ID\`.\n`);
  return 0;
}

/** Loads and proves the practice pool, printing one line; returns its problems. */
function checkPool(courseDir: string): LessonProblem[] {
  let pool;
  try {
    pool = loadPool(courseDir);
  } catch (err) {
    if (!(err instanceof LessonError)) throw err;
    process.stdout.write('✗ practice pool\n');
    return [...err.problems];
  }
  const found = provePool(pool);
  const points = pool.tasks.reduce((a, t) => a + t.points, 0);
  process.stdout.write(found.length ? '✗ practice pool\n' : `✓ practice pool: ${pool.tasks.length} tasks, ${points} points, each proven alone and all together\n`);
  return found;
}

function check(courseDir: string): number {
  const { lessons, problems } = loadCourse(courseDir);
  const all: LessonProblem[] = [...problems];
  for (const lesson of lessons) {
    const found = proveLesson(lesson).problems;
    all.push(...found);
    const tasks = lesson.steps.filter((s) => s.kind !== 'question').length;
    process.stdout.write(found.length ? `✗ ${lesson.id}\n` : `✓ ${lesson.id}: ${lesson.steps.length} steps, ${tasks} proven with the solution\n`);
  }
  if (hasPool(courseDir)) all.push(...checkPool(courseDir));
  if (all.length) {
    process.stderr.write(`\n${all.length} problem${all.length === 1 ? '' : 's'}:\n${all.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`Course ${courseDir} is sound (${lessons.length} lessons).\n`);
  return 0;
}

/** Runs `lessons [check [DIR]]`; resolves to the exit code. */
export function runLessons(argv: readonly string[]): number {
  const [sub, dir, ...rest] = argv;
  if (sub === undefined) return list(BUILTIN_COURSE_DIR);
  if (sub !== 'check') throw new UsageError(`unknown "lessons" sub-command "${sub}". Use \`learn-daemonsets lessons\` or \`learn-daemonsets lessons check [DIR]\`.`);
  if (rest.length) throw new UsageError(`"lessons check" takes one directory, got also: ${rest.join(' ')}`);
  return check(dir === undefined ? BUILTIN_COURSE_DIR : path.resolve(dir));
}
