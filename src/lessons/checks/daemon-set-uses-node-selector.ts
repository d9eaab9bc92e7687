/** daemonSetUsesNodeSelector: the template narrows nodes with spec.nodeSelector. */
import { z } from 'zod';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** The pod template's nodeSelector has the key (and value when given). */
export const daemonSetUsesNodeSelector = defineCheck({
  name: 'daemonSetUsesNodeSelector',
  description: "the pod template's nodeSelector has key[=value]",
  params: z.strictObject({ ...daemonSetRef, key: z.string().min(1), value: z.string().optional() }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const selector = ds.spec.template.spec.nodeSelector ?? {};
      const have = selector[p.key];
      const want = `${p.key}${p.value !== undefined ? `=${p.value}` : ''}`;
      if (have === undefined) {
        const keys = Object.entries(selector).map(([k, v]) => `${k}=${v}`);
        return fail(`${ds.metadata.name} has no nodeSelector ${want} under spec.template.spec.nodeSelector${keys.length ? ` (it has ${keys.join(', ')})` : ''}.`);
      }
      if (p.value !== undefined && have !== p.value) return fail(`${ds.metadata.name} selects ${p.key}=${have}, not ${want}.`);
      return PASS;
    }),
});
