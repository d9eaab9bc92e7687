/**
 * Scheduler-lite: binds pending pods to a node that passes the default scheduler's filters
 * (unschedulable, taints, node affinity/selector, host ports, resources), preempts lower-priority
 * pods when that makes room, and otherwise leaves the pod Pending with the real
 * `FailedScheduling` message.
 */
import { nodeMatchesNodeSelector, nodeMatchesRequiredAffinity } from '../../cluster/node-affinity.js';
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../../cluster/taints.js';
import type { Node, Pod, PodCondition } from '../../cluster/types.js';
import { isoSeconds } from '../clock.js';
import type { Clock } from '../clock.js';
import type { EventRecorder } from '../events.js';
import type { Store } from '../store.js';
import type { Controller } from './controller.js';
import { misfit } from './pod-resources.js';
import { isPodTerminal } from './pod-util.js';
import { WorkQueue, type WorkQueueState } from './work-queue.js';

const SOURCE = { component: 'default-scheduler', series: true };
/** Unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration). */
const RETRY_MS = 5 * 60_000;

/** What nodes outside a pod's `matchFields` pin report. */
const PREFILTER_REASON = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

/** Why one node was filtered out; `resolvable` failures may be fixed by preemption. */
interface NodeVerdict {
  reasons: string[];
  resolvable: boolean;
}

/** The scheduler's queue and waiting pods in a checkpoint. */
class SchedulerState {
  constructor(
    readonly queue: WorkQueueState,
    readonly unschedulable: ReadonlySet<string>,
  ) {}
}

/** Places pods on nodes. */
export class Scheduler implements Controller {
  readonly name = 'default-scheduler';
  private readonly queue = new WorkQueue();
  private unschedulable = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {
    store.watch({ kind: 'Pod' }, (e) => {
      const pod = e.object as Pod;
      if (e.type === 'ADDED' && !pod.spec.nodeName && !pod.metadata.deletionTimestamp) {
        this.queue.add(`${pod.metadata.namespace}/${pod.metadata.name}`);
      } else if (this.unschedulable.size > 0 && (e.type === 'DELETED' || pod.spec.nodeName || pod.metadata.deletionTimestamp)) {
        this.unschedulable.delete(`${pod.metadata.namespace}/${pod.metadata.name}`);
      }
      // Capacity freed: give waiting pods another chance.
      if (e.type === 'DELETED' || (pod.metadata.deletionTimestamp && !e.previous?.metadata.deletionTimestamp)) this.retryAll();
    });
    store.watch({ kind: 'Node' }, () => this.retryAll());
  }

  hasWork(nowMs: number): boolean {
    return this.queue.hasDue(nowMs);
  }

  nextWake(): number | undefined {
    return this.queue.nextAt();
  }

  snapshotState(): SchedulerState {
    return new SchedulerState(this.queue.snapshot(), new Set(this.unschedulable));
  }

  restoreState(state: unknown): void {
    if (!(state instanceof SchedulerState)) throw new TypeError('not a scheduler checkpoint');
    this.queue.restore(state.queue);
    this.unschedulable = new Set(state.unschedulable);
  }

  run(nowMs: number): void {
    const nodes = this.store.listAll('Node');
    for (const key of this.queue.takeDue(nowMs)) {
      const [ns, name] = key.split('/') as [string, string];
      const pod = this.store.get('Pod', ns, name);
      if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) {
        this.unschedulable.delete(key);
        continue;
      }
      this.schedule(pod, nodes, key, nowMs);
    }
  }

  private retryAll(): void {
    for (const key of this.unschedulable) this.queue.add(key);
  }

  private schedule(pod: Pod, nodes: readonly Node[], key: string, nowMs: number): void {
    const verdicts = new Map<string, NodeVerdict>();
    // PreFilter (NodeAffinity): a pod pinned by `matchFields metadata.name` is only checked
    // against its own nodes; every other node fails NodeAffinity without further work.
    const pinned = pinnedNodeNames(pod);
    const candidates = pinned ? pinned.map((n) => this.store.get('Node', undefined, n)).filter((n): n is Node => n !== undefined) : nodes;
    const skipped = nodes.length - candidates.length;
    let best: Node | undefined;
    let bestLoad = Infinity;
    for (const node of candidates) {
      const podsOnNode = this.podsOn(node.metadata.name);
      const verdict = filterNode(pod, node, podsOnNode);
      if (verdict.reasons.length === 0) {
        if (podsOnNode.length < bestLoad) {
          best = node;
          bestLoad = podsOnNode.length;
        }
      } else {
        verdicts.set(node.metadata.name, verdict);
      }
    }
    if (best) {
      this.bind(pod, best.metadata.name);
      this.unschedulable.delete(key);
      return;
    }
    const preemptMsg = this.tryPreempt(pod, candidates, verdicts, nodes.length, skipped);
    const message = fitErrorMessage(nodes.length, verdicts, skipped, preemptMsg);
    this.markUnschedulable(pod, message);
    this.unschedulable.add(key);
    this.queue.addAt(key, nowMs + RETRY_MS);
  }

  private podsOn(nodeName: string): Pod[] {
    return this.store.byIndex('Pod', 'node', nodeName).filter((p) => !isPodTerminal(p));
  }

  private bind(pod: Pod, nodeName: string): void {
    const now = isoSeconds(this.clock.now());
    const { nominatedNodeName: _nominated, ...status } = pod.status;
    const bound = this.store.replace<Pod>({
      ...pod,
      spec: { ...pod.spec, nodeName },
      status: { ...status, conditions: upsertCondition(pod.status.conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now }) },
    }, { withStatus: true });
    this.recorder.record({ object: bound, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`, source: SOURCE });
  }

  private markUnschedulable(pod: Pod, message: string): void {
    const now = isoSeconds(this.clock.now());
    const updated = this.store.mutate('Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
      const prev = p.status.conditions?.find((c) => c.type === 'PodScheduled');
      const transition = prev?.status === 'False' ? prev.lastTransitionTime : now;
      p.status.conditions = upsertCondition(p.status.conditions, {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message,
        lastProbeTime: null,
        lastTransitionTime: transition,
      });
    }, 'status');
    this.recorder.record({ object: updated, type: 'Warning', reason: 'FailedScheduling', message, source: SOURCE });
  }

  /** DefaultPreemption: evict lower-priority pods on a node where only resources are short. */
  private tryPreempt(pod: Pod, nodes: readonly Node[], verdicts: Map<string, NodeVerdict>, total: number, skipped: number): string {
    const priority = pod.spec.priority ?? 0;
    let noVictims = 0;
    let notHelpful = skipped;
    for (const node of nodes) {
      const verdict = verdicts.get(node.metadata.name);
      if (!verdict) continue;
      if (!verdict.resolvable) {
        notHelpful++;
        continue;
      }
      const onNode = this.podsOn(node.metadata.name);
      const victims = onNode.filter((p) => (p.spec.priority ?? 0) < priority && !p.metadata.deletionTimestamp).sort((a, b) => (a.spec.priority ?? 0) - (b.spec.priority ?? 0));
      const chosen: Pod[] = [];
      let remaining = onNode;
      for (const v of victims) {
        const m = misfit(pod, node, remaining);
        if (m.insufficient.length === 0 && !m.tooManyPods) break;
        chosen.push(v);
        remaining = remaining.filter((p) => p !== v);
      }
      const after = misfit(pod, node, remaining);
      if (chosen.length === 0 || after.insufficient.length > 0 || after.tooManyPods) {
        noVictims++;
        continue;
      }
      for (const v of chosen) {
        this.recorder.record({ object: v, type: 'Normal', reason: 'Preempted', message: `Preempted by pod ${pod.metadata.uid} on node ${node.metadata.name}`, source: SOURCE });
        this.store.delete('Pod', v.metadata.namespace, v.metadata.name);
      }
      this.store.mutate('Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
        p.status.nominatedNodeName = node.metadata.name;
      }, 'status');
      return '';
    }
    const parts: string[] = [];
    if (noVictims) parts.push(`${noVictims} No preemption victims found for incoming pod`);
    if (notHelpful) parts.push(`${notHelpful} Preemption is not helpful for scheduling`);
    return `preemption: 0/${total} nodes are available: ${parts.sort().join(', ')}.`;
  }
}

/** The filter plugins in the default scheduler's order; the first failure decides. */
function filterNode(pod: Pod, node: Node, podsOnNode: readonly Pod[]): NodeVerdict {
  if (node.spec.unschedulable && !tolerationsTolerateTaint(pod.spec.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) {
    return { reasons: ['node(s) were unschedulable'], resolvable: false };
  }
  if (pod.spec.nodeName && pod.spec.nodeName !== node.metadata.name) return { reasons: ["node(s) didn't match the requested node name"], resolvable: false };
  const taint = findUntoleratedTaint(node.spec.taints ?? [], pod.spec.tolerations ?? [], (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`], resolvable: false };
  if (!nodeMatchesNodeSelector(node, pod.spec.nodeSelector) || !nodeMatchesRequiredAffinity(node, pod.spec.affinity)) {
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
  }
  if (hostPortConflict(pod, podsOnNode)) return { reasons: ["node(s) didn't have free ports for the requested pod ports"], resolvable: false };
  const m = misfit(pod, node, podsOnNode);
  const reasons = [...(m.tooManyPods ? ['Too many pods'] : []), ...m.insufficient.map((r) => `Insufficient ${r}`)];
  return { reasons, resolvable: true };
}

/** Nodes a DaemonSet-style `matchFields metadata.name In [...]` term restricts the pod to. */
function pinnedNodeNames(pod: Pod): string[] | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  const names: string[] = [];
  for (const term of terms) {
    const field = term.matchFields?.find((f) => f.key === 'metadata.name' && f.operator === 'In');
    if (!field) return undefined;
    names.push(...(field.values ?? []));
  }
  return names;
}

function hostPortConflict(pod: Pod, podsOnNode: readonly Pod[]): boolean {
  const wanted = new Set<string>();
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.hostPort) wanted.add(`${p.protocol ?? 'TCP'}/${p.hostPort}`);
  if (wanted.size === 0) return false;
  for (const other of podsOnNode) {
    for (const c of other.spec.containers) for (const p of c.ports ?? []) if (p.hostPort && wanted.has(`${p.protocol ?? 'TCP'}/${p.hostPort}`)) return true;
  }
  return false;
}

/** FitError.Error(): `0/4 nodes are available: 1 Insufficient cpu, 3 node(s) .... preemption: ...` */
export function fitErrorMessage(total: number, verdicts: ReadonlyMap<string, NodeVerdict>, prefiltered: number, preemption: string): string {
  const histogram = new Map<string, number>();
  if (prefiltered > 0) histogram.set(PREFILTER_REASON, prefiltered);
  for (const v of verdicts.values()) for (const r of v.reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  const parts = [...histogram].map(([r, n]) => `${n} ${r}`).sort();
  let msg = `0/${total} nodes are available:`;
  if (parts.length) msg += ` ${parts.join(', ')}.`;
  if (preemption) msg += ` ${preemption}`;
  return msg;
}

/** Replaces or appends a condition by type. */
export function upsertCondition(conditions: PodCondition[] | undefined, c: PodCondition): PodCondition[] {
  const out = (conditions ?? []).filter((x) => x.type !== c.type);
  out.push(c);
  return out;
}

