/** podsOrphaned: the DaemonSet was deleted with `--cascade=orphan`, so its pods live on unowned. */
import { z } from 'zod';
import { matchesLabelSelector } from '../../cluster/labels.js';
import { controllerUid, findDaemonSet } from '../query.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** The DaemonSet is gone and at least `min` pods matching `labels` remain without a controller. */
export const podsOrphaned = defineCheck({
  name: 'podsOrphaned',
  description: 'the DaemonSet is gone but pods with these labels remain, owned by nobody',
  params: z.strictObject({ ...daemonSetRef, labels: z.record(z.string(), z.string()), min: z.number().int().min(1).default(1) }),
  run: (snap, p) => {
    if (findDaemonSet(snap, p.namespace, p.daemonSet)) return fail(`${p.daemonSet} still exists; delete it so that its pods are left behind.`);
    const matching = snap.pods.filter((x) => (x.metadata.namespace ?? 'default') === p.namespace && !x.metadata.deletionTimestamp && matchesLabelSelector({ matchLabels: p.labels }, x.metadata.labels ?? {}));
    const orphans = matching.filter((x) => controllerUid(x) === undefined);
    if (orphans.length >= p.min) return PASS;
    if (matching.length === 0) return fail(`No pods of ${p.daemonSet} are left: deleting a DaemonSet removes its pods unless you pass --cascade=orphan.`);
    return fail(`${matching.length - orphans.length} pod(s) of ${p.daemonSet} still have an owner; wait for the garbage collector to orphan them.`);
  },
});
