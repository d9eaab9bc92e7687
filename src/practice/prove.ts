/**
 * `lessons check`'s proof of the practice pool, in the simulator: each task alone must start
 * short of full marks and reach full marks with its solution; then every task together (as a
 * full-length exam would draw them) must reach full marks, so tasks do not trip over each other.
 */
import { AuditLog } from '../lessons/audit.js';
import type { LessonProblem } from '../lessons/problems.js';
import { snapshotOf } from '../lessons/sim-runner.js';
import type { SimCluster } from '../sim/cluster.js';
import type { PracticePool, PracticeTask } from './pool.js';
import { scoreRun, scoreTask } from './score.js';
import { solveTask, startPracticeCluster } from './sim.js';

/** Simulated time the cluster may take to show a solution's effect. */
const SETTLE_LIMIT_MS = 10 * 60_000;

function misses(tasks: readonly PracticeTask[], cluster: SimCluster, audit: AuditLog): string[] {
  const score = scoreRun(tasks, snapshotOf(cluster), audit.entries());
  return score.tasks.flatMap((t) => t.parts.filter((p) => p.reason !== undefined).map((p) => `${t.id}: ${p.what}: ${p.reason ?? ''}`));
}

/** Runs `fn`; a thrown error comes back as its message (a broken solution is a finding, not a crash). */
function attempt(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** One task alone: short of full marks at the start, full marks after its solution. */
function proveTask(pool: PracticePool, task: PracticeTask, i: number): LessonProblem[] {
  const file = pool.file;
  let cluster: SimCluster;
  try {
    cluster = startPracticeCluster(pool, [task]);
  } catch (err) {
    return [{ file, path: `tasks[${i}].setup`, message: `task "${task.id}": the setup fails: ${err instanceof Error ? err.message : String(err)}` }];
  }
  const problems: LessonProblem[] = [];
  const audit = new AuditLog();
  const before = scoreTask(task, snapshotOf(cluster), audit.entries());
  if (before.earned === before.points) problems.push({ file, path: `tasks[${i}]`, message: `task "${task.id}" earns full marks before the learner does anything` });
  cluster.advance(5_000);
  const failed = attempt(() => solveTask(pool, task, cluster, audit));
  if (failed) return [...problems, { file, path: `tasks[${i}].solution`, message: `task "${task.id}": the solution fails: ${failed}` }];
  const solved = cluster.runUntil(() => scoreTask(task, snapshotOf(cluster), audit.entries()).earned === task.points, SETTLE_LIMIT_MS);
  if (!solved) problems.push({ file, path: `tasks[${i}]`, message: `task "${task.id}": after the solution some parts still miss: ${misses([task], cluster, audit).join('; ')}` });
  return problems;
}

/** Every problem found with the pool's tasks; empty when the pool is sound. */
export function provePool(pool: PracticePool): LessonProblem[] {
  const problems = pool.tasks.flatMap((task, i) => proveTask(pool, task, i));
  if (problems.length) return problems;
  const file = pool.file;
  let cluster: SimCluster;
  try {
    cluster = startPracticeCluster(pool, pool.tasks);
  } catch (err) {
    return [{ file, message: `with every task in one cluster, a setup fails: ${err instanceof Error ? err.message : String(err)}` }];
  }
  const audit = new AuditLog();
  cluster.advance(5_000);
  const failed = attempt(() => {
    for (const task of pool.tasks) solveTask(pool, task, cluster, audit);
  });
  if (failed) return [{ file, message: `with every task in one cluster, a solution fails: ${failed}` }];
  const all = pool.tasks.reduce((a, t) => a + t.points, 0);
  const together = cluster.runUntil(() => scoreRun(pool.tasks, snapshotOf(cluster), audit.entries()).earned === all, SETTLE_LIMIT_MS);
  if (!together) return [{ file, message: `with every task in one cluster, some parts miss (tasks interfere): ${misses(pool.tasks, cluster, audit).join('; ')}` }];
  return [];
}
