/** nodeHasTaint / nodeLacksTaint: a node carries (or no longer carries) a taint. */
import { z } from 'zod';
import { taintToString } from '../../cluster/taints.js';
import type { Node, Taint } from '../../cluster/types.js';
import type { ClusterSnapshot } from '../snapshot.js';
import { defineCheck, fail, PASS, type CheckResult } from './types.js';

const params = z.strictObject({
  node: z.string().min(1),
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
});
type Params = z.output<typeof params>;

function matching(node: Node, p: Params): Taint[] {
  return (node.spec.taints ?? []).filter((t) => t.key === p.key && (p.value === undefined || (t.value ?? '') === p.value) && (p.effect === undefined || t.effect === p.effect));
}

function wanted(p: Params): string {
  return `${p.key}${p.value !== undefined ? `=${p.value}` : ''}${p.effect ? `:${p.effect}` : ''}`;
}

function withNode(snap: ClusterSnapshot, name: string, then: (n: Node) => CheckResult): CheckResult {
  const node = snap.nodes.find((n) => n.metadata.name === name);
  return node ? then(node) : fail(`There is no node named ${name} in the cluster.`);
}

/** The node has a taint with this key (and value/effect when given). */
export const nodeHasTaint = defineCheck({
  name: 'nodeHasTaint',
  description: 'the node has the taint',
  params,
  run: (snap, p) =>
    withNode(snap, p.node, (node) => {
      if (matching(node, p).length) return PASS;
      const has = (node.spec.taints ?? []).map(taintToString);
      return fail(`${p.node} has no taint ${wanted(p)} (its taints: ${has.length ? has.join(', ') : 'none'}).`);
    }),
});

/** The node has no taint with this key (and effect when given). */
export const nodeLacksTaint = defineCheck({
  name: 'nodeLacksTaint',
  description: 'the node does not have the taint',
  params,
  run: (snap, p) =>
    withNode(snap, p.node, (node) => {
      const found = matching(node, p)[0];
      return found ? fail(`${p.node} still has taint ${taintToString(found)}.`) : PASS;
    }),
});
