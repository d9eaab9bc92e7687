/** podsHealthy: every pod of the DaemonSet is Ready, or the first one that is not, and why. */
import { z } from 'zod';
import type { Pod } from '../../cluster/types.js';
import { podIsReady, podsOf, podTrouble } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** All live pods are Ready; the reason names the unhealthy pod (ImagePullBackOff, CrashLoopBackOff, Pending on resources). */
export const podsHealthy = defineCheck({
  name: 'podsHealthy',
  description: 'every pod of the DaemonSet is Ready',
  params: z.strictObject({ ...daemonSetRef }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const pods = podsOf(snap, ds);
      if (pods.length === 0) return fail(`${ds.metadata.name} has no pods yet.`);
      // Name the alphabetically first unhealthy pod, so the reason is stable between evaluations.
      let first: Pod | undefined;
      for (const pod of pods) {
        if (!podIsReady(pod) && (first === undefined || pod.metadata.name < first.metadata.name)) first = pod;
      }
      const trouble = first && podTrouble(first, snap.events);
      return trouble === undefined ? PASS : fail(`${trouble[0]?.toUpperCase() ?? ''}${trouble.slice(1)}.`);
    }),
});
