/** podOnEveryEligibleNode: one pod on each node the DaemonSet wants, the core DaemonSet promise. */
import { z } from 'zod';
import { podIsReady, podsByNode, podTrouble } from '../query.js';
import { withDaemonSet } from './common.js';
import { wantsNode } from './explain-placement.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** Every node the controller would place a pod on has one (Ready unless `ready: false`). */
export const podOnEveryEligibleNode = defineCheck({
  name: 'podOnEveryEligibleNode',
  description: 'every node the DaemonSet should run on has its pod (Ready by default)',
  params: z.strictObject({ ...daemonSetRef, ready: z.boolean().default(true) }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const byNode = podsByNode(snap, ds);
      const eligible = snap.nodes.filter((n) => wantsNode(n, ds));
      if (eligible.length === 0) return fail(`${ds.metadata.name} does not want any node: check its nodeSelector, affinity and tolerations.`);
      for (const node of eligible) {
        const name = node.metadata.name;
        const onNode = byNode.get(name) ?? [];
        if (onNode.length === 0) return fail(`${name} should run a ${ds.metadata.name} pod but has none yet.`);
        if (p.ready && !onNode.some(podIsReady)) {
          const first = onNode[0];
          return fail(`${first ? podTrouble(first, snap.events) ?? 'its pod is not Ready' : 'no pod'}.`);
        }
      }
      return PASS;
    }),
});
