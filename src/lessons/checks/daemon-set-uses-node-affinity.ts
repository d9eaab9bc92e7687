/** daemonSetUsesNodeAffinity: the template narrows nodes with required node affinity on a label key. */
import { z } from 'zod';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** Required node affinity has a matchExpressions entry on `key` (with this operator when given). */
export const daemonSetUsesNodeAffinity = defineCheck({
  name: 'daemonSetUsesNodeAffinity',
  description: 'the pod template has required node affinity on the label key',
  params: z.strictObject({ ...daemonSetRef, key: z.string().min(1), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']).optional() }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const required = ds.spec.template.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      if (!required) {
        const preferred = ds.spec.template.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
        return fail(
          preferred?.length
            ? `${ds.metadata.name} only has preferred node affinity, which the DaemonSet controller ignores when placing pods; use requiredDuringSchedulingIgnoredDuringExecution.`
            : `${ds.metadata.name} has no required node affinity (spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).`,
        );
      }
      const exprs = required.nodeSelectorTerms.flatMap((t) => t.matchExpressions ?? []);
      const onKey = exprs.filter((e) => e.key === p.key);
      if (onKey.length === 0) return fail(`${ds.metadata.name}'s required node affinity has no expression on the label ${p.key}.`);
      if (p.operator !== undefined && !onKey.some((e) => e.operator === p.operator)) {
        return fail(`${ds.metadata.name}'s node affinity on ${p.key} uses ${onKey.map((e) => e.operator).join(', ')}, not ${p.operator}.`);
      }
      return PASS;
    }),
});
