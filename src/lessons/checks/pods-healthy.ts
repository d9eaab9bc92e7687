/** podsHealthy: every pod of the DaemonSet is Ready, or the first one that is not, and why. */
import { z } from 'zod';
import { podsOf, podTrouble } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** All live pods are Ready; the reason names the unhealthy pod (ImagePullBackOff, CrashLoopBackOff, Pending on resources). */
export const podsHealthy = defineCheck({
  name: 'podsHealthy',
  description: 'every pod of the DaemonSet is Ready',
  params: z.strictObject({ ...daemonSetRef }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const pods = podsOf(snap, ds).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      if (pods.length === 0) return fail(`${ds.metadata.name} has no pods yet.`);
      for (const pod of pods) {
        const trouble = podTrouble(pod, snap.events);
        if (trouble !== undefined) return fail(`${trouble[0]?.toUpperCase() ?? ''}${trouble.slice(1)}.`);
      }
      return PASS;
    }),
});
