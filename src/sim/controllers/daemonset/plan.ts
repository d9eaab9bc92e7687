/**
 * The DaemonSet controller's decision, as a pure function of the DaemonSet, the nodes, the
 * pods it controls and the time: which pods to create and delete (manage + rollingUpdate)
 * and what the status says (updateDaemonSetStatus). The reconciler only carries it out.
 */
import type { DaemonSet, DaemonSetStatus, Node, Pod } from '../../../cluster/types.js';
import { availableAt, compareByCreation, isPodAvailable, isPodReady } from '../pod-util.js';
import { REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL, templateGeneration } from './history.js';
import { planRollingUpdate, scaledValue, type NodePods } from './rolling.js';
import { addActions, addCounts, emptyTotals, type NodeTotals } from './totals.js';

/** nodeShouldRunDaemonPod's answer for one node. */
export interface Placement {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

/** Everything the decision depends on. */
export interface DaemonSetPlanInput {
  ds: DaemonSet;
  hash: string;
  nodes: readonly Node[];
  /** Pods the DaemonSet controls, by target node; terminal pods already deleted are left out. */
  podsByNode: ReadonlyMap<string, readonly Pod[]>;
  placement: (node: Node) => Placement;
  /** When failed pods on this node were deleted too often: the instant the wait ends (failedPodsBackoff). */
  failedBackoffUntil: (nodeName: string) => number | undefined;
  nowMs: number;
}

/** An event to record on the DaemonSet. */
export interface DsEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** The decision. */
export interface DaemonSetPlan {
  createOn: string[];
  deletePods: string[];
  /** Nodes whose failed-pod backoff advances (a failed pod is deleted now). */
  failedBackoffNodes: string[];
  events: DsEvent[];
  status: DaemonSetStatus;
  /** Run again at this instant (minReadySeconds, backoff expiry). */
  requeueAt?: number;
}

/** IsPodUpdated: the pod carries the current revision hash or template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return (hash !== '' && labels[REVISION_HASH_LABEL] === hash) || (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation));
}

/** What one node contributes to a sync: manage()'s actions, status counts, rolling-update view. */
export interface NodePlan {
  create: boolean;
  deletePods: readonly string[];
  failedBackoff: boolean;
  events: readonly DsEvent[];
  desired: number;
  current: number;
  ready: number;
  available: number;
  updated: number;
  misscheduled: number;
  requeueAt?: number;
  nodePods?: NodePods;
  /** Depends only on the node, its pods and the DaemonSet (not on the time): safe to reuse. */
  cacheable: boolean;
}

/** What a node's plan depends on besides the node and its pods (shared by every node of a sync). */
export interface NodeContext {
  hash: string;
  generation: number | undefined;
  minReady: number;
  surge: boolean;
  nowMs: number;
  failedBackoffUntil: (nodeName: string) => number | undefined;
}

/** The node context of one sync. */
export function nodeContext(input: DaemonSetPlanInput): NodeContext {
  const { ds, hash, nowMs } = input;
  return { hash, generation: templateGeneration(ds), minReady: ds.spec.minReadySeconds ?? 0, surge: allowsSurge(ds), nowMs, failedBackoffUntil: input.failedBackoffUntil };
}

/** Identifies everything a cacheable node plan depends on besides its node and pods. */
export function contextKeyOf(ds: DaemonSet, hash: string): string {
  return `${ds.metadata.uid}/${ds.metadata.generation ?? 0}/${hash}`;
}

/** podsShouldBeOnNode + this node's share of updateDaemonSetStatus, for one node. */
export function planNode(ctx: NodeContext, name: string, placement: Placement, pods: readonly Pod[]): NodePlan {
  const { shouldRun, shouldContinueRunning } = placement;
  const { hash, generation, minReady, nowMs } = ctx;
  // Every key up front: one object shape for all plans (thousands are kept between syncs).
  const plan: NodePlan = { create: false, deletePods: NONE, failedBackoff: false, events: NONE, desired: 0, current: 0, ready: 0, available: 0, updated: 0, misscheduled: 0, requeueAt: undefined, nodePods: undefined, cacheable: minReady === 0 };
  const deleting = scratchDeleting;
  // Set#clear allocates a fresh table: only when there is something to clear.
  if (deleting.size > 0) deleting.clear();
  // manage(): podsShouldBeOnNode
  if (shouldRun && pods.length === 0) {
    plan.create = true;
  } else if (shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      if (pod.status.phase === 'Failed') {
        plan.cacheable = false;
        // failedPodsBackoff.Next runs for the first failed pod, so any further failed pod on
        // the node is already in backoff within the same sync: one kill per node per sync.
        if (plan.failedBackoff) continue;
        const until = ctx.failedBackoffUntil(name);
        if (until !== undefined && until > nowMs) {
          plan.requeueAt = earliest(plan.requeueAt, until, nowMs);
          continue;
        }
        plan.failedBackoff = true;
        plan.events = [...plan.events, { type: 'Warning', reason: 'FailedDaemonPod', message: `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it` }];
        deleting.add(pod.metadata.name);
      } else if (pod.status.phase === 'Succeeded') {
        plan.cacheable = false;
        plan.events = [...plan.events, { type: 'Normal', reason: 'SucceededDaemonPod', message: `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to delete it` }];
        deleting.add(pod.metadata.name);
      } else {
        running.push(pod);
      }
    }
    if (pruneExcess(running, ctx.surge, shouldRun, hash, minReady, nowMs, deleting)) plan.create = true;
  } else if (pods.length > 0) {
    for (const pod of pods) if (!pod.metadata.deletionTimestamp) deleting.add(pod.metadata.name);
  }

  // updateDaemonSetStatus()
  if (shouldRun) {
    plan.desired = 1;
    if (pods.length > 0) {
      plan.current = 1;
      const oldest = (pods.length === 1 ? pods[0] : [...pods].sort(compareByCreation)[0]) as Pod;
      if (isPodReady(oldest)) {
        plan.ready = 1;
        if (isPodAvailable(oldest, minReady, nowMs)) plan.available = 1;
        else plan.requeueAt = earliest(plan.requeueAt, availableAt(oldest, minReady), nowMs);
      }
      if (isPodUpdated(oldest, hash, generation)) plan.updated = 1;
    }
  } else if (pods.length > 0) {
    plan.misscheduled = 1;
  }

  if (shouldRun || pods.length > 0) {
    const np = splitPods(name, plan.create ? [...pods, pendingNewPod(hash, generation)] : pods, hash, generation, shouldRun, deleting);
    if (minReady === 0) {
      if (np.oldPod) np.oldAvailable = isPodReady(np.oldPod);
      if (np.newPod) np.newAvailable = isPodReady(np.newPod);
    }
    plan.nodePods = np;
  }
  if (deleting.size) plan.deletePods = [...deleting];
  if (plan.requeueAt !== undefined) plan.cacheable = false;
  return plan;
}

/** No deletes, no events: what most node plans carry (one shared empty list, not two per plan). */
const NONE: readonly never[] = Object.freeze([]);

/** The pods planNode deletes on its node, reused from call to call (planNode never re-enters). */
const scratchDeleting = new Set<string>();

/** The earlier of `current` and `t`, counting `t` only when it lies after `nowMs`. */
function earliest(current: number | undefined, t: number | undefined, nowMs: number): number | undefined {
  return t !== undefined && t > nowMs && (current === undefined || t < current) ? t : current;
}

/** Decides one sync of a DaemonSet. */
export function planDaemonSet(input: DaemonSetPlanInput): DaemonSetPlan {
  const ctx = nodeContext(input);
  const totals = emptyTotals();
  for (const node of input.nodes) {
    const name = node.metadata.name;
    const plan = planNode(ctx, name, input.placement(node), input.podsByNode.get(name) ?? []);
    addActions(totals, name, plan);
    addCounts(totals, plan, 1);
    if (plan.nodePods) totals.nodePods.push(plan.nodePods);
  }
  return finishPlan(input, totals);
}

/** The rest of a sync once the node plans are summed: pods of vanished nodes, the rolling update, the status. */
export function finishPlan(input: DaemonSetPlanInput, totals: NodeTotals): DaemonSetPlan {
  const { ds, hash, nodes, podsByNode, nowMs } = input;
  const generation = templateGeneration(ds);
  const { createOn, deletePods, desired, current, misscheduled, ready, available, updated } = totals;
  let nodePods = totals.nodePods;

  // Unscheduled pods pinned to nodes that no longer exist (getUnscheduledPodsWithoutNode).
  if (podsByNode.size > totals.nodesWithPods) {
    // totals.nodePods may be the planner's kept list: extend a copy.
    nodePods = [...nodePods];
    const existing = new Set(nodes.map((n) => n.metadata.name));
    for (const [nodeName, pods] of podsByNode) {
      if (existing.has(nodeName)) continue;
      for (const pod of pods) if (!pod.spec.nodeName) deletePods.add(pod.metadata.name);
      nodePods.push({ ...splitPods(nodeName, pods, hash, generation, false, deletePods), nodeMissing: true });
    }
    nodePods.sort((a, b) => (a.node < b.node ? -1 : 1));
  }

  if (ds.spec.updateStrategy?.type !== 'OnDelete') {
    const rolling = planRollingUpdate(ds, nodePods, desired, nowMs);
    for (const p of rolling.deletePods) deletePods.add(p);
    for (const n of rolling.createOn) if (!createOn.includes(n)) createOn.push(n);
  }

  const status: DaemonSetStatus = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
  };
  if (ds.metadata.generation) status.observedGeneration = ds.metadata.generation;
  if (updated) status.updatedNumberScheduled = updated;
  if (available) status.numberAvailable = available;
  if (desired - available) status.numberUnavailable = desired - available;
  if (ds.status?.collisionCount) status.collisionCount = ds.status.collisionCount;
  if (ds.status?.conditions) status.conditions = ds.status.conditions;
  return { createOn, deletePods: [...deletePods], failedBackoffNodes: totals.failedBackoffNodes, events: totals.events, status, requeueAt: totals.requeueAt };
}

/** util.AllowsSurge: RollingUpdate whose maxSurge scaled against one node is positive. */
export function allowsSurge(ds: DaemonSet): boolean {
  const s = ds.spec.updateStrategy;
  if (s?.type === 'OnDelete') return false;
  return scaledValue(s?.rollingUpdate?.maxSurge, 1) > 0;
}

/** Keeps one running pod per node (two while surging); returns true when a surge node needs a pod. */
function pruneExcess(running: Pod[], surge: boolean, shouldRun: boolean, hash: string, minReady: number, nowMs: number, deletePods: Set<string>): boolean {
  running.sort(compareByCreation);
  if (!surge) {
    for (const extra of running.slice(1)) deletePods.add(extra.metadata.name);
    return false;
  }
  if (running.length <= 1) return running.length === 0 && shouldRun;
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  for (const pod of running) {
    const isNew = pod.metadata.labels?.[REVISION_HASH_LABEL] === hash;
    if (isNew && !oldestNew) oldestNew = pod;
    else if (!isNew && !oldestOld) oldestOld = pod;
    else deletePods.add(pod.metadata.name);
  }
  if (oldestNew && oldestOld) {
    if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, nowMs)) deletePods.add(oldestOld.metadata.name);
  }
  return false;
}

/**
 * findUpdatedPodsOnNode over the pods as rollingUpdate sees them after manage() acted (the
 * controller's expectations make it wait for manage's creates and deletes to be observed):
 * pods manage deletes count as deleted, and a pod manage creates is a new, not-ready pod.
 */
function splitPods(node: string, pods: readonly Pod[], hash: string, generation: number | undefined, shouldRun: boolean, deleting: ReadonlySet<string>): NodePods {
  const result: NodePods = { node, newPod: undefined, oldPod: undefined, ok: true, shouldRun, oldAvailable: undefined, newAvailable: undefined };
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp || deleting.has(pod.metadata.name)) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (result.newPod) return { node, ok: false, shouldRun };
      result.newPod = pod;
    } else {
      if (result.oldPod) return { node, ok: false, shouldRun };
      result.oldPod = pod;
    }
  }
  return result;
}

/** Stand-in for the pod manage() creates on a node this sync: updated, pending, not ready. */
function pendingNewPod(hash: string, generation: number | undefined): Pod {
  const labels: Record<string, string> = {};
  if (hash) labels[REVISION_HASH_LABEL] = hash;
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(generation);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: '', uid: '', resourceVersion: '', creationTimestamp: '', labels },
    spec: { containers: [] },
    status: { phase: 'Pending' },
  };
}
