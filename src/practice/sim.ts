/**
 * A practice run in the simulator: the pool's scenario with every drawn task's setup applied,
 * settled, so the exam starts from a steady cluster. Also replays solutions (for proofs/tests).
 */
import type { AuditLog } from '../lessons/audit.js';
import { LESSON_EPOCH } from '../lessons/sim-runner.js';
import { bootstrapCluster } from '../sim/bootstrap.js';
import { ManualClock, type Clock } from '../sim/clock.js';
import type { SimCluster } from '../sim/cluster.js';
import type { PracticePool, PracticeTask } from './pool.js';

/** Applies the drawn tasks' setup to a cluster (not part of the learner's audit trail). */
export function setUpTasks(pool: PracticePool, tasks: readonly PracticeTask[], cluster: SimCluster): void {
  for (const task of tasks) {
    for (const run of task.setup) {
      run({ cluster, lessonDir: pool.dir });
      cluster.settle();
    }
  }
}

/** A settled cluster ready for the drawn tasks. */
export function startPracticeCluster(pool: PracticePool, tasks: readonly PracticeTask[], clock: Clock = new ManualClock(LESSON_EPOCH)): SimCluster {
  const cluster = bootstrapCluster({ scenario: pool.scenario, clock });
  setUpTasks(pool, tasks, cluster);
  return cluster;
}

/** Does what a prepared candidate would for one task, recording kubectl equivalents. */
export function solveTask(pool: PracticePool, task: PracticeTask, cluster: SimCluster, audit: AuditLog): void {
  for (const run of task.solution) {
    run({ cluster, lessonDir: pool.dir, audit });
    cluster.settle();
  }
}
