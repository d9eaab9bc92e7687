/**
 * revisionChangeCause: a DaemonSet revision records why it was made, the CHANGE-CAUSE column
 * of `kubectl rollout history`. For DaemonSets the controller copies the DaemonSet's
 * annotations into a revision only when it creates it, so annotating after the change is too
 * late — the reason says so, because that is the usual way this goes wrong.
 */
import { z } from 'zod';
import { revisionsOf } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** The annotation `kubectl rollout history` prints as CHANGE-CAUSE. */
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** The newest revision (or revision `revision`) has a change-cause, containing `contains` if given. */
export const revisionChangeCause = defineCheck({
  name: 'revisionChangeCause',
  description: 'a revision of the DaemonSet has a kubernetes.io/change-cause annotation',
  params: z.strictObject({ ...daemonSetRef, revision: z.number().int().positive().optional(), contains: z.string().min(1).optional() }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const name = ds.metadata.name;
      const revisions = revisionsOf(snap, ds);
      const target = p.revision === undefined ? revisions[revisions.length - 1] : revisions.find((r) => r.revision === p.revision);
      if (!target) {
        if (p.revision === undefined) return fail(`The controller has not recorded any revision of ${name} yet.`);
        return fail(`${name} has no revision ${p.revision} (\`kubectl rollout history ds/${name}\` lists ${revisions.map((r) => r.revision).join(', ') || 'none'}).`);
      }
      const cause = target.metadata.annotations?.[CHANGE_CAUSE];
      if (cause === undefined || cause === '') {
        const onDs = ds.metadata.annotations?.[CHANGE_CAUSE];
        const ns = (ds.metadata.namespace ?? 'default') === 'default' ? '' : ` -n ${ds.metadata.namespace ?? ''}`;
        const later = onDs
          ? ` ${name} itself has ${CHANGE_CAUSE}="${onDs}", but the controller copies the DaemonSet's annotations into a revision only when it creates it, so annotate before the change (or in the same apply), or annotate the revision itself: \`kubectl annotate controllerrevision${ns} ${target.metadata.name} ${CHANGE_CAUSE}="..."\`.`
          : ` Set ${CHANGE_CAUSE} on ${name} before (or together with) the change.`;
        return fail(`Revision ${target.revision} of ${name} has no change-cause (\`kubectl rollout history\` shows <none>).${later}`);
      }
      if (p.contains !== undefined && !cause.toLowerCase().includes(p.contains.toLowerCase())) {
        return fail(`Revision ${target.revision} of ${name} has change-cause "${cause}", which does not mention ${p.contains}.`);
      }
      return PASS;
    }),
});
