/**
 * Loads a course: `index.yaml` (lesson ids in order) and each `<nn-id>/lesson.yaml` with its
 * markdown, scenario, checks and actions. Every defect becomes a LessonProblem with file and
 * line; nothing half-loaded escapes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadScenario, ScenarioError, type Scenario } from '../sim/scenario/index.js';
import { compileAction } from './actions/index.js';
import { compileCheck } from './checks/index.js';
import type { Lesson, Step, StepAction, StepCheck } from './lesson.js';
import { LessonError, parseYaml, pathText, type LessonProblem } from './problems.js';
import { lineOfPath } from './yaml-lines.js';
import { indexSchema, lessonSchema, type RefData, type StepData } from './schema.js';
import { packagePath } from '../package-root.js';

/** The course shipped with the package (`lessons/` beside `src/` or `dist/`). */
export const BUILTIN_COURSE_DIR = packagePath('lessons');

/** Lesson ids in course order, from `index.yaml`. */
export function loadIndex(courseDir: string): string[] {
  const file = path.join(courseDir, 'index.yaml');
  if (!existsSync(file)) throw new LessonError([{ file, message: 'no index.yaml: a course lists its lesson ids there' }]);
  const parsed = parseYaml(file, readFileSync(file, 'utf8'), indexSchema);
  if (!parsed.ok) throw new LessonError(parsed.problems);
  return parsed.data.lessons;
}

/** The folder of lesson `id`: `<nn>-<id>` (or `<id>`), undefined when absent. */
export function lessonDir(courseDir: string, id: string): string | undefined {
  const dirs = existsSync(courseDir) ? readdirSync(courseDir, { withFileTypes: true }).filter((d) => d.isDirectory()) : [];
  const hit = dirs.find((d) => d.name === id || d.name.replace(/^\d+-/, '') === id);
  return hit ? path.join(courseDir, hit.name) : undefined;
}

interface Ctx {
  readonly file: string;
  readonly text: string;
  readonly problems: LessonProblem[];
}

function at(ctx: Ctx, segs: readonly PropertyKey[], message: string): void {
  const line = lineOfPath(ctx.text, segs);
  ctx.problems.push({ file: ctx.file, path: pathText(segs), message, ...(line !== undefined ? { line } : {}) });
}

function check(ctx: Ctx, ref: RefData, segs: readonly PropertyKey[]): StepCheck {
  const c = compileCheck(ref);
  if (c.ok) return { ref, run: c.run };
  for (const p of c.problems) at(ctx, segs, p);
  return { ref, run: () => ({ status: 'fail', reason: 'this check is broken' }) };
}

function actions(ctx: Ctx, refs: readonly RefData[] | undefined, segs: readonly PropertyKey[]): StepAction[] {
  return (refs ?? []).map((ref, i) => {
    const a = compileAction(ref);
    if (!a.ok) for (const p of a.problems) at(ctx, [...segs, i], p);
    return { ref, run: a.ok ? a.run : () => undefined };
  });
}

function prose(ctx: Ctx, dir: string, file: string, segs: readonly PropertyKey[]): string {
  const full = path.join(dir, file);
  if (!existsSync(full)) {
    at(ctx, segs, `prose file ${file} does not exist`);
    return '';
  }
  return readFileSync(full, 'utf8');
}

function step(ctx: Ctx, dir: string, s: StepData, i: number): Step {
  const segs = ['steps', i];
  const base = { id: s.id, title: s.title, prompt: prose(ctx, dir, s.prompt, [...segs, 'prompt']) };
  switch (s.kind) {
    case 'task':
    case 'observe':
      return {
        ...base,
        kind: s.kind,
        hints: s.hints,
        setup: actions(ctx, s.setup, [...segs, 'setup']),
        check: check(ctx, s.check, [...segs, 'check']),
        feedback: (s.feedback ?? []).map((f, j) => ({ when: check(ctx, f.when, [...segs, 'feedback', j, 'when']), message: f.message })),
      };
    case 'question':
      return { ...base, kind: 'question', hints: s.hints ?? [], choices: s.choices, answer: s.answer };
  }
}

function scenario(ctx: Ctx, dir: string, name: string): Scenario | undefined {
  try {
    return /\.ya?ml$/.test(name) ? loadScenario(path.join(dir, name)) : loadScenario(name);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    at(ctx, ['scenario'], err.message);
    return undefined;
  }
}

/** Loads and compiles one lesson; throws LessonError listing every problem. */
export function loadLesson(courseDir: string, id: string): Lesson {
  const dir = lessonDir(courseDir, id);
  if (!dir) throw new LessonError([{ file: path.join(courseDir, id), message: `no folder for lesson "${id}" (expected <nn>-${id}/lesson.yaml)` }]);
  const file = path.join(dir, 'lesson.yaml');
  if (!existsSync(file)) throw new LessonError([{ file, message: 'missing lesson.yaml' }]);
  const text = readFileSync(file, 'utf8');
  const parsed = parseYaml(file, text, lessonSchema);
  if (!parsed.ok) throw new LessonError(parsed.problems);
  const data = parsed.data;
  const ctx: Ctx = { file, text, problems: [] };
  if (data.id !== id) at(ctx, ['id'], `id "${data.id}" does not match the index entry "${id}"`);
  const seen = new Set<string>();
  data.steps.forEach((s, i) => {
    if (seen.has(s.id)) at(ctx, ['steps', i, 'id'], `duplicate step id "${s.id}"`);
    seen.add(s.id);
  });
  const steps = data.steps.map((s, i) => step(ctx, dir, s, i));
  const intro = data.intro === undefined ? undefined : prose(ctx, dir, data.intro, ['intro']);
  const sc = scenario(ctx, dir, data.scenario);
  if (ctx.problems.length || !sc) throw new LessonError(ctx.problems);
  return { id: data.id, title: data.title, summary: data.summary, estimatedMinutes: data.estimatedMinutes, dir, file, scenarioName: data.scenario, scenario: sc, steps, ...(intro !== undefined ? { intro } : {}) };
}

/** Every lesson of the course, or every problem across it (duplicate ids included). */
export function loadCourse(courseDir: string): { lessons: Lesson[]; problems: LessonProblem[] } {
  const problems: LessonProblem[] = [];
  let ids: string[];
  try {
    ids = loadIndex(courseDir);
  } catch (err) {
    if (err instanceof LessonError) return { lessons: [], problems: [...err.problems] };
    throw err;
  }
  const lessons: Lesson[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      problems.push({ file: path.join(courseDir, 'index.yaml'), message: `lesson id "${id}" is listed twice` });
      continue;
    }
    seen.add(id);
    try {
      lessons.push(loadLesson(courseDir, id));
    } catch (err) {
      if (err instanceof LessonError) problems.push(...err.problems);
      else throw err;
    }
  }
  return { lessons, problems };
}
