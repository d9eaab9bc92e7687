/**
 * The check contract: a pure function of the cluster snapshot, its validated params and the
 * audit trail, answering pass or fail-with-a-reason. The reason is shown to the learner, so it
 * is a plain sentence built from their own objects.
 */
import { z } from 'zod';
import type { AuditTrail } from '../audit.js';
import type { ClusterSnapshot } from '../snapshot.js';

/** What a check says; `reason` is one learner-facing sentence. */
export type CheckResult = { readonly status: 'pass' } | { readonly status: 'fail'; readonly reason: string };

/** A check with its params already validated: what machines and graders call repeatedly. */
export type CompiledCheck = (snapshot: ClusterSnapshot, audit: AuditTrail) => CheckResult;

/** One named check: a params schema plus the pure evaluation. */
export interface CheckDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  /** One line for `lessons check` listings and authors. */
  readonly description: string;
  readonly params: S;
  readonly run: (snapshot: ClusterSnapshot, params: z.output<S>, audit: AuditTrail) => CheckResult;
}

/** A check as the registry stores it: params compiled once, then evaluated many times. */
export interface RegisteredCheck {
  readonly name: string;
  readonly description: string;
  /** Validates params; returns the evaluator or the problems as `field: message` lines. */
  readonly compile: (params: unknown) => { ok: true; run: CompiledCheck } | { ok: false; problems: string[] };
}

/** The shared pass value (checks return it often). */
export const PASS: CheckResult = Object.freeze({ status: 'pass' });

/** A failure with a reason. */
export function fail(reason: string): CheckResult {
  return { status: 'fail', reason };
}

/** Turns zod issues into `field: message` lines. */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
}

/** Wraps a definition so its params are validated (strictly) once, when a lesson is compiled. */
export function defineCheck<S extends z.ZodType>(def: CheckDefinition<S>): RegisteredCheck {
  return {
    name: def.name,
    description: def.description,
    compile(raw) {
      const parsed = def.params.safeParse(raw ?? {});
      if (!parsed.success) return { ok: false, problems: issueLines(parsed.error) };
      const params = parsed.data;
      return { ok: true, run: (snapshot, audit) => def.run(snapshot, params, audit) };
    },
  };
}

/** Params naming a DaemonSet, shared by most checks. */
export const daemonSetRef = {
  daemonSet: z.string().min(1),
  namespace: z.string().min(1).default('default'),
};
