/**
 * Turns the DaemonSet controller's placement verdict for a node into sentences a learner can
 * act on ("worker-2 has taint gpu=true:NoSchedule; your pod template tolerates nothing with
 * key gpu"), computed from the node and the pod template rather than from message strings.
 */
import { nodeSelectorMismatch, requiredAffinityMismatch } from '../../cluster/node-affinity.js';
import { nodeShouldRunDaemonPod, withDefaultDaemonTolerations } from '../../cluster/daemon-placement.js';
import { taintToString, tolerationsTolerateTaint, tolerationToString } from '../../cluster/taints.js';
import type { DaemonSet, Node, Taint, Toleration } from '../../cluster/types.js';

function taintSentence(node: string, taint: Taint, own: readonly Toleration[]): string {
  const head = `${node} has taint ${taintToString(taint)}`;
  const sameKey = own.filter((t) => t.key === taint.key);
  if (sameKey.length === 0) return `${head}; your pod template tolerates nothing with key ${taint.key}`;
  const shown = sameKey.map(tolerationToString).join(', ');
  return `${head}; your toleration (${shown}) does not match it: check operator, value and effect`;
}

/** Why the DaemonSet will not run a pod on this node; empty when it should run one. */
export function explainPlacement(node: Node, ds: DaemonSet): string[] {
  const verdict = nodeShouldRunDaemonPod(node, ds);
  if (verdict.shouldRun) return [];
  const name = node.metadata.name;
  const spec = ds.spec.template.spec;
  const out: string[] = [];
  if (spec.nodeName && spec.nodeName !== name) out.push(`the pod template sets nodeName ${spec.nodeName}, so only that node can run it`);
  const selector = nodeSelectorMismatch(node, spec.nodeSelector);
  if (selector !== undefined) out.push(`${name} is not selected: ${selector}`);
  const affinity = requiredAffinityMismatch(node, spec.affinity);
  if (affinity !== undefined) out.push(`${name} is excluded by required ${affinity}`);
  const effective = withDefaultDaemonTolerations(spec.tolerations, spec.hostNetwork);
  for (const taint of node.spec.taints ?? []) {
    if (taint.effect === 'PreferNoSchedule' || tolerationsTolerateTaint(effective, taint)) continue;
    out.push(taintSentence(name, taint, spec.tolerations ?? []));
  }
  if (out.length === 0) out.push(...verdict.reasons.map((r) => `${name}: ${r}`));
  return out;
}

/** Whether the DaemonSet wants a pod on the node (the controller's `shouldRun`). */
export function wantsNode(node: Node, ds: DaemonSet): boolean {
  return nodeShouldRunDaemonPod(node, ds).shouldRun;
}
