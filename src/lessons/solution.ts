/**
 * A lesson's `solution/` as action references per step, for any runner: `steps.yaml` when it
 * exists (checked against the schema and the lesson's step ids, problems with file and line),
 * otherwise every `solution/*.yaml` manifest applied in the first task step.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Lesson } from './lesson.js';
import { LessonError, parseYaml, pathText, type LessonProblem } from './problems.js';
import { solutionSchema, type RefData } from './schema.js';
import { lineOfPath } from './yaml-lines.js';

/** One solution action and where it is written (for problems). */
export interface SolutionRef {
  readonly ref: RefData;
  /** `steps[i].run[j]`, when it came from steps.yaml. */
  readonly at?: { readonly file: string; readonly text: string; readonly segs: readonly PropertyKey[] };
}

/** The problem at a solution reference, with its line when known. */
export function solutionProblem(where: SolutionRef['at'], fallbackFile: string, message: string): LessonProblem {
  if (!where) return { file: fallbackFile, message };
  const line = lineOfPath(where.text, where.segs);
  return { file: where.file, path: pathText(where.segs), message, ...(line !== undefined ? { line } : {}) };
}

/** Per step id, the actions a learner would take, in order; throws LessonError for a bad steps.yaml. */
export function readSolution(lesson: Lesson): ReadonlyMap<string, readonly SolutionRef[]> {
  const dir = path.join(lesson.dir, 'solution');
  const file = path.join(dir, 'steps.yaml');
  if (!existsSync(file)) {
    const manifests = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
    const first = lesson.steps.find((s) => s.kind === 'task');
    if (!first || manifests.length === 0) return new Map();
    return new Map([[first.id, manifests.map((m) => ({ ref: { name: 'applyManifest', params: { file: path.join('solution', m) } } }))]]);
  }
  const text = readFileSync(file, 'utf8');
  const parsed = parseYaml(file, text, solutionSchema);
  if (!parsed.ok) throw new LessonError(parsed.problems);
  const problems: LessonProblem[] = [];
  const out = new Map<string, SolutionRef[]>();
  parsed.data.steps.forEach((entry, i) => {
    if (!lesson.steps.some((s) => s.id === entry.step)) problems.push(solutionProblem({ file, text, segs: ['steps', i, 'step'] }, file, `no step "${entry.step}" in ${lesson.id}`));
    const refs = entry.run.map((ref, j) => ({ ref, at: { file, text, segs: ['steps', i, 'run', j] } }));
    out.set(entry.step, [...(out.get(entry.step) ?? []), ...refs]);
  });
  if (problems.length) throw new LessonError(problems);
  return out;
}
