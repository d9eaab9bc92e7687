/** daemonSetTolerates: the pod template tolerates a given taint (not the node losing its taint). */
import { z } from 'zod';
import { tolerationsTolerateTaint, taintToString } from '../../cluster/taints.js';
import type { Taint } from '../../cluster/types.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** The template's own tolerations (not the automatic ones) tolerate the taint `key[=value]:effect`. */
export const daemonSetTolerates = defineCheck({
  name: 'daemonSetTolerates',
  description: "the DaemonSet's pod template tolerates the taint key[=value]:effect",
  params: z.strictObject({
    ...daemonSetRef,
    key: z.string().min(1),
    value: z.string().optional(),
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
  }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const taint: Taint = { key: p.key, effect: p.effect, ...(p.value !== undefined ? { value: p.value } : {}) };
      const own = ds.spec.template.spec.tolerations ?? [];
      if (tolerationsTolerateTaint(own, taint)) return PASS;
      const sameKey = own.filter((t) => t.key === p.key);
      if (sameKey.length === 0) return fail(`The pod template of ${ds.metadata.name} tolerates nothing with key ${p.key}; add a toleration for ${taintToString(taint)}.`);
      return fail(`${ds.metadata.name} has a toleration with key ${p.key}, but it does not match ${taintToString(taint)}: check operator (Exists or Equal with the value) and effect.`);
    }),
});
