/**
 * The cluster map's rows, decided from a snapshot: which DaemonSet pods sit on each node (with
 * kubectl's STATUS text and the pod's revision) and, where a DaemonSet has no pod, the
 * controller's own reason in a few words. Pure; the ClusterMap component only renders it.
 */
import { nodeShouldRunDaemonPod } from '../cluster/daemon-placement.js';
import { podReadyText, podStatusText } from '../cluster/pod-display.js';
import type { DaemonSet, Node, Pod } from '../cluster/types.js';
import type { ClusterSnapshot } from '../lessons/snapshot.js';
import type { MapNode, MapPod } from '../ui/ClusterMap.js';
import type { Tone } from '../ui/theme.js';

/** Rows plus the DaemonSets they describe. */
export interface ClusterView {
  readonly nodes: readonly MapNode[];
  readonly daemonSets: readonly string[];
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';

function role(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const roles = Object.keys(labels).filter((k) => k.startsWith(ROLE_PREFIX)).map((k) => k.slice(ROLE_PREFIX.length));
  return roles.length ? roles.join(',') : 'worker';
}

function ready(node: Node): boolean {
  return node.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Labels a learner chose (not the kubernetes.io ones every node carries), at most three. */
function chosenLabels(node: Node): string[] {
  return Object.entries(node.metadata.labels ?? {})
    .filter(([k]) => !k.includes('kubernetes.io/') && !k.startsWith('kind.x-k8s.io'))
    .slice(0, 3)
    .map(([k, v]) => (v ? `${k}=${v}` : k));
}

function taintText(node: Node): string[] {
  return (node.spec.taints ?? []).map((t) => `${t.key.replace(ROLE_PREFIX, '')}${t.value ? `=${t.value}` : ''}:${t.effect}`);
}

/** The controller's reason, shortened to the part a learner acts on. */
export function shortReason(reason: string): string {
  return reason
    .replace(ROLE_PREFIX, '')
    .replace(/ not tolerated$/, '')
    .replace(/ does not match.*$/, '')
    .replace(/ — .*$/, '');
}

/** Which tone a pod's STATUS text deserves. */
export function podTone(status: string, readyText: string): Tone {
  if (status === 'Running') return readyText.split('/')[0] === readyText.split('/')[1] ? 'ok' : 'progress';
  if (/BackOff|Err|Error|Failed|Unknown|OOMKilled/.test(status)) return 'error';
  if (status === 'Completed' || status === 'Succeeded') return 'muted';
  return 'progress';
}

function targetNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    const f = term.matchFields?.find((m) => m.key === 'metadata.name');
    if (f?.values?.[0]) return f.values[0];
  }
  return undefined;
}

function ownedBy(ds: DaemonSet) {
  return (o: { metadata: { ownerReferences?: { uid: string; controller?: boolean }[] } }) =>
    o.metadata.ownerReferences?.some((r) => r.uid === ds.metadata.uid && r.controller === true) ?? false;
}

/** Builds every node row; cost is linear in nodes + pods, so a 5,000-node map stays cheap. */
export function clusterView(snapshot: ClusterSnapshot): ClusterView {
  const podsByNode = new Map<string, MapPod[]>();
  const hasPod = new Set<string>();
  for (const ds of snapshot.daemonSets) {
    const owned = ownedBy(ds);
    const revisions = new Map<string, number>();
    for (const cr of snapshot.controllerRevisions) {
      const hash = cr.metadata.labels?.['controller-revision-hash'];
      if (hash && owned(cr)) revisions.set(hash, cr.revision);
    }
    for (const pod of snapshot.pods) {
      if (!owned(pod)) continue;
      const node = targetNode(pod);
      if (!node) continue;
      const status = podStatusText(pod);
      const hash = pod.metadata.labels?.['controller-revision-hash'];
      const revision = hash === undefined ? undefined : revisions.get(hash);
      const entry: MapPod = { name: pod.metadata.name, status, tone: podTone(status, podReadyText(pod)), ...(revision !== undefined ? { revision } : {}) };
      podsByNode.set(node, [...(podsByNode.get(node) ?? []), entry]);
      hasPod.add(`${ds.metadata.uid}/${node}`);
    }
  }
  const nodes = snapshot.nodes.map((node): MapNode => {
    const absent: string[] = [];
    for (const ds of snapshot.daemonSets) {
      if (hasPod.has(`${ds.metadata.uid}/${node.metadata.name}`)) continue;
      const placement = nodeShouldRunDaemonPod(node, ds);
      const why = placement.shouldRun ? 'pod not created yet' : placement.reasons.map(shortReason).join('; ');
      absent.push(`${ds.metadata.name}: ${why}`);
    }
    const taints = taintText(node);
    const reasonsNameTaints = absent.some((a) => a.includes('taint '));
    return {
      name: node.metadata.name,
      role: role(node),
      ready: ready(node),
      cordoned: node.spec.unschedulable === true,
      taints: reasonsNameTaints ? [] : taints,
      labels: chosenLabels(node),
      pods: podsByNode.get(node.metadata.name) ?? [],
      absent,
    };
  });
  return { nodes, daemonSets: snapshot.daemonSets.map((d) => d.metadata.name) };
}
