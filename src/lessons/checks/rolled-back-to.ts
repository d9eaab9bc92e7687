/**
 * rolledBackTo: the DaemonSet's template is back to an earlier revision. The controller then
 * reuses that revision and renumbers it to the newest number (history 1,2 becomes 2,3), which
 * is how this check tells a rollback from a brand-new change.
 */
import { z } from 'zod';
import { revisionsOf } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** The template runs `image` again and its revision was reused (created before a lower-numbered one). */
export const rolledBackTo = defineCheck({
  name: 'rolledBackTo',
  description: 'the DaemonSet was rolled back to the revision that ran the image',
  params: z.strictObject({ ...daemonSetRef, image: z.string().min(1), container: z.string().min(1).optional() }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const containers = ds.spec.template.spec.containers;
      const c = p.container === undefined ? containers[0] : containers.find((x) => x.name === p.container);
      if (!c || c.image !== p.image) return fail(`${ds.metadata.name} runs ${c?.image ?? '(no such container)'}; it has not been rolled back to ${p.image}.`);
      const revisions = revisionsOf(snap, ds);
      const current = revisions[revisions.length - 1];
      if (!current) return fail(`The controller has not recorded any revision of ${ds.metadata.name} yet.`);
      // A reused revision is older than another one: created earlier, or (within the same second)
      // snapshotted at a lower template generation (revisions copy the DaemonSet's annotations).
      const gen = (r: { metadata: { annotations?: Record<string, string> } }) => Number(r.metadata.annotations?.['deprecated.daemonset.template.generation'] ?? Number.NaN);
      const reused = revisions.some((r) => r !== current && (r.metadata.creationTimestamp > current.metadata.creationTimestamp || gen(r) > gen(current)));
      if (!reused) return fail(`${ds.metadata.name} runs ${p.image}, but revision ${current.revision} is a new revision, not the earlier one brought back.`);
      return PASS;
    }),
});
