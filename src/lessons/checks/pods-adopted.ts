/**
 * podsAdopted: the DaemonSet controls pods older than itself, i.e. it adopted orphans (pods
 * left behind by `kubectl delete ds --cascade=orphan`) whose labels match its selector, rather
 * than replacing them with new ones.
 */
import { z } from 'zod';
import { podsOf } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** At least `min` live pods controlled by the DaemonSet were created before it. */
export const podsAdopted = defineCheck({
  name: 'podsAdopted',
  description: 'the DaemonSet adopted at least min pods that are older than itself',
  params: z.strictObject({ ...daemonSetRef, min: z.number().int().min(1).default(1) }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const name = ds.metadata.name;
      const pods = podsOf(snap, ds);
      const adopted = pods.filter((x) => x.metadata.creationTimestamp < ds.metadata.creationTimestamp);
      if (adopted.length >= p.min) return PASS;
      if (pods.length === 0) return fail(`${name} controls no pods yet; the controller adopts matching orphans on its first sync.`);
      return fail(
        `${name} controls ${pods.length} pod(s), but ${adopted.length === 0 ? 'none' : `only ${adopted.length}`} older than itself: the controller created new pods instead of adopting the orphans. ` +
          'It adopts pods whose labels match its selector; a different template then replaces them in a rolling update, and deleted orphans are simply gone.',
      );
    }),
});
