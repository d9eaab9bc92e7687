/** nodeHasLabel: the learner labelled a node (the first half of every nodeSelector exercise). */
import { z } from 'zod';
import { defineCheck, fail, PASS } from './types.js';

/** The node has the label key (with this value when given). */
export const nodeHasLabel = defineCheck({
  name: 'nodeHasLabel',
  description: 'the node has the label key[=value]',
  params: z.strictObject({ node: z.string().min(1), key: z.string().min(1), value: z.string().optional() }),
  run: (snap, p) => {
    const node = snap.nodes.find((n) => n.metadata.name === p.node);
    if (!node) return fail(`There is no node named ${p.node} in the cluster.`);
    const labels = node.metadata.labels ?? {};
    const have = labels[p.key];
    if (have === undefined) return fail(`${p.node} has no label ${p.key}${p.value !== undefined ? ` (want ${p.key}=${p.value})` : ''}.`);
    if (p.value !== undefined && have !== p.value) return fail(`${p.node} has ${p.key}=${have}, not ${p.key}=${p.value}.`);
    return PASS;
  },
});
