/**
 * `lessons check`'s proof of one lesson in the simulator: walk the steps in order, run each
 * step's setup, require a task's check to fail before the learner acts, replay the solution,
 * and require the check to pass within simulated minutes. The problems say which step and why.
 */
import type { SimCluster } from '../sim/cluster.js';
import { AuditLog } from './audit.js';
import type { Lesson } from './lesson.js';
import { LessonError, type LessonProblem } from './problems.js';
import { loadSolution, runSetup, runSolutionStep, snapshotOf, startLessonCluster, type Solution } from './sim-runner.js';

/** Simulated time a learner takes before acting (also separates revision timestamps). */
const THINK_MS = 5_000;
/** How long the cluster may take to reach a step's goal after the solution. */
const SETTLE_LIMIT_MS = 10 * 60_000;

/** The proof's findings plus the solved cluster (for `verify --apply-solution` and tests). */
export interface Proof {
  /** Every problem found; empty when the lesson is sound. */
  readonly problems: LessonProblem[];
  readonly cluster: SimCluster;
  readonly audit: AuditLog;
}

/** Plays the lesson through in a fresh simulator with its solution, checking each step on the way. */
export function proveLesson(lesson: Lesson): Proof {
  const cluster = startLessonCluster(lesson);
  const audit = new AuditLog();
  let solution: Solution;
  try {
    solution = loadSolution(lesson);
  } catch (err) {
    if (err instanceof LessonError) return { problems: [...err.problems], cluster, audit };
    throw err;
  }
  const problems: LessonProblem[] = [];
  const file = lesson.file;
  lesson.steps.forEach((step, i) => {
    if (step.kind === 'question') return;
    runSetup(lesson, cluster, i);
    const before = step.check.run(snapshotOf(cluster), audit.entries());
    if (step.kind === 'task') {
      if (before.status === 'pass') problems.push({ file, path: `steps[${i}]`, message: `step "${step.id}": its check already passes before the learner does anything` });
      if (!solution.has(step.id)) problems.push({ file, path: `steps[${i}]`, message: `step "${step.id}": the solution has nothing for this task step` });
    }
    cluster.advance(THINK_MS);
    runSolutionStep(lesson, solution, cluster, step.id, audit);
    let last = before;
    const passed = cluster.runUntil(() => (last = step.check.run(snapshotOf(cluster), audit.entries())).status === 'pass', SETTLE_LIMIT_MS);
    if (!passed) {
      const reason = last.status === 'fail' ? last.reason : '';
      problems.push({ file, path: `steps[${i}]`, message: `step "${step.id}": after the solution the check still fails: ${reason}` });
    }
  });
  return { problems, cluster, audit };
}
