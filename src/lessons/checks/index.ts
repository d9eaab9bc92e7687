/**
 * The checks registry: every check a lesson may name, plus the `allOf` / `anyOf` / `not` combinators.
 * Lessons refer to checks by name with params; compiling validates the params once, so a typo
 * in a lesson is caught by `lessons check` and evaluation stays cheap.
 */
import { z } from 'zod';
import { commandUsed } from './command-used.js';
import { daemonSetDeleted } from './daemon-set-deleted.js';
import { daemonSetExists } from './daemon-set-exists.js';
import { daemonSetImage } from './daemon-set-image.js';
import { daemonSetMountsHostPath } from './daemon-set-mounts-host-path.js';
import { daemonSetPriorityClass } from './daemon-set-priority-class.js';
import { daemonSetTolerates } from './daemon-set-tolerates.js';
import { daemonSetToleratesEverything } from './daemon-set-tolerates-everything.js';
import { daemonSetUsesNodeAffinity } from './daemon-set-uses-node-affinity.js';
import { daemonSetUsesNodeSelector } from './daemon-set-uses-node-selector.js';
import { envVarSet } from './env-var-set.js';
import { noPodOnNode } from './no-pod-on-node.js';
import { noPodsWithLabels } from './no-pods-with-labels.js';
import { nodeHasLabel } from './node-has-label.js';
import { nodeHasTaint, nodeLacksTaint } from './node-taints.js';
import { podOnEveryEligibleNode } from './pod-on-every-eligible-node.js';
import { podImageOnNode } from './pod-image-on-node.js';
import { podOnNodes } from './pod-on-nodes.js';
import { podReplacedOnNode } from './pod-replaced-on-node.js';
import { podWithStatus } from './pod-with-status.js';
import { podsAdopted } from './pods-adopted.js';
import { podsHealthy } from './pods-healthy.js';
import { podsOrphaned } from './pods-orphaned.js';
import { resourceRequestsSet } from './resource-requests-set.js';
import { revisionChangeCause } from './revision-change-cause.js';
import { revisionCount } from './revision-count.js';
import { rolledBackTo } from './rolled-back-to.js';
import { rolloutComplete } from './rollout-complete.js';
import { updateStrategy } from './update-strategy.js';
import { fail, PASS, type CompiledCheck, type RegisteredCheck } from './types.js';

export { explainPlacement } from './explain-placement.js';
export type { CheckResult, CompiledCheck, RegisteredCheck } from './types.js';

const LEAVES: readonly RegisteredCheck[] = [
  commandUsed, daemonSetDeleted, daemonSetExists, daemonSetImage, daemonSetMountsHostPath, daemonSetPriorityClass, daemonSetTolerates, daemonSetToleratesEverything, daemonSetUsesNodeAffinity,
  daemonSetUsesNodeSelector, envVarSet, noPodOnNode, noPodsWithLabels, nodeHasLabel, nodeHasTaint, nodeLacksTaint, podOnEveryEligibleNode,
  podImageOnNode, podOnNodes, podReplacedOnNode, podWithStatus, podsAdopted, podsHealthy, podsOrphaned, resourceRequestsSet, revisionChangeCause, revisionCount, rolledBackTo, rolloutComplete, updateStrategy,
];

/** A reference to a check as a lesson writes it. */
export interface CheckRef {
  readonly name: string;
  readonly params?: Record<string, unknown>;
}

const refSchema = z.strictObject({ name: z.string().min(1), params: z.record(z.string(), z.unknown()).optional() });
const combinatorParams = z.strictObject({ checks: z.array(refSchema).min(1) });

/** Compiles `allOf` (first failing reason wins) and `anyOf` (passes when one passes; else the first reason). */
function combinator(name: 'allOf' | 'anyOf'): RegisteredCheck {
  return {
    name,
    description: name === 'allOf' ? 'every listed check passes' : 'at least one listed check passes',
    compile(raw) {
      const parsed = combinatorParams.safeParse(raw ?? {});
      if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
      const parts: CompiledCheck[] = [];
      const problems: string[] = [];
      parsed.data.checks.forEach((ref, i) => {
        const c = compileCheck(ref);
        if (c.ok) parts.push(c.run);
        else problems.push(...c.problems.map((p) => `checks[${i}] ${p}`));
      });
      if (problems.length) return { ok: false, problems };
      const run: CompiledCheck = (snap, audit) => {
        let first: ReturnType<CompiledCheck> | undefined;
        for (const part of parts) {
          const r = part(snap, audit);
          if (name === 'allOf' && r.status === 'fail') return r;
          if (name === 'anyOf' && r.status === 'pass') return r;
          first ??= r;
        }
        return name === 'allOf' ? PASS : first ?? fail('no check passed');
      };
      return { ok: true, run };
    },
  };
}

/**
 * `not`: passes when the inner check fails (for feedback rules such as "fixed by hand, not by
 * undo"). Inside a step's own check, give `reason`: the learner sees it when the inner check passes.
 */
const not: RegisteredCheck = {
  name: 'not',
  description: 'the listed check fails',
  compile(raw) {
    const parsed = z.strictObject({ check: refSchema, reason: z.string().trim().min(1).optional() }).safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
    const inner = compileCheck(parsed.data.check);
    if (!inner.ok) return { ok: false, problems: inner.problems.map((p) => `check ${p}`) };
    const failure = fail(parsed.data.reason ?? `expected the opposite: ${parsed.data.check.name} passes`);
    return { ok: true, run: (snap, audit) => (inner.run(snap, audit).status === 'fail' ? PASS : failure) };
  },
};

/** Every registered check by name. */
export const CHECKS: ReadonlyMap<string, RegisteredCheck> = new Map(
  [...LEAVES, combinator('allOf'), combinator('anyOf'), not].map((c) => [c.name, c]),
);

/** Compiles a reference: unknown names and bad params come back as problems, never thrown. */
export function compileCheck(ref: CheckRef): { ok: true; run: CompiledCheck } | { ok: false; problems: string[] } {
  const check = CHECKS.get(ref.name);
  if (!check) return { ok: false, problems: [`unknown check "${ref.name}"; known checks: ${[...CHECKS.keys()].sort().join(', ')}`] };
  const compiled = check.compile(ref.params ?? {});
  if (compiled.ok) return compiled;
  return { ok: false, problems: compiled.problems.map((p) => `check ${ref.name}: ${p}`) };
}
