/**
 * Runs lessons in the simulator: bootstrap a lesson's scenario, run its scripted actions,
 * replay its solution (recording kubectl equivalents in the audit trail), and take snapshots.
 * Shared by `lessons check` (proofs), `verify` and the app's simulator backend.
 */
import { bootstrapCluster } from '../sim/bootstrap.js';
import { ManualClock, type Clock } from '../sim/clock.js';
import type { SimCluster } from '../sim/cluster.js';
import { compileAction, type CompiledAction } from './actions/index.js';
import type { AuditLog } from './audit.js';
import type { Lesson } from './lesson.js';
import { LessonError, type LessonProblem } from './problems.js';
import { readSolution, solutionProblem } from './solution.js';
import { snapshotFromStore, type ClusterSnapshot } from './snapshot.js';

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

/** The lesson's solution compiled for the simulator; unknown actions or bad params are problems with their line. */
export function loadSolution(lesson: Lesson): Solution {
  const problems: LessonProblem[] = [];
  const out = new Map<string, CompiledAction[]>();
  for (const [step, refs] of readSolution(lesson)) {
    out.set(
      step,
      refs.map(({ ref, at }) => {
        const c = compileAction(ref);
        if (!c.ok) for (const p of c.problems) problems.push(solutionProblem(at, lesson.file, p));
        return c.ok ? c.run : () => undefined;
      }),
    );
  }
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
