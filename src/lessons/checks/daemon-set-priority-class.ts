/**
 * daemonSetPriorityClass: the pod template names a PriorityClass. A DaemonSet pod cannot go to
 * another node when its own is full, so priority (and preemption) is how it claims room there.
 */
import { z } from 'zod';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** `spec.template.spec.priorityClassName` equals `className`. */
export const daemonSetPriorityClass = defineCheck({
  name: 'daemonSetPriorityClass',
  description: 'the pod template sets priorityClassName',
  params: z.strictObject({ ...daemonSetRef, className: z.string().min(1) }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const spec = ds.spec.template.spec;
      const have = spec.priorityClassName;
      if (have === p.className) return PASS;
      if (have === undefined) {
        return fail(`The pod template of ${ds.metadata.name} sets no priorityClassName, so its pods get priority 0 and cannot preempt anything; set \`priorityClassName: ${p.className}\` in spec.template.spec.`);
      }
      return fail(`The pod template of ${ds.metadata.name} uses priorityClassName ${have}, not ${p.className}.`);
    }),
});
