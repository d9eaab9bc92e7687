/** daemonSetDeleted: the DaemonSet is gone (or on its way out). */
import { z } from 'zod';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** No DaemonSet with this name remains, apart from one already being deleted. */
export const daemonSetDeleted = defineCheck({
  name: 'daemonSetDeleted',
  description: 'the DaemonSet has been deleted',
  params: z.strictObject({ ...daemonSetRef }),
  run: (snap, p) => {
    const ds = snap.daemonSets.find((d) => d.metadata.name === p.daemonSet && (d.metadata.namespace ?? 'default') === p.namespace);
    if (!ds || ds.metadata.deletionTimestamp) return PASS;
    return fail(`DaemonSet ${p.daemonSet} still exists in namespace ${p.namespace}.`);
  },
});
