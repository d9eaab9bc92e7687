/**
 * The cluster map's rows, decided from a snapshot: which DaemonSet pods sit on each node (with
 * kubectl's STATUS text and the pod's revision) and, where a DaemonSet has no pod, the
 * controller's own reason in a few words. Pure; the ClusterMap component only renders it.
 */
import { nodeShouldRunDaemonPod } from '../cluster/daemon-placement.js';
import { podReadyText, podStatusText } from '../cluster/pod-display.js';
import type { Node, Pod } from '../cluster/types.js';
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

/** The uid of the object's controlling owner, if any. */
function controllerUid(o: { metadata: { ownerReferences?: readonly { uid: string; controller?: boolean }[] } }): string | undefined {
  for (const r of o.metadata.ownerReferences ?? []) if (r.controller === true) return r.uid;
  return undefined;
}

/** Store objects are immutable, so what a row needs from one is computed once per version. */
const podCells = new WeakMap<Pod, { name: string; status: string; tone: Tone; node: string | undefined; owner: string | undefined; hash: string | undefined }>();
const nodeCells = new WeakMap<Node, Pick<MapNode, 'name' | 'role' | 'ready' | 'cordoned' | 'labels'> & { taints: string[] }>();

function podCell(pod: Pod) {
  let cell = podCells.get(pod);
  if (!cell) {
    const status = podStatusText(pod);
    cell = { name: pod.metadata.name, status, tone: podTone(status, podReadyText(pod)), node: targetNode(pod), owner: controllerUid(pod), hash: pod.metadata.labels?.['controller-revision-hash'] };
    podCells.set(pod, cell);
  }
  return cell;
}

function nodeCell(node: Node) {
  let cell = nodeCells.get(node);
  if (!cell) {
    cell = { name: node.metadata.name, role: role(node), ready: ready(node), cordoned: node.spec.unschedulable === true, labels: chosenLabels(node), taints: taintText(node) };
    nodeCells.set(node, cell);
  }
  return cell;
}

/** Builds every node row; linear in nodes + pods, and unchanged objects cost a map lookup. */
export function clusterView(snapshot: ClusterSnapshot): ClusterView {
  const byUid = new Map(snapshot.daemonSets.map((ds) => [ds.metadata.uid, ds]));
  const revisions = new Map<string, number>();
  for (const cr of snapshot.controllerRevisions) {
    const owner = controllerUid(cr);
    const hash = cr.metadata.labels?.['controller-revision-hash'];
    if (owner && hash && byUid.has(owner)) revisions.set(`${owner}/${hash}`, cr.revision);
  }
  const podsByNode = new Map<string, MapPod[]>();
  const hasPod = new Map<string, Set<string>>();
  for (const pod of snapshot.pods) {
    const cell = podCell(pod);
    if (!cell.owner || !cell.node || !byUid.has(cell.owner)) continue;
    const revision = cell.hash === undefined ? undefined : revisions.get(`${cell.owner}/${cell.hash}`);
    const entry: MapPod = { name: cell.name, status: cell.status, tone: cell.tone, ...(revision !== undefined ? { revision } : {}) };
    const list = podsByNode.get(cell.node);
    if (list) list.push(entry);
    else podsByNode.set(cell.node, [entry]);
    let nodes = hasPod.get(cell.owner);
    if (!nodes) hasPod.set(cell.owner, (nodes = new Set()));
    nodes.add(cell.node);
  }
  const nodes = snapshot.nodes.map((node): MapNode => {
    const cell = nodeCell(node);
    const absent: string[] = [];
    for (const ds of snapshot.daemonSets) {
      if (hasPod.get(ds.metadata.uid)?.has(cell.name)) continue;
      const placement = nodeShouldRunDaemonPod(node, ds);
      const why = placement.shouldRun ? 'pod not created yet' : placement.reasons.map(shortReason).join('; ');
      absent.push(`${ds.metadata.name}: ${why}`);
    }
    const reasonsNameTaints = absent.some((a) => a.includes('taint '));
    return { ...cell, taints: reasonsNameTaints ? [] : cell.taints, pods: podsByNode.get(cell.name) ?? [], absent };
  });
  return { nodes, daemonSets: snapshot.daemonSets.map((d) => d.metadata.name) };
}
