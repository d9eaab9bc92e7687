/** updateStrategy: the DaemonSet uses RollingUpdate (with given limits) or OnDelete. */
import { z } from 'zod';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

const intOrString = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+%?$/)]);

/** spec.updateStrategy has this type and, when given, these rollingUpdate values. */
export const updateStrategy = defineCheck({
  name: 'updateStrategy',
  description: 'the DaemonSet uses this update strategy (and rollingUpdate limits)',
  params: z.strictObject({ ...daemonSetRef, type: z.enum(['RollingUpdate', 'OnDelete']), maxUnavailable: intOrString.optional(), maxSurge: intOrString.optional() }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const strategy = ds.spec.updateStrategy ?? {};
      const type = strategy.type ?? 'RollingUpdate';
      if (type !== p.type) return fail(`${ds.metadata.name} uses updateStrategy ${type}, not ${p.type}.`);
      for (const field of ['maxUnavailable', 'maxSurge'] as const) {
        const want = p[field];
        if (want === undefined) continue;
        const have = strategy.rollingUpdate?.[field];
        if (String(have ?? '') !== String(want)) return fail(`${ds.metadata.name} has rollingUpdate.${field} ${have === undefined ? 'unset' : String(have)}, not ${String(want)}.`);
      }
      return PASS;
    }),
});
