/**
 * Lookups over a ClusterSnapshot that several checks share: find a DaemonSet, its pods and
 * revisions, the node a pod is bound or pinned to, and pod health in the words kubectl uses.
 * Pure and backend-free, so they work on the simulator's objects and a real cluster's alike.
 */
import { podStatusText } from '../cluster/pod-display.js';
import type { ControllerRevision, DaemonSet, Event, KubeObject, Pod } from '../cluster/types.js';
import type { ClusterSnapshot } from './snapshot.js';

/** The DaemonSet by namespace and name, ignoring one that is being deleted. */
export function findDaemonSet(snap: ClusterSnapshot, namespace: string, name: string): DaemonSet | undefined {
  return snap.daemonSets.find((d) => d.metadata.name === name && (d.metadata.namespace ?? 'default') === namespace && !d.metadata.deletionTimestamp);
}

/** The uid of the controlling owner, if any (how pods and revisions belong to a DaemonSet). */
export function controllerUid(obj: KubeObject): string | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true)?.uid;
}

/** Live pods per controller uid, computed once per snapshot (checks run many times on one snapshot). */
const byController = new WeakMap<readonly Pod[], Map<string, Pod[]>>();

/** Live (not terminating) pods the DaemonSet controls. */
export function podsOf(snap: ClusterSnapshot, ds: DaemonSet): readonly Pod[] {
  let index = byController.get(snap.pods);
  if (!index) {
    index = new Map();
    for (const p of snap.pods) {
      const uid = controllerUid(p);
      if (uid === undefined || p.metadata.deletionTimestamp) continue;
      const list = index.get(uid);
      if (list) list.push(p);
      else index.set(uid, [p]);
    }
    byController.set(snap.pods, index);
  }
  return index.get(ds.metadata.uid) ?? [];
}

const byNode = new WeakMap<readonly Pod[], Map<string, Pod[]>>();

/** The DaemonSet's live pods grouped by the node they are bound or pinned to (memoised per snapshot). */
export function podsByNode(snap: ClusterSnapshot, ds: DaemonSet): ReadonlyMap<string, readonly Pod[]> {
  const pods = podsOf(snap, ds);
  const cached = byNode.get(pods);
  if (cached) return cached;
  const out = new Map<string, Pod[]>();
  byNode.set(pods, out);
  for (const p of pods) {
    const node = podNode(p);
    if (node === undefined) continue;
    const list = out.get(node);
    if (list) list.push(p);
    else out.set(node, [p]);
  }
  return out;
}

/** Revisions the DaemonSet controls, lowest revision number first (as `rollout history` lists them). */
export function revisionsOf(snap: ClusterSnapshot, ds: DaemonSet): ControllerRevision[] {
  return snap.controllerRevisions.filter((r) => controllerUid(r) === ds.metadata.uid).sort((a, b) => a.revision - b.revision);
}

/** spec.nodeName, or the node a DaemonSet pod is pinned to by its metadata.name affinity. */
export function podNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** The Ready condition is True. */
export function podIsReady(pod: Pod): boolean {
  return pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The newest event with this reason about the pod (FailedScheduling, BackOff, ...). */
export function latestEvent(events: readonly Event[], pod: Pod, reason: string): Event | undefined {
  let best: Event | undefined;
  for (const e of events) {
    if (e.reason !== reason || e.involvedObject.kind !== 'Pod' || e.involvedObject.name !== pod.metadata.name) continue;
    if ((e.involvedObject.namespace ?? 'default') !== (pod.metadata.namespace ?? 'default')) continue;
    if (!best || e.lastTimestamp >= best.lastTimestamp) best = e;
  }
  return best;
}

/**
 * Why a pod is not healthy, in a learner sentence; undefined when it is Ready. `events` lets it
 * quote the scheduler's FailedScheduling message when the pod has no PodScheduled condition.
 */
export function podTrouble(pod: Pod, events: readonly Event[] = []): string | undefined {
  if (podIsReady(pod)) return undefined;
  const where = podNode(pod);
  const who = `pod ${pod.metadata.name}${where ? ` on ${where}` : ''}`;
  const status = podStatusText(pod);
  const waiting = pod.status.containerStatuses?.find((s) => s.state.waiting)?.state.waiting;
  switch (status) {
    case 'ImagePullBackOff':
    case 'ErrImagePull':
    case 'InvalidImageName': {
      const image = pod.spec.containers.find((c) => pod.status.containerStatuses?.some((s) => s.name === c.name && s.state.waiting))?.image;
      return `${who} is ${status}: the image ${image ?? '(unknown)'} cannot be pulled (check the name and tag)`;
    }
    case 'CrashLoopBackOff':
      return `${who} is CrashLoopBackOff: its container keeps exiting (see \`kubectl logs ${pod.metadata.name} --previous\`)`;
    default:
      break;
  }
  const scheduled = pod.status.conditions?.find((c) => c.type === 'PodScheduled');
  if (pod.status.phase === 'Pending' && scheduled?.status === 'False') {
    return `${who} is Pending and cannot be scheduled: ${scheduled.message ?? scheduled.reason ?? 'no reason given'}`;
  }
  const failed = pod.status.phase === 'Pending' && !scheduled ? latestEvent(events, pod, 'FailedScheduling') : undefined;
  if (failed) return `${who} is Pending and cannot be scheduled: ${failed.message}`;
  if (waiting?.message) return `${who} is ${status}: ${waiting.message}`;
  return `${who} is ${status}, not Ready yet`;
}

/** Quotes a list of names for a sentence: "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
