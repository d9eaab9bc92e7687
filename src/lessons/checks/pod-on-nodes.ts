/** podOnNodes: the DaemonSet runs on specific nodes (e.g. a node that just joined, a tainted node). */
import { z } from 'zod';
import { podIsReady, podsByNode, podTrouble } from '../query.js';
import { withDaemonSet } from './common.js';
import { explainPlacement } from './explain-placement.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** Each listed node has a pod of the DaemonSet (Ready unless `ready: false`); reasons explain placement. */
export const podOnNodes = defineCheck({
  name: 'podOnNodes',
  description: 'each listed node runs a pod of the DaemonSet',
  params: z.strictObject({ ...daemonSetRef, nodes: z.array(z.string().min(1)).min(1), ready: z.boolean().default(true) }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const byNode = podsByNode(snap, ds);
      for (const nodeName of p.nodes) {
        const node = snap.nodes.find((n) => n.metadata.name === nodeName);
        if (!node) return fail(`There is no node named ${nodeName} in the cluster.`);
        const onNode = byNode.get(nodeName) ?? [];
        if (onNode.length === 0) {
          const why = explainPlacement(node, ds);
          return fail(why.length ? `${ds.metadata.name} has no pod on ${nodeName}: ${why.join('; ')}.` : `${ds.metadata.name} has no pod on ${nodeName} yet.`);
        }
        if (p.ready && !onNode.some(podIsReady)) {
          const first = onNode[0];
          return fail(`${first ? podTrouble(first, snap.events) ?? 'the pod is not Ready' : 'no pod'}.`);
        }
      }
      return PASS;
    }),
});
