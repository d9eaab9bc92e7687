/**
 * Small builders for the DaemonSet planner table tests: objects carry only the fields the
 * planners read, and a tiny harness that applies a plan the way Kubernetes' unit-test fake
 * pod control does (creates and deletes are observed at once).
 */
import { nodeShouldRunDaemonPod } from '../../../src/cluster/daemon-placement.js';
import type { DaemonSet, DaemonSetUpdateStrategy, Node, Pod, PodPhase, Taint, Toleration } from '../../../src/cluster/types.js';
import { REVISION_HASH_LABEL, TEMPLATE_GENERATION_ANNOTATION, TEMPLATE_GENERATION_LABEL } from '../../../src/sim/controllers/daemonset/history.js';
import { planDaemonSet, type DaemonSetPlan } from '../../../src/sim/controllers/daemonset/plan.js';
import { targetNodeName } from '../../../src/sim/controllers/pod-util.js';

/** Epoch ms used as "now" unless a test says otherwise. */
export const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

/** Seconds after T0 as epoch ms. */
export function at(seconds: number): number {
  return T0 + seconds * 1000;
}

/** Seconds after T0 as an RFC 3339 timestamp. */
export function iso(seconds: number): string {
  return new Date(at(seconds)).toISOString().replace('.000Z', 'Z');
}

export function node(name: string, taints?: Taint[]): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: iso(0), labels: { 'kubernetes.io/hostname': name } },
    spec: taints ? { taints } : {},
    status: {},
  };
}

/** node-0 … node-(n-1). */
export function nodes(n: number): Node[] {
  return Array.from({ length: n }, (_, i) => node(`node-${i}`));
}

export interface DsOpts {
  maxUnavailable?: number | string;
  maxSurge?: number | string;
  strategy?: DaemonSetUpdateStrategy;
  minReadySeconds?: number;
  generation?: number;
  templateGeneration?: string;
  image?: string;
  tolerations?: Toleration[];
  revisionHistoryLimit?: number;
  collisionCount?: number;
}

/** A DaemonSet "foo" in default; RollingUpdate with maxUnavailable 1 unless told. */
export function daemonSet(opts: DsOpts = {}): DaemonSet {
  const rollingUpdate: { maxUnavailable?: number | string; maxSurge?: number | string } = {};
  rollingUpdate.maxUnavailable = opts.maxUnavailable ?? (opts.maxSurge !== undefined ? 0 : 1);
  if (opts.maxSurge !== undefined) rollingUpdate.maxSurge = opts.maxSurge;
  const annotations = opts.templateGeneration !== undefined ? { [TEMPLATE_GENERATION_ANNOTATION]: opts.templateGeneration } : undefined;
  const ds: DaemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'foo', namespace: 'default', uid: 'ds-uid', resourceVersion: '1', creationTimestamp: iso(0), ...(annotations ? { annotations } : {}) },
    spec: {
      selector: { matchLabels: { app: 'foo' } },
      template: {
        metadata: { labels: { app: 'foo' } },
        spec: { containers: [{ name: 'foo', image: opts.image ?? 'foo/bar' }], ...(opts.tolerations ? { tolerations: opts.tolerations } : {}) },
      },
      updateStrategy: opts.strategy ?? { type: 'RollingUpdate', rollingUpdate },
      ...(opts.minReadySeconds !== undefined ? { minReadySeconds: opts.minReadySeconds } : {}),
      ...(opts.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: opts.revisionHistoryLimit } : {}),
    },
  };
  if (opts.generation !== undefined) ds.metadata.generation = opts.generation;
  if (opts.collisionCount !== undefined) ds.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0, collisionCount: opts.collisionCount };
  return ds;
}

export interface PodOpts {
  hash?: string;
  /** pod-template-generation label. */
  gen?: string;
  /** Ready=True since this many seconds after T0; undefined = not ready. */
  readyAt?: number;
  phase?: PodPhase;
  /** creationTimestamp, seconds after T0. */
  created?: number;
  deleting?: boolean;
  /** false: pinned by node affinity only (not yet bound). */
  scheduled?: boolean;
}

/** A daemon pod for `nodeName`; hash label "old" unless told. */
export function pod(name: string, nodeName: string, opts: PodOpts = {}): Pod {
  const labels: Record<string, string> = { app: 'foo' };
  if (opts.hash !== '') labels[REVISION_HASH_LABEL] = opts.hash ?? 'old';
  if (opts.gen !== undefined) labels[TEMPLATE_GENERATION_LABEL] = opts.gen;
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: iso(opts.created ?? 0), labels },
    spec: {
      containers: [{ name: 'foo', image: 'foo/bar' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } },
      ...(opts.scheduled === false ? {} : { nodeName }),
    },
    status: { phase: opts.phase ?? 'Running' },
  };
  if (opts.readyAt !== undefined) p.status.conditions = [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: iso(opts.readyAt) }];
  if (opts.deleting) p.metadata.deletionTimestamp = iso(0);
  return p;
}

/** Returns a copy of the pod with Ready set as of `seconds` after T0. */
export function withReady(p: Pod, ready: boolean, seconds: number): Pod {
  const conditions = (p.status.conditions ?? []).filter((c) => c.type !== 'Ready');
  conditions.push({ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: iso(seconds) });
  return { ...p, status: { ...p.status, conditions } };
}

export interface PlanOpts {
  hash?: string;
  nowMs?: number;
  backoffUntil?: Record<string, number>;
}

/** planDaemonSet with placement from nodeShouldRunDaemonPod and pods grouped by target node. */
export function plan(ds: DaemonSet, nodeList: readonly Node[], pods: readonly Pod[], opts: PlanOpts = {}): DaemonSetPlan {
  const podsByNode = new Map<string, Pod[]>();
  for (const p of pods) {
    const n = targetNodeName(p);
    if (n === undefined) continue;
    podsByNode.set(n, [...(podsByNode.get(n) ?? []), p]);
  }
  return planDaemonSet({
    ds,
    hash: opts.hash ?? 'new',
    nodes: nodeList,
    podsByNode,
    placement: (n) => nodeShouldRunDaemonPod(n, ds),
    failedBackoffUntil: (n) => opts.backoffUntil?.[n],
    nowMs: opts.nowMs ?? at(1000),
  });
}

/**
 * Repeated syncs over a mutable pod list, applying each plan like the Kubernetes unit tests'
 * fake pod control: deleted pods vanish, created pods appear (current hash, not ready).
 */
export class Harness {
  pods: Pod[];
  private serial = 0;

  constructor(
    public ds: DaemonSet,
    public nodeList: Node[],
    pods: Pod[],
    public hash = 'new',
  ) {
    this.pods = pods;
  }

  /** One sync at `seconds` after T0: the number of creates and deletes, as expectSyncDaemonSets counts them. */
  sync(seconds: number): [creates: number, deletes: number] {
    const result = plan(this.ds, this.nodeList, this.pods, { hash: this.hash, nowMs: at(seconds) });
    const gone = new Set(result.deletePods);
    this.pods = this.pods.filter((p) => !gone.has(p.metadata.name));
    for (const n of result.createOn) this.pods.push(pod(`${n}-${++this.serial}`, n, { hash: this.hash, created: seconds }));
    return [result.createOn.length, result.deletePods.length];
  }

  /** markPodsReady / setPodReadiness: flip up to `count` (default all) matching pods to `ready` at `seconds`. */
  setReady(ready: boolean, seconds: number, match: (p: Pod) => boolean = () => true, count = Infinity): void {
    let left = count;
    this.pods = this.pods.map((p) => {
      const isReady = p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
      if (left <= 0 || isReady === ready || !match(p)) return p;
      left--;
      return withReady(p, ready, seconds);
    });
  }

  hashOn(nodeName: string): string[] {
    return this.pods.filter((p) => targetNodeName(p) === nodeName).map((p) => p.metadata.labels?.[REVISION_HASH_LABEL] ?? '');
  }
}
