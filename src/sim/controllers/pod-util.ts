/**
 * Small pod facts several controllers need, with Kubernetes' exact definitions
 * (podutil.IsPodReady / IsPodAvailable, GetTargetNodeName, controller refs).
 */
import type { KubeObject, OwnerReference, Pod } from '../../cluster/types.js';
import { parseTime } from '../clock.js';

/** The Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** When the Ready condition last changed (epoch ms), if known. */
export function readySince(pod: Pod): number | undefined {
  const c = pod.status.conditions?.find((x) => x.type === 'Ready');
  return parseTime(c?.lastTransitionTime);
}

/** Ready for strictly longer than minReadySeconds (podutil.IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = readySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/** The instant a ready pod becomes available, for requeueing. */
export function availableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const since = readySince(pod);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}

/** Succeeded or Failed. */
export function isPodTerminal(pod: Pod): boolean {
  return pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
}

/** spec.nodeName, or the node a DaemonSet pod is pinned to through matchFields metadata.name. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** The owner reference with controller: true, if any. */
export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (refs) for (const r of refs) if (r.controller === true) return r;
  return undefined;
}

/** Scheduled pods first, then oldest first, then by name (podByCreationTimestampAndPhase). */
export function compareByCreation(a: Pod, b: Pod): number {
  const as = a.spec.nodeName ? 0 : 1;
  const bs = b.spec.nodeName ? 0 : 1;
  if (as !== bs) return as - bs;
  const at = a.metadata.creationTimestamp;
  const bt = b.metadata.creationTimestamp;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
