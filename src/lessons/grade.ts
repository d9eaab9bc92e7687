/**
 * Grading a cluster against a lesson's task checks: what `verify` prints and what the app
 * shows as a lesson summary. Pure over a snapshot and the audit trail, so any backend works.
 * Task steps build on each other (break an image, then roll it back), so a passing later step
 * also vouches for the earlier ones whose checks no longer hold in the final state.
 */
import type { AuditTrail } from './audit.js';
import type { CheckResult } from './checks/index.js';
import type { Lesson } from './lesson.js';
import type { ClusterSnapshot } from './snapshot.js';

/** One task step's verdict. */
export interface StepGrade {
  readonly stepId: string;
  readonly title: string;
  readonly result: CheckResult;
  /** Set when the step's own check fails but this later step (which builds on it) passes. */
  readonly impliedBy?: string;
}

/** Evaluates every task step's check against the cluster as it is now. */
export function gradeLesson(lesson: Lesson, snapshot: ClusterSnapshot, audit: AuditTrail): StepGrade[] {
  const out: StepGrade[] = [];
  let laterPass: string | undefined;
  for (const step of [...lesson.steps].reverse()) {
    if (step.kind !== 'task') continue;
    const result = step.check.run(snapshot, audit);
    if (result.status === 'fail' && laterPass !== undefined) {
      out.push({ stepId: step.id, title: step.title, result: { status: 'pass' }, impliedBy: laterPass });
      continue;
    }
    if (result.status === 'pass') laterPass ??= step.id;
    out.push({ stepId: step.id, title: step.title, result });
  }
  return out.reverse();
}
