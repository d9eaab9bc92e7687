/**
 * podReplacedOnNode: the DaemonSet's pod on a node is a replacement, younger than the
 * DaemonSet's oldest pod, which is how a lesson sees "you deleted it and the controller made a
 * new one on the same node" without knowing generated pod names in advance.
 */
import { z } from 'zod';
import { podIsReady, podsByNode, podsOf, podTrouble } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** The node's live pod was created after the DaemonSet's oldest live pod (and is Ready unless `ready: false`). */
export const podReplacedOnNode = defineCheck({
  name: 'podReplacedOnNode',
  description: "the DaemonSet's pod on the node is a newer replacement",
  params: z.strictObject({ ...daemonSetRef, node: z.string().min(1), ready: z.boolean().default(true) }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const name = ds.metadata.name;
      const pod = podsByNode(snap, ds).get(p.node)?.[0];
      if (!pod) return fail(`${name} has no pod on ${p.node} right now; the controller creates one within a moment of the old one going away.`);
      const oldest = podsOf(snap, ds).reduce((a, b) => (b.metadata.creationTimestamp < a.metadata.creationTimestamp ? b : a), pod);
      if (pod.metadata.creationTimestamp <= oldest.metadata.creationTimestamp) {
        return fail(`Pod ${pod.metadata.name} on ${p.node} is one of the original ${name} pods (created ${pod.metadata.creationTimestamp}); delete it and watch a new one take its place.`);
      }
      if (p.ready && !podIsReady(pod)) return fail(`The replacement on ${p.node} is there but not Ready yet: ${podTrouble(pod, snap.events) ?? 'it is starting'}.`);
      return PASS;
    }),
});
