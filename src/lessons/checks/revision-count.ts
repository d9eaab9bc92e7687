/** revisionCount: how many ControllerRevisions (`rollout history` rows) the DaemonSet keeps. */
import { z } from 'zod';
import { revisionsOf } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** The number of revisions is at least `min` and at most `max`. */
export const revisionCount = defineCheck({
  name: 'revisionCount',
  description: 'the DaemonSet has between min and max ControllerRevisions',
  params: z
    .strictObject({ ...daemonSetRef, min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() })
    .refine((p) => p.min !== undefined || p.max !== undefined, { message: 'give min, max or both' }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const revisions = revisionsOf(snap, ds);
      const n = revisions.length;
      const listed = revisions.map((r) => r.revision).join(', ') || 'none';
      if (p.min !== undefined && n < p.min) return fail(`${ds.metadata.name} has ${n} revision(s) (${listed}); expected at least ${p.min}.`);
      if (p.max !== undefined && n > p.max) return fail(`${ds.metadata.name} has ${n} revision(s) (${listed}); expected at most ${p.max}.`);
      return PASS;
    }),
});
