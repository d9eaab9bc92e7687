/**
 * Grading a cluster against a lesson's task checks: what `verify` prints and what the app
 * shows as a lesson summary. Pure over a snapshot and the audit trail, so any backend works.
 * Task steps build on each other (break an image, then roll it back), so a passing later step
 * also vouches for the earlier ones whose checks no longer hold in the final state.
 */
import type { AuditEntry, AuditTrail } from './audit.js';
import type { CheckResult } from './checks/index.js';
import type { Lesson, StepCheck } from './lesson.js';
import type { ClusterSnapshot } from './snapshot.js';

/** One task step's verdict. */
export interface StepGrade {
  readonly stepId: string;
  readonly title: string;
  readonly result: CheckResult;
  /** Set when the step's own check fails but this later step (which builds on it) passes. */
  readonly impliedBy?: string;
  /**
   * Set when the step asks *how* it was done (commandUsed) and the audit trail is not
   * available: everything the cluster shows matches, but the command cannot be seen.
   * `result` is then a fail whose reason says so.
   */
  readonly unjudged?: true;
}

/** How to grade: a real cluster has no audit trail, which changes what can be decided. */
export interface GradeOptions {
  /** False when nothing recorded the learner's kubectl commands (verify against a real cluster). */
  readonly auditAvailable?: boolean;
}

interface CommandRef {
  readonly command: string;
  readonly resource?: string;
  readonly name?: string;
}

/** Every commandUsed reference in a check tree (through allOf/anyOf `checks` and not's `check`). */
function commandRefs(ref: { name: string; params?: Record<string, unknown> | undefined }): CommandRef[] {
  const p = ref.params ?? {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  if (ref.name === 'commandUsed') {
    const command = str(p['command']);
    const resource = str(p['resource']);
    const name = str(p['name']);
    return command === undefined ? [] : [{ command, ...(resource === undefined ? {} : { resource }), ...(name === undefined ? {} : { name }) }];
  }
  const kids = [...(Array.isArray(p['checks']) ? p['checks'] : []), ...(p['check'] === undefined ? [] : [p['check']])];
  return kids.flatMap((k: unknown) =>
    typeof k === 'object' && k !== null && typeof (k as { name?: unknown }).name === 'string' ? commandRefs(k as { name: string; params?: Record<string, unknown> }) : [],
  );
}

/**
 * Without an audit trail: pass if the check passes anyway; otherwise grade it as if the
 * commands it asks for had been run, so a real state problem is still reported as a failure
 * and only the unobservable part is left undecided.
 */
function gradeWithoutAudit(check: StepCheck, snapshot: ClusterSnapshot): { result: CheckResult; unjudged?: true } {
  const bare = check.run(snapshot, []);
  const wanted = commandRefs(check.ref);
  if (bare.status === 'pass' || wanted.length === 0) return { result: bare };
  const assumed: AuditEntry[] = wanted.map((w) => ({ at: snapshot.takenAt, source: 'builtin', ...w }));
  const state = check.run(snapshot, assumed);
  if (state.status === 'fail') return { result: state };
  const commands = [...new Set(wanted.map((w) => `\`${w.command}\``))].join(' or ');
  return {
    result: {
      status: 'fail',
      reason: `Cannot be judged from the cluster alone: the cluster looks right, but this step also checks that you ran ${commands}, and only the tutorial's own command line or simulated cluster can see which commands you ran.`,
    },
    unjudged: true,
  };
}

/**
 * Evaluates every task step's check against the cluster as it is now. A step left undecided
 * for lack of an audit trail still vouches for earlier steps: its cluster state matched.
 */
export function gradeLesson(lesson: Lesson, snapshot: ClusterSnapshot, audit: AuditTrail, opts: GradeOptions = {}): StepGrade[] {
  const out: StepGrade[] = [];
  let laterPass: string | undefined;
  for (const step of [...lesson.steps].reverse()) {
    if (step.kind !== 'task') continue;
    const { result, unjudged } = opts.auditAvailable === false ? gradeWithoutAudit(step.check, snapshot) : { result: step.check.run(snapshot, audit) };
    if (result.status === 'fail' && !unjudged && laterPass !== undefined) {
      out.push({ stepId: step.id, title: step.title, result: { status: 'pass' }, impliedBy: laterPass });
      continue;
    }
    if (result.status === 'pass' || unjudged) laterPass ??= step.id;
    out.push({ stepId: step.id, title: step.title, result, ...(unjudged ? { unjudged } : {}) });
  }
  return out.reverse();
}
