/**
 * Grading a practice run: every part of every task checked against the final cluster and the
 * commands used; a task earns the points of the parts that pass (partial credit), and a miss
 * keeps the check's reason so the report says why.
 */
import type { AuditTrail } from '../lessons/audit.js';
import type { ClusterSnapshot } from '../lessons/snapshot.js';
import type { PracticeTask } from './pool.js';

/** One part's outcome. */
export interface PartResult {
  readonly what: string;
  readonly points: number;
  readonly earned: number;
  /** Why it earned nothing. */
  readonly reason?: string;
}

/** One task's outcome. */
export interface TaskResult {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  readonly earned: number;
  readonly parts: readonly PartResult[];
}

/** The whole run's outcome. */
export interface Score {
  readonly tasks: readonly TaskResult[];
  readonly points: number;
  readonly earned: number;
  /** Whole percent, rounded down (66.7 % is not a pass at 67). */
  readonly percent: number;
}

/** Grades one task. */
export function scoreTask(task: PracticeTask, snapshot: ClusterSnapshot, audit: AuditTrail): TaskResult {
  const parts = task.parts.map((p): PartResult => {
    const r = p.check(snapshot, audit);
    return r.status === 'pass' ? { what: p.what, points: p.points, earned: p.points } : { what: p.what, points: p.points, earned: 0, reason: r.reason };
  });
  return { id: task.id, title: task.title, points: task.points, earned: parts.reduce((a, p) => a + p.earned, 0), parts };
}

/** Grades the run. */
export function scoreRun(tasks: readonly PracticeTask[], snapshot: ClusterSnapshot, audit: AuditTrail): Score {
  const results = tasks.map((t) => scoreTask(t, snapshot, audit));
  const points = results.reduce((a, t) => a + t.points, 0);
  const earned = results.reduce((a, t) => a + t.earned, 0);
  return { tasks: results, points, earned, percent: points ? Math.floor((earned * 100) / points) : 0 };
}
