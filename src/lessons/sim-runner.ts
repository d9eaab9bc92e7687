/**
 * Runs lessons in the simulator: bootstrap a lesson's scenario, run its scripted actions,
 * replay its solution (recording kubectl equivalents in the audit trail), and take snapshots.
 * Shared by `lessons check` (proofs), `verify` and the app's simulator backend.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bootstrapCluster } from '../sim/bootstrap.js';
import { ManualClock, type Clock } from '../sim/clock.js';
import type { SimCluster } from '../sim/cluster.js';
import { compileAction, type CompiledAction } from './actions/index.js';
import type { AuditLog } from './audit.js';
import type { Lesson } from './lesson.js';
import { LessonError, parseYaml, pathText, type LessonProblem } from './problems.js';
import { solutionSchema } from './schema.js';
import { snapshotFromStore, type ClusterSnapshot } from './snapshot.js';
import { lineOfPath } from './yaml-lines.js';

/** A fixed start instant, so proofs and tests are reproducible. */
export const LESSON_EPOCH = Date.UTC(2026, 0, 1, 9, 0, 0);

/** A settled simulated cluster in the lesson's starting state. */
export function startLessonCluster(lesson: Lesson, clock: Clock = new ManualClock(LESSON_EPOCH)): SimCluster {
  return bootstrapCluster({ scenario: lesson.scenario, clock });
}

/** The snapshot checks read. */
export function snapshotOf(cluster: SimCluster): ClusterSnapshot {
  return snapshotFromStore(cluster.store, cluster.clock.now());
}

/** Runs a step's scripted setup actions (not recorded in the audit trail) and lets the cluster settle. */
export function runSetup(lesson: Lesson, cluster: SimCluster, stepIndex: number): void {
  const step = lesson.steps[stepIndex];
  if (!step || step.kind === 'question') return;
  for (const action of step.setup) action.run({ cluster, lessonDir: lesson.dir });
  cluster.settle();
}

/** The lesson's solution: per step id, the actions that solve it. */
export type Solution = ReadonlyMap<string, readonly CompiledAction[]>;

/** Reads `solution/steps.yaml`, or (without one) applies every `solution/*.yaml` manifest in the first task step. */
export function loadSolution(lesson: Lesson): Solution {
  const dir = path.join(lesson.dir, 'solution');
  const file = path.join(dir, 'steps.yaml');
  if (!existsSync(file)) {
    const manifests = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
    const first = lesson.steps.find((s) => s.kind === 'task');
    if (!first || manifests.length === 0) return new Map();
    const runs = manifests.map((m) => compileAction({ name: 'applyManifest', params: { file: path.join('solution', m) } }));
    return new Map([[first.id, runs.flatMap((r) => (r.ok ? [r.run] : []))]]);
  }
  const text = readFileSync(file, 'utf8');
  const parsed = parseYaml(file, text, solutionSchema);
  if (!parsed.ok) throw new LessonError(parsed.problems);
  const problems: LessonProblem[] = [];
  const out = new Map<string, CompiledAction[]>();
  parsed.data.steps.forEach((entry, i) => {
    const where = (segs: PropertyKey[], message: string) => {
      const line = lineOfPath(text, segs);
      problems.push({ file, path: pathText(segs), message, ...(line !== undefined ? { line } : {}) });
    };
    if (!lesson.steps.some((s) => s.id === entry.step)) where(['steps', i, 'step'], `no step "${entry.step}" in ${lesson.id}`);
    const runs = entry.run.map((ref, j) => {
      const c = compileAction(ref);
      if (!c.ok) for (const p of c.problems) where(['steps', i, 'run', j], p);
      return c.ok ? c.run : () => undefined;
    });
    out.set(entry.step, [...(out.get(entry.step) ?? []), ...runs]);
  });
  if (problems.length) throw new LessonError(problems);
  return out;
}

/** Replays the solution of one step as a learner would, recording kubectl equivalents in `audit`. */
export function runSolutionStep(lesson: Lesson, solution: Solution, cluster: SimCluster, stepId: string, audit: AuditLog): void {
  for (const run of solution.get(stepId) ?? []) {
    run({ cluster, lessonDir: lesson.dir, audit });
    cluster.settle();
  }
}
