/**
 * Loads and compiles the practice pool: every check and action resolved against the lesson
 * registries once, with `file:line: path: message` problems for an author to fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileAction, type CompiledAction } from '../lessons/actions/index.js';
import { compileCheck, type CompiledCheck } from '../lessons/checks/index.js';
import { LessonError, parseYaml, pathText, type LessonProblem } from '../lessons/problems.js';
import type { RefData } from '../lessons/schema.js';
import { lineOfPath } from '../lessons/yaml-lines.js';
import { loadScenario, ScenarioError, type Scenario } from '../sim/scenario/index.js';
import { poolSchema } from './schema.js';

/** A graded part, compiled. */
export interface PracticePart {
  readonly what: string;
  readonly points: number;
  readonly check: CompiledCheck;
}

/** A compiled task. */
export interface PracticeTask {
  readonly id: string;
  readonly title: string;
  readonly prompt: string;
  readonly setup: readonly CompiledAction[];
  readonly parts: readonly PracticePart[];
  readonly solution: readonly CompiledAction[];
  /** Sum of the parts' points. */
  readonly points: number;
}

/** The compiled pool. */
export interface PracticePool {
  readonly file: string;
  /** Where setup and solution manifests are resolved from. */
  readonly dir: string;
  readonly scenario: Scenario;
  readonly tasks: readonly PracticeTask[];
}

/** Where the pool lives inside a course folder. */
export function poolFile(courseDir: string): string {
  return path.join(courseDir, 'practice', 'pool.yaml');
}

/** Whether a course has a practice pool at all. */
export function hasPool(courseDir: string): boolean {
  return existsSync(poolFile(courseDir));
}

/** Loads the pool of a course; throws LessonError listing every problem. */
export function loadPool(courseDir: string): PracticePool {
  const file = poolFile(courseDir);
  if (!existsSync(file)) throw new LessonError([{ file, message: 'no practice pool: write practice/pool.yaml in the course folder' }]);
  const text = readFileSync(file, 'utf8');
  const parsed = parseYaml(file, text, poolSchema);
  if (!parsed.ok) throw new LessonError(parsed.problems);
  const problems: LessonProblem[] = [];
  const at = (segs: readonly PropertyKey[], message: string) => {
    const line = lineOfPath(text, segs);
    problems.push({ file, path: pathText(segs), message, ...(line !== undefined ? { line } : {}) });
  };
  const actions = (refs: readonly RefData[] | undefined, segs: readonly PropertyKey[]): CompiledAction[] =>
    (refs ?? []).map((ref, i) => {
      const a = compileAction(ref);
      if (!a.ok) for (const p of a.problems) at([...segs, i], p);
      return a.ok ? a.run : () => undefined;
    });
  const seen = new Set<string>();
  const tasks = parsed.data.tasks.map((t, i): PracticeTask => {
    if (seen.has(t.id)) at(['tasks', i, 'id'], `duplicate task id "${t.id}"`);
    seen.add(t.id);
    const parts = t.parts.map((p, j): PracticePart => {
      const c = compileCheck(p.check);
      if (!c.ok) for (const m of c.problems) at(['tasks', i, 'parts', j, 'check'], m);
      return { what: p.what, points: p.points, check: c.ok ? c.run : () => ({ status: 'fail', reason: 'this check is broken' }) };
    });
    return {
      id: t.id,
      title: t.title,
      prompt: t.prompt,
      setup: actions(t.setup, ['tasks', i, 'setup']),
      parts,
      solution: actions(t.solution, ['tasks', i, 'solution']),
      points: parts.reduce((a, p) => a + p.points, 0),
    };
  });
  const dir = path.dirname(file);
  let scenario: Scenario | undefined;
  try {
    const name = parsed.data.scenario;
    scenario = /\.ya?ml$/.test(name) ? loadScenario(path.join(dir, name)) : loadScenario(name);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    at(['scenario'], err.message);
  }
  if (problems.length || !scenario) throw new LessonError(problems);
  return { file, dir, scenario, tasks };
}
