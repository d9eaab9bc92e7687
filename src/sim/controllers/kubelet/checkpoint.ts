/**
 * What a cluster checkpoint keeps of the kubelet: its queue and runtime memory. The maps are
 * shared with the checkpoint copy-on-write; a pod runtime the kubelet is about to change is
 * copied first (containers and runs too) while a checkpoint still holds it. Process timelines
 * are immutable and shared.
 */
import type { PullFailure, PullSuccess } from '../../images.js';
import type { WorkQueueState } from '../work-queue.js';
import type { ContainerRuntime, PodRuntime } from './types.js';

/** A pull the runtime has started and will finish later, keyed by the container it is for. */
export type PendingPulls = Map<ContainerRuntime, PullSuccess | PullFailure>;

/** The kubelet's memory in a checkpoint. */
export class KubeletState {
  constructor(
    readonly queue: WorkQueueState,
    readonly pods: ReadonlyMap<string, PodRuntime>,
    readonly keys: ReadonlyMap<string, string>,
    readonly nodeImages: ReadonlyMap<string, Set<string>>,
    readonly nextIP: ReadonlyMap<string, number>,
    readonly pendingPulls: ReadonlyMap<ContainerRuntime, PullSuccess | PullFailure>,
  ) {}
}

/** A copy of a pod runtime the kubelet may change; its pending pulls move to the copied containers. */
export function ownRuntime(rt: PodRuntime, pending: PendingPulls): PodRuntime {
  const containers = rt.containers.map((c) => {
    const copy: ContainerRuntime = { ...c };
    if (c.current) copy.current = { ...c.current };
    if (c.previous) copy.previous = { ...c.previous };
    const pull = pending.size > 0 ? pending.get(c) : undefined;
    if (pull) {
      pending.delete(c);
      pending.set(copy, pull);
    }
    return copy;
  });
  return { ...rt, containers };
}

/** A copy of a node's image cache the kubelet may add to. */
export function ownImages(images: Set<string>): Set<string> {
  return new Set(images);
}
