/**
 * NodeResourcesFit for scheduler-lite: which resources a pod asks for that a node cannot give
 * after the requests of the pods already there, and whether its pod count is full.
 */
import { addQuantities, insufficientResources, podRequests } from '../../cluster/resource-fit.js';
import type { Quantity } from '../../cluster/quantity.js';
import type { Node, Pod } from '../../cluster/types.js';

/** Resource names that do not fit (`Insufficient <name>`), and whether `Too many pods` applies. */
export function misfit(pod: Pick<Pod, 'spec'>, node: Node, podsOnNode: readonly Pod[]): { insufficient: string[]; tooManyPods: boolean } {
  const requested: Record<string, Quantity> = {};
  for (const p of podsOnNode) {
    for (const [name, q] of Object.entries(podRequests(p.spec))) {
      const current = requested[name];
      requested[name] = current ? addQuantities(current, q) : q;
    }
  }
  const allocatable = node.status.allocatable ?? node.status.capacity;
  const maxPods = Number(allocatable?.pods ?? Infinity);
  return {
    insufficient: insufficientResources(podRequests(pod.spec), allocatable, requested),
    tooManyPods: podsOnNode.length + 1 > maxPods,
  };
}
