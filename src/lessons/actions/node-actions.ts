/** Node actions for lesson scripts: nodes join and leave, get labels and taints, go NotReady, get cordoned. */
import { z } from 'zod';
import type { NewObject, Node } from '../../cluster/types.js';
import { isoSeconds } from '../../sim/clock.js';
import { addNode as simAddNode, labelNode as simLabelNode, removeNode as simRemoveNode, setNodeReady as simSetNodeReady, setUnschedulable, taintNode as simTaintNode, untaintNode as simUntaintNode } from '../../sim/operations.js';
import { buildNode } from '../../sim/scenario/index.js';
import { defineAction, effectSchema } from './types.js';

const taintParams = z.strictObject({ key: z.string().min(1), value: z.string().optional(), effect: effectSchema });

/** A worker (or control-plane) node joins, built like the scenario's nodes. */
export const addNode = defineAction({
  name: 'addNode',
  description: 'a node joins the cluster',
  params: z.strictObject({
    name: z.string().min(1),
    role: z.enum(['control-plane', 'worker']).default('worker'),
    labels: z.record(z.string(), z.string()).optional(),
    taints: z.array(taintParams).optional(),
  }),
  run: ({ cluster }, p) => {
    const node = buildNode({ ...p }, 50 + cluster.store.count('Node'), isoSeconds(cluster.clock.now()));
    simAddNode(cluster, node as NewObject<Node>);
  },
});

/** A node leaves (its Node object is deleted, as when a cloud instance goes away). */
export const removeNode = defineAction({
  name: 'removeNode',
  description: 'a node leaves the cluster',
  params: z.strictObject({ name: z.string().min(1) }),
  run: ({ cluster }, p) => simRemoveNode(cluster, p.name),
  kubectl: (p) => ({ command: 'kubectl delete', verb: 'delete', resource: 'nodes', name: p.name }),
});

/** `kubectl label node`: set and/or remove labels. */
export const labelNode = defineAction({
  name: 'labelNode',
  description: 'set or remove node labels',
  params: z.strictObject({ node: z.string().min(1), set: z.record(z.string(), z.string()).optional(), remove: z.array(z.string()).optional() }),
  run: ({ cluster }, p) => void simLabelNode(cluster, p.node, p.set ?? {}, p.remove ?? []),
  kubectl: (p) => ({ command: 'kubectl label', verb: 'patch', resource: 'nodes', name: p.node }),
});

/** `kubectl taint node N key=value:Effect`. */
export const taintNode = defineAction({
  name: 'taintNode',
  description: 'add a taint to a node',
  params: z.strictObject({ node: z.string().min(1), ...taintParams.shape }),
  run: ({ cluster }, p) => void simTaintNode(cluster, p.node, { key: p.key, effect: p.effect, ...(p.value !== undefined ? { value: p.value } : {}) }),
  kubectl: (p) => ({ command: 'kubectl taint', verb: 'patch', resource: 'nodes', name: p.node }),
});

/** `kubectl taint node N key[:Effect]-`. */
export const untaintNode = defineAction({
  name: 'untaintNode',
  description: 'remove a taint from a node',
  params: z.strictObject({ node: z.string().min(1), key: z.string().min(1), effect: effectSchema.optional() }),
  run: ({ cluster }, p) => void simUntaintNode(cluster, p.node, p.key, p.effect),
  kubectl: (p) => ({ command: 'kubectl taint', verb: 'patch', resource: 'nodes', name: p.node }),
});

/** The node's kubelet reports Ready, NotReady, or stops reporting (Unknown). */
export const setNodeReady = defineAction({
  name: 'setNodeReady',
  description: 'the node becomes Ready, NotReady or Unknown',
  params: z.strictObject({ node: z.string().min(1), status: z.enum(['Ready', 'NotReady', 'Unknown']) }),
  run: ({ cluster }, p) => void simSetNodeReady(cluster, p.node, ({ Ready: 'True', NotReady: 'False', Unknown: 'Unknown' } as const)[p.status]),
});

/** `kubectl cordon` (or `uncordon` with `uncordon: true`). */
export const cordonNode = defineAction({
  name: 'cordonNode',
  description: 'mark a node unschedulable (or schedulable again)',
  params: z.strictObject({ node: z.string().min(1), uncordon: z.boolean().default(false) }),
  run: ({ cluster }, p) => void setUnschedulable(cluster, p.node, !p.uncordon),
  kubectl: (p) => ({ command: p.uncordon ? 'kubectl uncordon' : 'kubectl cordon', verb: 'patch', resource: 'nodes', name: p.node }),
});
