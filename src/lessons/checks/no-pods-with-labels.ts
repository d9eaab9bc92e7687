/**
 * noPodsWithLabels: no pod with these labels is left at all, not even a Terminating one, which
 * is how a lesson sees that deleting a DaemonSet (with the default cascade) cleaned up after it.
 */
import { z } from 'zod';
import { podStatusText } from '../../cluster/pod-display.js';
import { matchesLabelSelector } from '../../cluster/labels.js';
import { listText } from '../query.js';
import { defineCheck, fail, PASS } from './types.js';

/** No pod in `namespace` matches `labels` (Terminating ones count unless `ignoreTerminating`); the reason tells Terminating pods from running orphans. */
export const noPodsWithLabels = defineCheck({
  name: 'noPodsWithLabels',
  description: 'no pod with these labels remains in the namespace',
  params: z.strictObject({ labels: z.record(z.string(), z.string()), namespace: z.string().min(1).default('default'), ignoreTerminating: z.boolean().default(false) }),
  run: (snap, p) => {
    const left = snap.pods.filter(
      (x) => (x.metadata.namespace ?? 'default') === p.namespace && !(p.ignoreTerminating && x.metadata.deletionTimestamp) && matchesLabelSelector({ matchLabels: p.labels }, x.metadata.labels ?? {}),
    );
    if (left.length === 0) return PASS;
    const selector = Object.entries(p.labels).map(([k, v]) => `${k}=${v}`).join(',');
    const terminating = left.filter((x) => x.metadata.deletionTimestamp);
    if (terminating.length === left.length) return fail(`${left.length} pod(s) with ${selector} are still Terminating; they disappear once their containers have stopped (up to the 30-second grace period).`);
    const running = left.filter((x) => !x.metadata.deletionTimestamp);
    const owned = running.some((x) => x.metadata.ownerReferences?.some((r) => r.controller === true));
    const names = listText(running.map((x) => `${x.metadata.name} (${podStatusText(x)})`));
    return fail(owned ? `Pods with ${selector} are still running and owned by a controller: ${names}.` : `Pods with ${selector} are still running and owned by nobody: ${names}. Orphans are not cleaned up by anyone; delete them with \`kubectl delete pods -l ${selector}\`.`);
  },
});
