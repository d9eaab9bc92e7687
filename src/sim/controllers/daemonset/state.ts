/**
 * What the DaemonSet controller remembers between syncs of one DaemonSet, so that a sync after
 * a single node or pod change costs little at 5,000 nodes: its pods grouped by target node
 * (rebuilt only for nodes that changed) and each node's last plan.
 */
import type { Node, Pod } from '../../../cluster/types.js';
import { CowMap } from '../../checkpoint.js';
import type { Store } from '../../store.js';
import { controllerRef, isPodTerminal, targetNodeName } from '../pod-util.js';
import type { NodePlan, NodePlanCache } from './plan.js';

interface CachedPlan {
  nodeRv: string;
  podsVersion: number;
  contextKey: string;
  plan: NodePlan;
}

/** Per-DaemonSet memory of the controller. */
export class DaemonSetState implements NodePlanCache {
  /** Pods the DaemonSet controls by target node (terminal pods being deleted left out). */
  readonly podsByNode: CowMap<string, Pod[]>;
  private readonly versions: CowMap<string, number>;
  private readonly plans: CowMap<string, CachedPlan>;
  /** Nodes whose pods must be re-read before the next plan. */
  readonly dirty: Set<string>;
  /** Pods to check for adoption or release (label changes, new orphans). */
  readonly claimCandidates: Set<string>;
  /** Everything must be re-read (first sync). */
  full: boolean;

  /**
   * A fresh state, or a copy of `from` whose maps both share until one writes (pod lists are
   * only appended to during a full refresh, which starts from a cleared map; plans are replaced).
   */
  constructor(
    readonly uid: string,
    from?: DaemonSetState,
  ) {
    this.podsByNode = new CowMap(from?.podsByNode.share());
    this.versions = new CowMap(from?.versions.share());
    this.plans = new CowMap(from?.plans.share());
    this.dirty = new Set(from?.dirty);
    this.claimCandidates = new Set(from?.claimCandidates);
    this.full = from?.full ?? true;
  }

  /** A copy that later syncs of this one do not change (for checkpoints). */
  clone(): DaemonSetState {
    return new DaemonSetState(this.uid, this);
  }

  /** Re-reads the controlled pods of dirty nodes (or all, the first time). */
  refresh(store: Store): void {
    if (this.full) {
      this.podsByNode.clear();
      for (const pod of store.byIndex('Pod', 'controller', this.uid)) this.add(pod);
      for (const node of this.podsByNode.keys()) this.bump(node);
      this.plans.clear();
      this.full = false;
      this.dirty.clear();
      return;
    }
    for (const node of this.dirty) {
      const pods = store.byIndex('Pod', 'target', node).filter((p) => controllerRef(p)?.uid === this.uid && !(isPodTerminal(p) && p.metadata.deletionTimestamp));
      if (pods.length) this.podsByNode.set(node, pods);
      else this.podsByNode.delete(node);
      this.bump(node);
    }
    this.dirty.clear();
  }

  /** Every controlled pod (for revision clean-up). */
  *allPods(): Iterable<Pod> {
    for (const pods of this.podsByNode.values()) yield* pods;
  }

  private add(pod: Pod): void {
    if (isPodTerminal(pod) && pod.metadata.deletionTimestamp) return;
    const node = targetNodeName(pod);
    if (!node) return;
    const list = this.podsByNode.get(node);
    if (list) list.push(pod);
    else this.podsByNode.set(node, [pod]);
  }

  private bump(node: string): void {
    this.versions.set(node, (this.versions.get(node) ?? 0) + 1);
  }

  lookup(node: Node, contextKey: string): NodePlan | undefined {
    const hit = this.plans.get(node.metadata.name);
    if (!hit) return undefined;
    const version = this.versions.get(node.metadata.name) ?? 0;
    return hit.nodeRv === node.metadata.resourceVersion && hit.podsVersion === version && hit.contextKey === contextKey ? hit.plan : undefined;
  }

  store(node: Node, contextKey: string, plan: NodePlan): void {
    this.plans.set(node.metadata.name, { nodeRv: node.metadata.resourceVersion, podsVersion: this.versions.get(node.metadata.name) ?? 0, contextKey, plan });
  }
}
