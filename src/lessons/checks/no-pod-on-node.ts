/** noPodOnNode: the DaemonSet stays off a node (nodeSelector, affinity, or an untolerated taint). */
import { z } from 'zod';
import { podNode, podsOf } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** No live pod of the DaemonSet is bound or pinned to the node. */
export const noPodOnNode = defineCheck({
  name: 'noPodOnNode',
  description: 'the DaemonSet has no pod on the node',
  params: z.strictObject({ ...daemonSetRef, node: z.string().min(1) }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const pod = podsOf(snap, ds).find((x) => podNode(x) === p.node);
      if (!pod) return PASS;
      return fail(`${ds.metadata.name} still runs pod ${pod.metadata.name} on ${p.node}; change the DaemonSet so that node is not selected.`);
    }),
});
