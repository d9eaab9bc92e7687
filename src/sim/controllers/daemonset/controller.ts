/**
 * The DaemonSet controller's thin act half: it watches the store, claims pods and revisions,
 * asks the pure planners what to do, and carries that out through the store with the events
 * a real cluster records.
 */
import { nodeShouldRunDaemonPod } from '../../../cluster/daemon-placement.js';
import { matchesLabelSelector } from '../../../cluster/labels.js';
import type { ControllerRevision, DaemonSet, KubeObject, Node, OwnerReference, Pod } from '../../../cluster/types.js';
import { StoreError } from '../../errors.js';
import type { EventRecorder } from '../../events.js';
import { jsonEqual } from '../../json.js';
import type { Store } from '../../store.js';
import { CowMap } from '../../checkpoint.js';
import type { Controller } from '../controller.js';
import { controllerRef, targetNodeName } from '../pod-util.js';
import { WorkQueue, type WorkQueueState } from '../work-queue.js';
import { REVISION_HASH_LABEL, planHistory, planHistoryCleanup, templateGeneration } from './history.js';
import type { Placement } from './plan.js';
import { newDaemonPod } from './pod-template.js';
import { DaemonSetState } from './state.js';

/** Pods created per sync at most (the real controller's burstReplicas). */
export const BURST_REPLICAS = 250;
const SOURCE = { component: 'daemonset-controller' };

interface PlacementCache {
  generation: number;
  byNode: CowMap<string, { rv: string; placement: Placement }>;
}

/** The controller's queue, caches and back-off in a checkpoint (all copies). */
class DaemonSetControllerState {
  constructor(
    readonly queue: WorkQueueState,
    readonly placements: ReadonlyMap<string, PlacementCache>,
    readonly states: ReadonlyMap<string, DaemonSetState>,
    readonly failedBackoff: ReadonlyMap<string, { delayMs: number; lastMs: number }>,
  ) {}
}

function copyPlacements(from: ReadonlyMap<string, PlacementCache>): Map<string, PlacementCache> {
  return new Map([...from].map(([k, c]) => [k, { generation: c.generation, byNode: new CowMap(c.byNode.share()) }]));
}

function copyStates(from: ReadonlyMap<string, DaemonSetState>): Map<string, DaemonSetState> {
  return new Map([...from].map(([k, s]) => [k, s.clone()]));
}

/** Keeps one pod per eligible node for every DaemonSet. */
export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';
  private readonly queue = new WorkQueue();
  private placements = new Map<string, PlacementCache>();
  private states = new Map<string, DaemonSetState>();
  private failedBackoff = new Map<string, { delayMs: number; lastMs: number }>();

  constructor(
    private readonly store: Store,
    private readonly recorder: EventRecorder,
  ) {
    store.watch({ kind: 'DaemonSet' }, (e) => this.queue.add(keyOf(e.object)));
    store.watch({ kind: 'Node' }, (e) => {
      if (e.type === 'MODIFIED' && e.previous && !nodeSchedulingChanged(e.previous, e.object)) return;
      for (const ds of store.list('DaemonSet')) this.queue.add(keyOf(ds));
    });
    store.watch({ kind: 'Pod' }, (e) => this.onPod(e.object as Pod, e.previous as Pod | undefined, e.type === 'MODIFIED'));
    store.watch({ kind: 'ControllerRevision' }, (e) => {
      for (const o of e.previous ? [e.object, e.previous] : [e.object]) {
        const ref = controllerRef(o);
        if (ref?.kind === 'DaemonSet') this.queue.add(`${o.metadata.namespace}/${ref.name}`);
      }
      if (!controllerRef(e.object)) this.enqueueMatching(e.object);
    });
  }

  /** A pod changed: its DaemonSet re-reads that node; label changes and orphans are claim candidates. */
  private onPod(pod: Pod, previous: Pod | undefined, modified: boolean): void {
    if (modified && previous && !relevantPodChange(previous, pod)) return;
    this.onPodVersion(pod, pod, previous);
    if (previous) this.onPodVersion(previous, pod, previous);
    if (!controllerRef(pod) && !pod.metadata.deletionTimestamp) {
      for (const key of this.enqueueMatching(pod)) this.states.get(key)?.claimCandidates.add(pod.metadata.name);
    }
  }

  /** One version (`o`, the new or the previous) of a changed pod: its owning DaemonSet re-reads that node. */
  private onPodVersion(o: Pod, pod: Pod, previous: Pod | undefined): void {
    const ref = controllerRef(o);
    if (ref?.kind !== 'DaemonSet') return;
    const key = `${o.metadata.namespace}/${ref.name}`;
    const state = this.states.get(key);
    if (state && state.uid === ref.uid) {
      const node = targetNodeName(o);
      if (node) state.dirty.add(node);
      if (previous && previous.metadata.labels !== pod.metadata.labels) state.claimCandidates.add(pod.metadata.name);
    }
    this.queue.add(key);
  }

  /** Queues every DaemonSet in the object's namespace whose selector matches it; returns their keys. */
  private enqueueMatching(obj: KubeObject): string[] {
    const keys: string[] = [];
    for (const ds of this.store.list('DaemonSet', obj.metadata.namespace)) {
      if (matchesLabelSelector(ds.spec.selector, obj.metadata.labels)) {
        const key = keyOf(ds);
        this.queue.add(key);
        keys.push(key);
      }
    }
    return keys;
  }

  hasWork(nowMs: number): boolean {
    return this.queue.hasDue(nowMs);
  }

  nextWake(): number | undefined {
    return this.queue.nextAt();
  }

  run(nowMs: number): void {
    for (const key of this.queue.takeDue(nowMs)) this.sync(key, nowMs);
  }

  snapshotState(): DaemonSetControllerState {
    return new DaemonSetControllerState(this.queue.snapshot(), copyPlacements(this.placements), copyStates(this.states), new Map(this.failedBackoff));
  }

  restoreState(state: unknown): void {
    if (!(state instanceof DaemonSetControllerState)) throw new TypeError('not a daemonset-controller checkpoint');
    this.queue.restore(state.queue);
    this.placements = copyPlacements(state.placements);
    this.states = copyStates(state.states);
    this.failedBackoff = new Map(state.failedBackoff);
  }

  private sync(key: string, nowMs: number): void {
    const [namespace, name] = key.split('/') as [string, string];
    const ds = this.store.get('DaemonSet', namespace, name);
    if (!ds) {
      this.placements.delete(key);
      this.states.delete(key);
      return;
    }
    if (ds.spec.selector && Object.keys(ds.spec.selector).length === 0) {
      this.recorder.record({ object: ds, type: 'Warning', reason: 'SelectingAll', message: 'This daemon set is selecting all pods. A non-empty selector is required.', source: SOURCE });
      return;
    }
    if (ds.metadata.deletionTimestamp) return;

    let state = this.states.get(key);
    if (!state || state.uid !== ds.metadata.uid) {
      state = new DaemonSetState(ds.metadata.uid);
      this.states.set(key, state);
    }
    if (state.full) this.claim('Pod', ds);
    else this.claimCandidates(ds, state);
    state.refresh(this.store);
    const revisions = this.claim('ControllerRevision', ds) as ControllerRevision[];
    const history = planHistory(ds, revisions);
    if (history.collision) {
      this.store.mutate('DaemonSet', namespace, name, (d) => {
        d.status = { ...(d.status ?? { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
      }, 'status');
      return;
    }
    if (history.create) this.store.create(history.create);
    if (history.current && history.renumberTo !== undefined) {
      const to = history.renumberTo;
      this.store.mutate('ControllerRevision', namespace, history.current.metadata.name, (r) => {
        r.revision = to;
      });
    }
    for (const dup of history.deleteDuplicates) this.tryDelete('ControllerRevision', namespace, dup);

    const placementOf = this.placementFor(ds, key);
    const plan = state.plan({
      ds,
      hash: history.hash,
      nodes: this.store.listAll('Node'),
      podsByNode: state.podsByNode,
      placement: placementOf,
      failedBackoffUntil: (node) => this.failedBackoffUntil(`${ds.metadata.uid}/${node}`),
      nowMs,
    });

    for (const node of plan.failedBackoffNodes) this.advanceFailedBackoff(`${ds.metadata.uid}/${node}`, nowMs);
    for (const ev of plan.events) this.recorder.record({ object: ds, ...ev, source: SOURCE });
    const generation = templateGeneration(ds);
    const creates = plan.createOn.slice(0, BURST_REPLICAS);
    for (const node of creates) {
      try {
        const pod = this.store.create(newDaemonPod(ds, node, history.hash, generation), true);
        this.recorder.record({ object: ds, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, source: SOURCE });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.recorder.record({ object: ds, type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${message}`, source: SOURCE });
        break;
      }
    }
    if (plan.createOn.length > creates.length) this.queue.add(key);
    for (const podName of plan.deletePods.slice(0, BURST_REPLICAS)) {
      if (this.tryDelete('Pod', namespace, podName)) {
        this.recorder.record({ object: ds, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${podName}`, source: SOURCE });
      }
    }
    if (plan.deletePods.length > BURST_REPLICAS) this.queue.add(key);

    if (history.old.length > (ds.spec.revisionHistoryLimit ?? 10)) {
      const liveHashes = new Set<string>();
      for (const p of state.allPods()) {
        const h = p.metadata.labels?.[REVISION_HASH_LABEL];
        if (h) liveHashes.add(h);
      }
      for (const old of planHistoryCleanup(ds, history.old, liveHashes)) this.tryDelete('ControllerRevision', namespace, old);
    }

    const fresh = this.store.get('DaemonSet', namespace, name);
    if (fresh && !jsonEqual(fresh.status, plan.status)) {
      this.store.mutate('DaemonSet', namespace, name, (d) => {
        d.status = plan.status;
      }, 'status');
    }
    if (plan.requeueAt !== undefined) this.queue.addAt(key, plan.requeueAt);
  }

  /** Adoption and release for the pods whose labels or ownership changed since the last sync. */
  private claimCandidates(ds: DaemonSet, state: DaemonSetState): void {
    const ns = ds.metadata.namespace;
    for (const name of state.claimCandidates) {
      const pod = this.store.get('Pod', ns, name);
      if (!pod || pod.metadata.deletionTimestamp) continue;
      const ref = controllerRef(pod);
      const matches = matchesLabelSelector(ds.spec.selector, pod.metadata.labels);
      if (ref?.uid === ds.metadata.uid && !matches) {
        this.store.mutate('Pod', ns, name, (o) => {
          o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((r) => r.uid !== ds.metadata.uid);
          if (o.metadata.ownerReferences?.length === 0) delete o.metadata.ownerReferences;
        });
      } else if (!ref && matches) {
        this.store.mutate('Pod', ns, name, (o) => {
          o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), ownerRef(ds)];
        });
      } else {
        continue;
      }
      const node = targetNodeName(pod);
      if (node) state.dirty.add(node);
    }
    state.claimCandidates.clear();
  }

  /** ClaimPods / ClaimControllerRevisions: adopt matching orphans, release non-matching owned objects. */
  private claim(kind: 'Pod' | 'ControllerRevision', ds: DaemonSet): KubeObject[] {
    const ns = ds.metadata.namespace;
    const owned: KubeObject[] = [];
    for (const obj of this.store.byIndex(kind, 'controller', ds.metadata.uid)) {
      if (matchesLabelSelector(ds.spec.selector, obj.metadata.labels)) {
        owned.push(obj);
      } else if (!obj.metadata.deletionTimestamp) {
        this.store.mutate(kind, ns, obj.metadata.name, (o: KubeObject) => {
          o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((r) => r.uid !== ds.metadata.uid);
          if (o.metadata.ownerReferences?.length === 0) delete o.metadata.ownerReferences;
        });
      }
    }
    for (const obj of this.store.byIndex(kind, 'orphan', ns ?? '')) {
      if (obj.metadata.deletionTimestamp || !matchesLabelSelector(ds.spec.selector, obj.metadata.labels)) continue;
      const adopted = this.store.mutate(kind, ns, obj.metadata.name, (o: KubeObject) => {
        o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), ownerRef(ds)];
      });
      owned.push(adopted);
    }
    return owned;
  }

  private placementFor(ds: DaemonSet, key: string): (node: Node) => Placement {
    const generation = ds.metadata.generation ?? 0;
    let cache = this.placements.get(key);
    if (!cache || cache.generation !== generation) {
      cache = { generation, byNode: new CowMap() };
      this.placements.set(key, cache);
    }
    const byNode = cache.byNode;
    return (node) => {
      const hit = byNode.get(node.metadata.name);
      if (hit && hit.rv === node.metadata.resourceVersion) return hit.placement;
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      const placement = { shouldRun, shouldContinueRunning };
      byNode.set(node.metadata.name, { rv: node.metadata.resourceVersion, placement });
      return placement;
    };
  }

  private failedBackoffUntil(key: string): number | undefined {
    const entry = this.failedBackoff.get(key);
    return entry && entry.lastMs + entry.delayMs;
  }

  private advanceFailedBackoff(key: string, nowMs: number): void {
    const entry = this.failedBackoff.get(key);
    const delayMs = entry ? Math.min(entry.delayMs * 2, 15 * 60_000) : 1_000;
    this.failedBackoff.set(key, { delayMs, lastMs: nowMs });
  }

  private tryDelete(kind: 'Pod' | 'ControllerRevision', namespace: string, name: string): boolean {
    try {
      this.store.delete(kind, namespace, name);
      return true;
    } catch (err) {
      if (err instanceof StoreError && err.reason === 'NotFound') return false;
      throw err;
    }
  }
}

/** Only these pod changes can change a DaemonSet's decision (kubelet progress otherwise cannot). */
function relevantPodChange(a: Pod, b: Pod): boolean {
  if (a.metadata.labels !== b.metadata.labels || a.metadata.ownerReferences !== b.metadata.ownerReferences) return true;
  if (a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp || a.spec.nodeName !== b.spec.nodeName || a.status.phase !== b.status.phase) return true;
  const ra = a.status.conditions?.find((c) => c.type === 'Ready');
  const rb = b.status.conditions?.find((c) => c.type === 'Ready');
  return ra?.status !== rb?.status || ra?.lastTransitionTime !== rb?.lastTransitionTime;
}

function ownerRef(ds: DaemonSet): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true };
}

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace}/${obj.metadata.name}`;
}

/** Only labels, taints and existence matter to placement (shouldIgnoreNodeUpdate). */
function nodeSchedulingChanged(a: KubeObject, b: KubeObject): boolean {
  if (a.kind !== 'Node' || b.kind !== 'Node') return true;
  return !jsonEqual(a.metadata.labels, b.metadata.labels) || !jsonEqual(a.spec.taints, b.spec.taints);
}
