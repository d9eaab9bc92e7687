/**
 * Rolling-update arithmetic of the real DaemonSet controller (update.go): how many pods may be
 * unavailable or surged, and which old pods to delete or which nodes get a surge pod now.
 */
import type { DaemonSet, IntOrString, Pod } from '../../../cluster/types.js';
import { isPodAvailable } from '../pod-util.js';

/** intstr.GetScaledValueFromIntOrPercent with round-up, as the DaemonSet controller uses it. */
export function scaledValue(value: IntOrString | undefined, total: number): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(-?\d+)%$/.exec(value.trim());
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  const n = Number(value);
  return Number.isInteger(n) ? n : 0;
}

/** maxSurge / maxUnavailable resolved against desiredNumberScheduled (updatedDesiredNodeCounts). */
export function rolloutBudget(ds: DaemonSet, desired: number): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec.updateStrategy?.type === 'OnDelete' ? undefined : ds.spec.updateStrategy?.rollingUpdate;
  // util.UnavailableCount / SurgeCount: no rollingUpdate block means 0 of each.
  let maxUnavailable = scaledValue(ru?.maxUnavailable, desired);
  const maxSurge = scaledValue(ru?.maxSurge, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** One node's non-terminating pods split by revision; `ok` false when there are duplicates. */
export interface NodePods {
  node: string;
  newPod?: Pod;
  oldPod?: Pod;
  ok: boolean;
  shouldRun: boolean;
  /** The node object no longer exists (its pods wait for pod GC). */
  nodeMissing?: boolean;
  /** Availability of oldPod/newPod when it does not depend on the time (minReadySeconds 0). */
  oldAvailable?: boolean;
  newAvailable?: boolean;
}

/** What the rolling update wants this round. */
export interface RollingDecision {
  deletePods: string[];
  createOn: string[];
}

/** rollingUpdate(): delete-first when maxSurge is 0, create-first otherwise. */
export function planRollingUpdate(ds: DaemonSet, nodes: readonly NodePods[], desired: number, nowMs: number): RollingDecision {
  const { maxSurge, maxUnavailable } = rolloutBudget(ds, desired);
  const minReady = ds.spec.minReadySeconds ?? 0;
  const availableNow = (p: Pod) => isPodAvailable(p, minReady, nowMs);
  const oldAvailable = (n: NodePods & { oldPod: Pod }) => n.oldAvailable ?? availableNow(n.oldPod);
  const newAvailable = (n: NodePods & { newPod: Pod }) => n.newAvailable ?? availableNow(n.newPod);
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const replacements: string[] = [];
    const candidates: string[] = [];
    for (const n of nodes) {
      if (!n.ok) {
        numUnavailable++;
        continue;
      }
      if ((!n.oldPod && !n.newPod) || (n.oldPod && n.newPod)) {
        numUnavailable++;
      } else if (n.newPod) {
        if (!newAvailable(n as NodePods & { newPod: Pod })) numUnavailable++;
      } else if (n.oldPod) {
        if (!oldAvailable(n as NodePods & { oldPod: Pod })) {
          replacements.push(n.oldPod.metadata.name);
          numUnavailable++;
        } else if (numUnavailable < maxUnavailable) {
          candidates.push(n.oldPod.metadata.name);
        }
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    return { deletePods: [...replacements, ...candidates.slice(0, remaining)], createOn: [] };
  }

  const deletePods: string[] = [];
  const shouldNotRunToDelete: string[] = [];
  const candidateNew: string[] = [];
  const allowedNew: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const n of nodes) {
    if (!n.ok) {
      numSurge++;
      continue;
    }
    const withOld = n as NodePods & { oldPod: Pod };
    const withNew = n as NodePods & { newPod: Pod };
    if (n.oldPod ? oldAvailable(withOld) : n.newPod ? newAvailable(withNew) : false) numAvailable++;
    if (!n.oldPod) continue;
    if (!n.newPod) {
      // nodeLister.Get fails for a deleted node: rollingUpdate returns that error and acts on nothing.
      if (n.nodeMissing) return { deletePods: [], createOn: [] };
      if (!oldAvailable(withOld)) {
        if (!n.shouldRun) deletePods.push(n.oldPod.metadata.name);
        else allowedNew.push(n.node);
      } else if (!n.shouldRun) {
        shouldNotRunToDelete.push(n.oldPod.metadata.name);
      } else if (numSurge < maxSurge) {
        candidateNew.push(n.node);
      }
    } else if (!newAvailable(withNew)) {
      numSurge++;
    } else {
      deletePods.push(n.oldPod.metadata.name);
    }
  }
  const deletable = Math.min(Math.max(0, numAvailable - desired), shouldNotRunToDelete.length);
  deletePods.push(...shouldNotRunToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(0, maxSurge - numSurge), candidateNew.length);
  return { deletePods, createOn: [...allowedNew, ...candidateNew.slice(0, remainingSurge)] };
}
