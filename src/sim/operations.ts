/**
 * What a learner (through kubectl) or a lesson script does to the cluster, expressed directly
 * on the simulator: apply a manifest, label/taint/cordon a node, break a node, add or remove
 * nodes, change an image, roll back, delete with a cascade policy. Each mirrors the request
 * kubectl would send, so the controllers see exactly what they would see on a real cluster.
 */
import type { ControllerRevision, DaemonSet, KubeObject, NewObject, Node, PodTemplateSpec, Taint, TaintEffect } from '../cluster/types.js';
import { isoSeconds } from './clock.js';
import type { SimCluster } from './cluster.js';
import { targetNodeName } from './controllers/pod-util.js';
import { StoreError } from './errors.js';
import { cloneJson } from './json.js';
import type { DeleteOptions } from './store.js';

/** Creates the object, or replaces its spec/metadata when it exists (like `kubectl apply`). */
export function applyObject<T extends KubeObject>(cluster: SimCluster, obj: NewObject<T> | T): T {
  const ns = obj.metadata.namespace ?? 'default';
  const name = obj.metadata.name ?? '';
  const existing = name ? cluster.store.get(obj.kind, ns, name) : undefined;
  if (!existing) return cluster.store.create<T>(obj);
  const merged = { ...cloneJson(obj), metadata: { ...cloneJson(existing.metadata), labels: obj.metadata.labels, annotations: obj.metadata.annotations } } as unknown as T;
  return cluster.store.update(merged);
}

/** `kubectl label node N k=v` / `k-`. */
export function labelNode(cluster: SimCluster, node: string, set: Record<string, string> = {}, remove: readonly string[] = []): Node {
  return cluster.store.mutate('Node', undefined, node, (n) => {
    const labels = { ...(n.metadata.labels ?? {}), ...set };
    for (const k of remove) delete labels[k];
    n.metadata.labels = labels;
  });
}

/** `kubectl taint node N key=value:Effect` (replaces a taint with the same key and effect). */
export function taintNode(cluster: SimCluster, node: string, taint: { key: string; value?: string; effect: TaintEffect }): Node {
  return cluster.store.mutate('Node', undefined, node, (n) => {
    const next: Taint = { key: taint.key, effect: taint.effect, ...(taint.value ? { value: taint.value } : {}) };
    if (taint.effect === 'NoExecute') next.timeAdded = isoSeconds(cluster.clock.now());
    const others = (n.spec.taints ?? []).filter((t) => !(t.key === taint.key && t.effect === taint.effect));
    n.spec.taints = [...others, next];
  });
}

/** `kubectl taint node N key[:Effect]-`. */
export function untaintNode(cluster: SimCluster, node: string, key: string, effect?: TaintEffect): Node {
  return cluster.store.mutate('Node', undefined, node, (n) => {
    const taints = (n.spec.taints ?? []).filter((t) => !(t.key === key && (effect === undefined || t.effect === effect)));
    if (taints.length) n.spec.taints = taints;
    else delete n.spec.taints;
  });
}

/** `kubectl cordon` / `uncordon`. */
export function setUnschedulable(cluster: SimCluster, node: string, unschedulable: boolean): Node {
  return cluster.store.mutate('Node', undefined, node, (n) => {
    if (unschedulable) n.spec.unschedulable = true;
    else delete n.spec.unschedulable;
  });
}

/** The node's kubelet reports Ready (True), NotReady (False) or stops reporting (Unknown). */
export function setNodeReady(cluster: SimCluster, node: string, status: 'True' | 'False' | 'Unknown'): Node {
  const now = isoSeconds(cluster.clock.now());
  const text = {
    True: { reason: 'KubeletReady', message: 'kubelet is posting ready status' },
    False: { reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized' },
    Unknown: { reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' },
  }[status];
  return cluster.store.mutate(
    'Node',
    undefined,
    node,
    (n) => {
      const others = (n.status.conditions ?? []).filter((c) => c.type !== 'Ready');
      const old = n.status.conditions?.find((c) => c.type === 'Ready');
      n.status.conditions = [
        ...others,
        { type: 'Ready', status, ...text, lastHeartbeatTime: now, lastTransitionTime: old?.status === status ? old.lastTransitionTime ?? now : now },
      ];
    },
    'status',
  );
}

/** A node joins the cluster. */
export function addNode(cluster: SimCluster, node: NewObject<Node>): Node {
  return cluster.store.create(node);
}

/** A node leaves the cluster (its Node object is deleted). */
export function removeNode(cluster: SimCluster, node: string): void {
  cluster.store.delete('Node', undefined, node);
}

/** `kubectl set image ds/NAME container=image`. */
export function setImage(cluster: SimCluster, namespace: string, daemonSet: string, container: string, image: string): DaemonSet {
  return cluster.store.mutate('DaemonSet', namespace, daemonSet, (ds) => {
    const c = ds.spec.template.spec.containers.find((x) => x.name === container);
    if (!c) throw new StoreError('BadRequest', `unable to find container named "${container}"`);
    c.image = image;
  });
}

/** Revisions owned by a DaemonSet, lowest revision first (what `rollout history` lists). */
export function revisionsOf(cluster: SimCluster, ds: DaemonSet): ControllerRevision[] {
  return cluster.store
    .byIndex('ControllerRevision', 'controller', ds.metadata.uid)
    .sort((a, b) => a.revision - b.revision);
}

/**
 * `kubectl rollout undo ds/NAME [--to-revision=N]`: put back the template stored in the
 * revision (default: the previous one). Returns what kubectl would print.
 */
export function rollback(cluster: SimCluster, namespace: string, name: string, toRevision = 0): string {
  const ds = cluster.store.mustGet('DaemonSet', namespace, name);
  const history = revisionsOf(cluster, ds);
  let target: ControllerRevision | undefined;
  if (toRevision === 0) {
    if (history.length < 2) throw new StoreError('BadRequest', 'no last revision to roll back to');
    target = history[history.length - 2];
  } else {
    target = history.find((r) => r.revision === toRevision);
    if (!target) throw new StoreError('BadRequest', `unable to find specified revision ${toRevision} in history`);
  }
  const data = (target?.data ?? {}) as { spec?: { template?: PodTemplateSpec & { $patch?: string } } };
  const template = cloneJson(data.spec?.template);
  if (!template) throw new StoreError('BadRequest', 'revision has no template');
  delete template.$patch;
  const before = cluster.store.mustGet('DaemonSet', namespace, name);
  const after = cluster.store.mutate('DaemonSet', namespace, name, (d) => {
    d.spec.template = template;
  });
  if (after.metadata.resourceVersion === before.metadata.resourceVersion) {
    return `daemonset.apps/${name} skipped rollback (current template already matches revision ${target?.revision ?? 0})`;
  }
  return `daemonset.apps/${name} rolled back`;
}

/** `kubectl delete KIND NAME [--cascade=background|foreground|orphan] [--grace-period=N]`. */
export function deleteObject(cluster: SimCluster, kind: KubeObject['kind'], namespace: string | undefined, name: string, opts: DeleteOptions = {}): void {
  cluster.store.delete(kind, namespace, name, { propagationPolicy: 'Background', ...opts });
}

/** The pod a DaemonSet runs on a node (not terminating), if any. */
export function daemonPodOn(cluster: SimCluster, ds: DaemonSet, node: string) {
  return cluster.store
    .byIndex('Pod', 'controller', ds.metadata.uid)
    .find((p) => targetNodeName(p) === node && !p.metadata.deletionTimestamp);
}
