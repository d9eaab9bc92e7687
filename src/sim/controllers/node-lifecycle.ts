/**
 * The node lifecycle, taint-eviction and pod-GC controllers in one loop over nodes:
 * conditions become taints (NotReady → not-ready:NoExecute, unreachable, pressure, cordon →
 * unschedulable:NoSchedule), NoExecute taints evict pods that do not tolerate them (after
 * tolerationSeconds when set), pods on NotReady nodes are marked not ready, and pods bound to
 * nodes that no longer exist are force-deleted after the 40 s quarantine.
 */
import { noExecuteEviction } from '../../cluster/taints.js';
import type { Node, Pod, Taint, TaintEffect } from '../../cluster/types.js';
import { isoSeconds, type Clock } from '../clock.js';
import type { EventRecorder } from '../events.js';
import type { Store } from '../store.js';
import type { Controller } from './controller.js';
import { isPodTerminal } from './pod-util.js';
import { WorkQueue, type WorkQueueState } from './work-queue.js';

/** Pods on a deleted node are removed this long after it disappeared (PodGC quarantine). */
export const ORPHAN_POD_QUARANTINE_MS = 40_000;

const MANAGED: Record<string, TaintEffect> = {
  'node.kubernetes.io/not-ready': 'NoExecute',
  'node.kubernetes.io/unreachable': 'NoExecute',
  'node.kubernetes.io/unschedulable': 'NoSchedule',
  'node.kubernetes.io/memory-pressure': 'NoSchedule',
  'node.kubernetes.io/disk-pressure': 'NoSchedule',
  'node.kubernetes.io/pid-pressure': 'NoSchedule',
  'node.kubernetes.io/network-unavailable': 'NoSchedule',
};

/** The managed taint keys a node's conditions and spec call for (TaintNodesByCondition). */
export function desiredConditionTaints(node: Node): string[] {
  const keys: string[] = [];
  const cond = (type: string) => node.status.conditions?.find((c) => c.type === type)?.status;
  const ready = cond('Ready');
  if (ready === 'False') keys.push('node.kubernetes.io/not-ready');
  else if (ready === 'Unknown' || ready === undefined) keys.push('node.kubernetes.io/unreachable');
  if (node.spec.unschedulable) keys.push('node.kubernetes.io/unschedulable');
  if (cond('MemoryPressure') === 'True') keys.push('node.kubernetes.io/memory-pressure');
  if (cond('DiskPressure') === 'True') keys.push('node.kubernetes.io/disk-pressure');
  if (cond('PIDPressure') === 'True') keys.push('node.kubernetes.io/pid-pressure');
  if (cond('NetworkUnavailable') === 'True') keys.push('node.kubernetes.io/network-unavailable');
  return keys;
}

/** The controller's queues and deleted-node times in a checkpoint. */
class NodeLifecycleState {
  constructor(
    readonly nodes: WorkQueueState,
    readonly pods: WorkQueueState,
    readonly goneNodes: ReadonlyMap<string, number>,
    readonly evictionStart: ReadonlyMap<string, number>,
  ) {}
}

/** Node lifecycle + taint eviction + pod GC. */
export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly nodes = new WorkQueue();
  private readonly pods = new WorkQueue();
  private goneNodes = new Map<string, number>();
  /**
   * When the taint-eviction controller first saw each pod it will evict after tolerationSeconds:
   * the countdown starts when the pod is processed (a pod created on an already-tainted node
   * gets its full tolerationSeconds), and a later taint change keeps the original start.
   */
  private evictionStart = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {
    store.watch({ kind: 'Node' }, (e) => {
      const name = e.object.metadata.name;
      if (e.type === 'DELETED') {
        this.goneNodes.set(name, clock.now());
        for (const pod of store.byIndex('Pod', 'node', name)) this.pods.addAt(podKey(pod), clock.now() + ORPHAN_POD_QUARANTINE_MS);
        return;
      }
      this.goneNodes.delete(name);
      this.nodes.add(name);
    });
    store.watch({ kind: 'Pod' }, (e) => {
      const pod = e.object as Pod;
      if (e.type === 'DELETED') this.evictionStart.delete(podKey(pod));
      const before = e.previous as Pod | undefined;
      // Eviction depends on the node and the tolerations, which change only on binding.
      if (e.type !== 'DELETED' && pod.spec.nodeName && (!before || before.spec.nodeName !== pod.spec.nodeName)) this.pods.add(podKey(pod));
    });
  }

  hasWork(nowMs: number): boolean {
    return this.nodes.hasDue(nowMs) || this.pods.hasDue(nowMs);
  }

  nextWake(): number | undefined {
    const a = this.nodes.nextAt();
    const b = this.pods.nextAt();
    return a === undefined ? b : b === undefined ? a : Math.min(a, b);
  }

  snapshotState(): NodeLifecycleState {
    return new NodeLifecycleState(this.nodes.snapshot(), this.pods.snapshot(), new Map(this.goneNodes), new Map(this.evictionStart));
  }

  restoreState(state: unknown): void {
    if (!(state instanceof NodeLifecycleState)) throw new TypeError('not a node-lifecycle checkpoint');
    this.nodes.restore(state.nodes);
    this.pods.restore(state.pods);
    this.goneNodes = new Map(state.goneNodes);
    this.evictionStart = new Map(state.evictionStart);
  }

  run(nowMs: number): void {
    for (const name of this.nodes.takeDue(nowMs)) this.syncNode(name, nowMs);
    for (const key of this.pods.takeDue(nowMs)) this.syncPod(key, nowMs);
  }

  private syncNode(name: string, nowMs: number): void {
    const node = this.store.get('Node', undefined, name);
    if (!node) return;
    const want = desiredConditionTaints(node);
    const current = node.spec.taints ?? [];
    const kept = current.filter((t) => !(t.key in MANAGED) || (want.includes(t.key) && t.effect === MANAGED[t.key]));
    const added: Taint[] = want
      .filter((k) => !kept.some((t) => t.key === k))
      .map((k) => ({ key: k, effect: MANAGED[k] as TaintEffect, timeAdded: isoSeconds(nowMs) }));
    if (added.length || kept.length !== current.length) {
      this.store.mutate('Node', undefined, name, (n) => {
        const taints = [...kept, ...added];
        if (taints.length) n.spec.taints = taints;
        else delete n.spec.taints;
      });
    }
    const ready = node.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    for (const pod of this.store.byIndex('Pod', 'node', name)) {
      if (!ready) this.markNotReady(pod, nowMs);
      this.pods.add(podKey(pod));
    }
  }

  /** MarkPodsNotReady: a node that stopped reporting cannot vouch for its pods. */
  private markNotReady(pod: Pod, nowMs: number): void {
    const ready = pod.status.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') return;
    this.store.mutate('Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
      p.status.conditions = p.status.conditions?.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: isoSeconds(nowMs) } : c));
      p.status.containerStatuses = p.status.containerStatuses?.map((s) => ({ ...s, ready: false }));
    }, 'status');
  }

  private syncPod(key: string, nowMs: number): void {
    const [ns, name] = key.split('/') as [string, string];
    const pod = this.store.get('Pod', ns, name);
    if (!pod?.spec.nodeName || (pod.metadata.deletionTimestamp && !this.goneNodes.has(pod.spec.nodeName))) return;
    const node = this.store.get('Node', undefined, pod.spec.nodeName);
    if (!node) {
      const goneAt = this.goneNodes.get(pod.spec.nodeName) ?? nowMs;
      if (nowMs >= goneAt + ORPHAN_POD_QUARANTINE_MS) {
        this.store.delete('Pod', ns, name, { gracePeriodSeconds: 0 });
      } else {
        this.pods.addAt(key, goneAt + ORPHAN_POD_QUARANTINE_MS);
      }
      return;
    }
    if (isPodTerminal(pod)) return;
    const decision = noExecuteEviction(node.spec.taints, pod.spec.tolerations);
    if (decision.evict === 'never') {
      this.evictionStart.delete(key);
      return;
    }
    if (decision.evict === 'after') {
      let since = this.evictionStart.get(key);
      if (since === undefined) {
        since = nowMs;
        this.evictionStart.set(key, since);
      }
      const deadline = since + decision.seconds * 1000;
      if (nowMs < deadline) {
        this.pods.addAt(key, deadline);
        return;
      }
    }
    this.evictionStart.delete(key);
    this.recorder.record({
      object: pod,
      type: 'Normal',
      reason: 'TaintManagerEviction',
      message: `Marking for deletion Pod ${ns}/${name}`,
      source: { component: 'taint-eviction-controller' },
    });
    this.store.delete('Pod', ns, name);
  }
}

function podKey(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}
