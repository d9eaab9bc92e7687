/**
 * podWithStatus: some pod of the DaemonSet shows a STATUS, in the words of `kubectl get pods`
 * (CrashLoopBackOff, ImagePullBackOff, Pending, ...). Observe steps use it to wait until the
 * symptom a lesson wants the learner to investigate is actually on screen.
 */
import { z } from 'zod';
import { podStatusText } from '../../cluster/pod-display.js';
import { listText, podNode, podsOf } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** A live pod of the DaemonSet (on `node`, if given) has STATUS `status`. */
export const podWithStatus = defineCheck({
  name: 'podWithStatus',
  description: 'a pod of the DaemonSet shows this STATUS in kubectl get pods',
  params: z.strictObject({ ...daemonSetRef, status: z.string().min(1), node: z.string().min(1).optional() }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const pods = podsOf(snap, ds).filter((x) => p.node === undefined || podNode(x) === p.node);
      if (pods.some((x) => podStatusText(x) === p.status)) return PASS;
      const where = p.node === undefined ? '' : ` on ${p.node}`;
      if (pods.length === 0) return fail(`${ds.metadata.name} has no pod${where} yet.`);
      const seen = [...new Set(pods.map((x) => podStatusText(x)))].sort();
      return fail(`No pod of ${ds.metadata.name}${where} is ${p.status} (yet); kubectl get pods shows ${listText(seen)}.`);
    }),
});
