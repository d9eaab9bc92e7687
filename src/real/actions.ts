/**
 * Lesson actions (the names and params of src/lessons/actions/) carried out through the
 * Kubernetes API, as kubectl would: apply as in apply.ts, set image and rollout undo as
 * strategic merge patches, taints and cordons as node patches. Pure HTTP over a RestClient.
 */
import { z } from 'zod';
import type { BackendAction, CommandRecord } from '../cluster/backend.js';
import { applyObject, CLUSTER_SCOPED, isMap, MERGE, readManifests, statusOf, STRATEGIC, type Meta, type Obj, type RealActionContext } from './apply.js';
import { RESOURCES, resourcePath } from './resources.js';

interface Taint {
  key: string;
  value?: string;
  effect: string;
}
interface NodeObj {
  metadata: Meta;
  spec?: { taints?: Taint[]; unschedulable?: boolean };
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string; lastTransitionTime?: string }[] };
}
interface ListOf<T> {
  items: T[];
}

const effect = z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
const taint = z.strictObject({ key: z.string().min(1), value: z.string().optional(), effect });
const ns = z.string().min(1).default('default');

const SCHEMAS = {
  applyManifest: z.strictObject({ file: z.string().min(1).optional(), manifest: z.record(z.string(), z.unknown()).optional() }),
  annotate: z.strictObject({
    kind: z.enum(['DaemonSet', 'ControllerRevision', 'Pod', 'Node']),
    name: z.string().min(1),
    namespace: ns,
    set: z.record(z.string(), z.string()).optional(),
    remove: z.array(z.string()).optional(),
  }),
  labelNode: z.strictObject({ node: z.string().min(1), set: z.record(z.string(), z.string()).optional(), remove: z.array(z.string()).optional() }),
  taintNode: z.strictObject({ node: z.string().min(1), ...taint.shape }),
  untaintNode: z.strictObject({ node: z.string().min(1), key: z.string().min(1), effect: effect.optional() }),
  cordonNode: z.strictObject({ node: z.string().min(1), uncordon: z.boolean().default(false) }),
  deleteObject: z.strictObject({
    kind: z.enum(['DaemonSet', 'Pod', 'Node', 'ControllerRevision']),
    name: z.string().min(1),
    namespace: ns,
    cascade: z.enum(['background', 'foreground', 'orphan']).default('background'),
  }),
  deleteDaemonPod: z.strictObject({ daemonSet: z.string().min(1), node: z.string().min(1), namespace: ns }),
  setImage: z.strictObject({ daemonSet: z.string().min(1), namespace: ns, container: z.string().min(1), image: z.string().min(1) }),
  rolloutUndo: z.strictObject({ daemonSet: z.string().min(1), namespace: ns, toRevision: z.number().int().nonnegative().default(0) }),
  addNode: z.strictObject({ name: z.string().min(1), role: z.enum(['control-plane', 'worker']).default('worker'), labels: z.record(z.string(), z.string()).optional(), taints: z.array(taint).optional() }),
  removeNode: z.strictObject({ name: z.string().min(1) }),
  setNodeReady: z.strictObject({ node: z.string().min(1), status: z.enum(['Ready', 'NotReady', 'Unknown']) }),
  fillNode: z.strictObject({ node: z.string().min(1), cpu: z.string().min(1).optional(), memory: z.string().min(1).optional() }),
  breakImage: z.strictObject({ image: z.string().min(1), pull: z.enum(['not-found', 'denied']).default('not-found') }),
  advanceTime: z.strictObject({ seconds: z.number().positive() }),
};

/** The action names this module can run through the API. */
export type RealActionName = keyof typeof SCHEMAS;

/** Every action name the real backend runs (a test keeps it in step with the lesson action registry). */
export const REAL_ACTION_NAMES: readonly string[] = Object.keys(SCHEMAS);

/** kubectl's node taint edit: replace a taint with the same key and effect, or add it. */
export function withTaint(taints: readonly Taint[], t: Taint): Taint[] {
  return [...taints.filter((x) => !(x.key === t.key && x.effect === t.effect)), t];
}

/** Parsed params for a named action, or a sentence saying what is wrong with them. */
function parseParams<N extends RealActionName>(name: N, raw: unknown): z.output<(typeof SCHEMAS)[N]> {
  const parsed = SCHEMAS[name].safeParse(raw ?? {});
  if (!parsed.success) throw new Error(`action ${name}: ${parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'params'}: ${i.message}`).join('; ')}`);
  return parsed.data as z.output<(typeof SCHEMAS)[N]>;
}

function isRealAction(name: string): name is RealActionName {
  return Object.hasOwn(SCHEMAS, name);
}

async function patchNode(ctx: RealActionContext, name: string, body: Obj, subresource?: string): Promise<void> {
  await ctx.send('patch', 'Node', undefined, { method: 'PATCH', path: resourcePath(RESOURCES.Node, undefined, name, subresource), body, contentType: MERGE });
}

async function getNode(ctx: RealActionContext, name: string): Promise<NodeObj> {
  return ctx.send<NodeObj>('get', 'Node', undefined, { method: 'GET', path: resourcePath(RESOURCES.Node, undefined, name) });
}

/** Rewrites a node's taints with the node's resourceVersion as a precondition (retrying a conflict). */
async function editTaints(ctx: RealActionContext, name: string, edit: (t: readonly Taint[]) => Taint[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const node = await getNode(ctx, name);
    try {
      await patchNode(ctx, name, { metadata: { resourceVersion: node.metadata.resourceVersion }, spec: { taints: edit(node.spec?.taints ?? []) } });
      return;
    } catch (err) {
      if (statusOf(err) !== 409 || attempt >= 3) throw err;
    }
  }
}

async function daemonSet(ctx: RealActionContext, namespace: string, name: string): Promise<{ metadata: Meta }> {
  return ctx.send<{ metadata: Meta }>('get', 'DaemonSet', namespace, { method: 'GET', path: resourcePath(RESOURCES.DaemonSet, namespace, name) });
}

/** `kubectl rollout undo ds/NAME [--to-revision=N]`: patch the template back from a ControllerRevision. */
async function rolloutUndo(ctx: RealActionContext, p: { daemonSet: string; namespace: string; toRevision: number }): Promise<void> {
  const ds = await daemonSet(ctx, p.namespace, p.daemonSet);
  const list = await ctx.send<ListOf<{ metadata: Meta; revision: number; data?: unknown }>>('list', 'ControllerRevision', p.namespace, {
    method: 'GET',
    path: resourcePath(RESOURCES.ControllerRevision, p.namespace),
  });
  const owned = list.items.filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === ds.metadata.uid)).sort((a, b) => a.revision - b.revision);
  const target = p.toRevision === 0 ? owned[owned.length - 2] : owned.find((r) => r.revision === p.toRevision);
  if (!target || !isMap(target.data)) {
    throw new Error(p.toRevision === 0 ? `daemonset ${p.daemonSet} has no previous revision to roll back to` : `daemonset ${p.daemonSet} has no revision ${p.toRevision}`);
  }
  await ctx.send('patch', 'DaemonSet', p.namespace, { method: 'PATCH', path: resourcePath(RESOURCES.DaemonSet, p.namespace, p.daemonSet), body: target.data, contentType: STRATEGIC });
}

/** A node object like a freshly joined kind worker's (only a simulator behind the API accepts it as a machine). */
function newNode(p: { name: string; role: 'control-plane' | 'worker'; labels?: Record<string, string> | undefined; taints?: Taint[] | undefined }, now: string): Obj {
  const cp = p.role === 'control-plane';
  const capacity = { cpu: '8', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: p.name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': p.name,
        'kubernetes.io/os': 'linux',
        ...(cp ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
        ...(p.labels ?? {}),
      },
    },
    spec: { taints: p.taints ?? (cp ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : []) },
    status: {
      capacity,
      allocatable: capacity,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
      nodeInfo: { kubeletVersion: 'v1.32.0', containerRuntimeVersion: 'containerd://1.7.18', operatingSystem: 'linux', architecture: 'amd64' },
    },
  };
}

/** Runs one lesson action through the API; unknown names and bad params are errors. */
export async function runRealAction(ctx: RealActionContext, action: BackendAction, now: () => number): Promise<void> {
  const { name } = action;
  if (!isRealAction(name)) throw new Error(`unknown action "${name}"`);
  const record = (c: CommandRecord) => ctx.record?.(c);
  switch (name) {
    case 'applyManifest': {
      const p = parseParams(name, action.params);
      for (const obj of readManifests(ctx.lessonDir, p)) await applyObject(ctx, obj);
      return record({ command: 'kubectl apply', verb: 'patch' });
    }
    case 'annotate': {
      const p = parseParams(name, action.params);
      const annotations: Record<string, string | null> = { ...(p.set ?? {}) };
      for (const k of p.remove ?? []) annotations[k] = null;
      const namespace = CLUSTER_SCOPED.has(p.kind) ? undefined : p.namespace;
      await ctx.send('patch', p.kind, namespace, { method: 'PATCH', path: resourcePath(RESOURCES[p.kind], namespace, p.name), body: { metadata: { annotations } }, contentType: MERGE });
      return record({ command: 'kubectl annotate', verb: 'patch', resource: `${p.kind.toLowerCase()}s`, name: p.name });
    }
    case 'labelNode': {
      const p = parseParams(name, action.params);
      const labels: Record<string, string | null> = { ...(p.set ?? {}) };
      for (const k of p.remove ?? []) labels[k] = null;
      await patchNode(ctx, p.node, { metadata: { labels } });
      return record({ command: 'kubectl label', verb: 'patch', resource: 'nodes', name: p.node });
    }
    case 'taintNode': {
      const p = parseParams(name, action.params);
      await editTaints(ctx, p.node, (ts) => withTaint(ts, { key: p.key, effect: p.effect, ...(p.value !== undefined ? { value: p.value } : {}) }));
      return record({ command: 'kubectl taint', verb: 'patch', resource: 'nodes', name: p.node });
    }
    case 'untaintNode': {
      const p = parseParams(name, action.params);
      await editTaints(ctx, p.node, (ts) => ts.filter((t) => !(t.key === p.key && (p.effect === undefined || t.effect === p.effect))));
      return record({ command: 'kubectl taint', verb: 'patch', resource: 'nodes', name: p.node });
    }
    case 'cordonNode': {
      const p = parseParams(name, action.params);
      await patchNode(ctx, p.node, { spec: { unschedulable: p.uncordon ? null : true } });
      return record({ command: p.uncordon ? 'kubectl uncordon' : 'kubectl cordon', verb: 'patch', resource: 'nodes', name: p.node });
    }
    case 'deleteObject': {
      const p = parseParams(name, action.params);
      const policy = ({ background: 'Background', foreground: 'Foreground', orphan: 'Orphan' } as const)[p.cascade];
      const namespace = CLUSTER_SCOPED.has(p.kind) ? undefined : p.namespace;
      await ctx.send('delete', p.kind, namespace, {
        method: 'DELETE',
        path: resourcePath(RESOURCES[p.kind], namespace, p.name),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: policy },
      });
      return record({ command: 'kubectl delete', verb: 'delete', resource: `${p.kind.toLowerCase()}s`, name: p.name });
    }
    case 'deleteDaemonPod': {
      const p = parseParams(name, action.params);
      const ds = await daemonSet(ctx, p.namespace, p.daemonSet);
      const pods = await ctx.send<ListOf<{ metadata: Meta; spec?: { nodeName?: string } }>>('list', 'Pod', p.namespace, { method: 'GET', path: resourcePath(RESOURCES.Pod, p.namespace) });
      const pod = pods.items.find((x) => x.spec?.nodeName === p.node && x.metadata.deletionTimestamp === undefined && x.metadata.ownerReferences?.some((o) => o.uid === ds.metadata.uid));
      if (!pod) throw new Error(`daemonset ${p.daemonSet} has no running pod on ${p.node}`);
      await ctx.send('delete', 'Pod', p.namespace, { method: 'DELETE', path: resourcePath(RESOURCES.Pod, p.namespace, pod.metadata.name), body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
      return record({ command: 'kubectl delete', verb: 'delete', resource: 'pods' });
    }
    case 'setImage': {
      const p = parseParams(name, action.params);
      await ctx.send('patch', 'DaemonSet', p.namespace, {
        method: 'PATCH',
        path: resourcePath(RESOURCES.DaemonSet, p.namespace, p.daemonSet),
        body: { spec: { template: { spec: { containers: [{ name: p.container, image: p.image }] } } } },
        contentType: STRATEGIC,
      });
      return record({ command: 'kubectl set image', verb: 'patch', resource: 'daemonsets', name: p.daemonSet });
    }
    case 'rolloutUndo': {
      const p = parseParams(name, action.params);
      await rolloutUndo(ctx, p);
      return record({ command: 'kubectl rollout undo', verb: 'patch', resource: 'daemonsets', name: p.daemonSet });
    }
    case 'addNode': {
      const p = parseParams(name, action.params);
      await ctx.send('create', 'Node', undefined, { method: 'POST', path: resourcePath(RESOURCES.Node), body: newNode(p, new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z')) });
      return;
    }
    case 'removeNode': {
      const p = parseParams(name, action.params);
      await ctx.send('delete', 'Node', undefined, { method: 'DELETE', path: resourcePath(RESOURCES.Node, undefined, p.name) });
      return record({ command: 'kubectl delete', verb: 'delete', resource: 'nodes', name: p.name });
    }
    case 'setNodeReady': {
      const p = parseParams(name, action.params);
      const node = await getNode(ctx, p.node);
      const status = ({ Ready: 'True', NotReady: 'False', Unknown: 'Unknown' } as const)[p.status];
      const at = new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const conditions = (node.status?.conditions ?? []).map((c) =>
        c.type === 'Ready' ? { ...c, status, reason: status === 'True' ? 'KubeletReady' : 'KubeletNotReady', lastTransitionTime: c.status === status ? c.lastTransitionTime : at } : c,
      );
      await patchNode(ctx, p.node, { status: { conditions } }, 'status');
      return;
    }
    case 'fillNode': {
      const p = parseParams(name, action.params);
      const requests: Record<string, string> = {};
      if (p.cpu !== undefined) requests['cpu'] = p.cpu;
      if (p.memory !== undefined) requests['memory'] = p.memory;
      await applyObject(ctx, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `filler-${p.node}`, namespace: 'kube-system', labels: { app: 'filler' } },
        spec: { nodeName: p.node, containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.9', resources: { requests, limits: requests } }] },
      });
      return;
    }
    case 'breakImage':
      // A real registry has no such tag already (the lessons break images with tags that do
      // not exist, e.g. busybox:1.99); nothing to change.
      parseParams(name, action.params);
      return;
    case 'advanceTime':
      // Real time passes on its own; the lesson waits for the cluster, not for a clock.
      parseParams(name, action.params);
      return;
  }
}
