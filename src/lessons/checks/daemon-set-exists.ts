/** daemonSetExists: the learner has created the DaemonSet (by name, in a namespace). */
import { z } from 'zod';
import { findDaemonSet } from '../query.js';
import { missingDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** Passes once a DaemonSet with this name exists and is not being deleted. */
export const daemonSetExists = defineCheck({
  name: 'daemonSetExists',
  description: 'a DaemonSet with this name exists in the namespace',
  params: z.strictObject({ ...daemonSetRef }),
  run: (snap, p) => (findDaemonSet(snap, p.namespace, p.daemonSet) ? PASS : fail(missingDaemonSet(snap, p.namespace, p.daemonSet))),
});
