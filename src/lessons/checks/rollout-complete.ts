/** rolloutComplete: what `kubectl rollout status ds/NAME` waits for, with its wording. */
import { z } from 'zod';
import { podsOf, podTrouble } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** Generation observed, every desired pod updated and available (kubectl's DaemonSetStatusViewer). */
export const rolloutComplete = defineCheck({
  name: 'rolloutComplete',
  description: 'the DaemonSet has finished rolling out, as `kubectl rollout status` reports it',
  params: z.strictObject({ ...daemonSetRef }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const s = ds.status;
      const name = ds.metadata.name;
      if (!s || (ds.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return fail(`The controller has not seen the latest change to ${name} yet.`);
      const meanwhile = (): string => {
        const stuck = podsOf(snap, ds).map((x) => podTrouble(x, snap.events)).find((t) => t !== undefined);
        return stuck ? ` Meanwhile ${stuck}.` : '';
      };
      const updated = s.updatedNumberScheduled ?? 0;
      if (updated < s.desiredNumberScheduled) return fail(`Rollout of ${name} not finished: ${updated} out of ${s.desiredNumberScheduled} new pods have been updated.${meanwhile()}`);
      const available = s.numberAvailable ?? 0;
      if (available < s.desiredNumberScheduled) return fail(`Rollout of ${name} not finished: ${available} of ${s.desiredNumberScheduled} updated pods are available.${meanwhile()}`);
      return PASS;
    }),
});
