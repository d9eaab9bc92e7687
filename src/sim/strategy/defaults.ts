/**
 * apiserver defaulting and admission as pure functions: each takes an object as written and
 * returns a new, defaulted object (the input is never touched), so what the simulator stores
 * and serves matches `kubectl get -o yaml` on a real v1.32 cluster.
 */
import type { DaemonSet, Json, Namespace, NewObject, Node, Pod, PodTemplateSpec, Toleration, Volume } from '../../cluster/types.js';
import { cloneJson, deepFreeze } from '../json.js';
import { applyPodOnlyDefaults, applyPodSpecDefaults, canonicalizeResourceList } from './defaults-pod.js';

export { prepareDaemonSetForCreate, prepareDaemonSetForUpdate, TEMPLATE_GENERATION_ANNOTATION } from './daemonset-strategy.js';

/** Priorities of the two built-in PriorityClasses (DaemonSets often use system-node-critical). */
const BUILTIN_PRIORITIES: Readonly<Record<string, number>> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Defaults of a pod template: the pod spec's, plus `metadata.creationTimestamp: null`. */
export function defaultPodTemplateSpec(template: PodTemplateSpec): PodTemplateSpec {
  const out = cloneJson(template);
  out.metadata = { ...(out.metadata ?? {}), creationTimestamp: null };
  out.spec ??= { containers: [] };
  applyPodSpecDefaults(out.spec);
  return out;
}

/** `SetDefaults_DaemonSet`: RollingUpdate 1/0 when the type is RollingUpdate or absent, history 10. */
export function defaultDaemonSet(ds: NewObject<DaemonSet>): NewObject<DaemonSet> {
  const out = cloneJson(ds);
  const strategy = { ...(out.spec.updateStrategy ?? {}) };
  if (strategy.type === undefined || String(strategy.type) === '') strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = { ...(strategy.rollingUpdate ?? {}) };
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
    strategy.rollingUpdate = ru;
  }
  out.spec.updateStrategy = strategy;
  out.spec.revisionHistoryLimit ??= 10;
  out.spec.template = defaultPodTemplateSpec(out.spec.template ?? { spec: { containers: [] } });
  return out;
}

/** Pod-creation options: the random suffix of the `kube-api-access-xxxxx` volume, if wanted. */
export interface PodDefaultOptions {
  apiAccessVolumeSuffix?: string;
}

/**
 * The kube-api-access-* volume source the ServiceAccount admission plugin adds: the same for
 * every pod, so one deeply frozen copy is shared (stored pods are frozen anyway, and each pod
 * no longer carries a dozen objects of its own).
 */
const API_ACCESS_PROJECTION: Json = deepFreeze<Json>({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
    { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
  ],
});

function apiAccessVolume(name: string): Volume {
  return { name, projected: API_ACCESS_PROJECTION };
}

/** DefaultTolerationSeconds admission: 300s for not-ready/unreachable unless already tolerated. */
function withDefaultTolerations(tolerations: readonly Toleration[]): Toleration[] {
  const out = [...tolerations];
  const covers = (key: string): boolean =>
    tolerations.some((t) => (t.key === key || (t.key ?? '') === '') && (t.effect === 'NoExecute' || (t.effect ?? '') === ''));
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'])
    if (!covers(key)) out.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  return out;
}

/** Pod defaults plus the admission plugins every cluster runs (service account, priority, tolerations). */
export function defaultPod(pod: NewObject<Pod>, opts: PodDefaultOptions = {}): NewObject<Pod> {
  return applyPodDefaults(cloneJson(pod), opts);
}

/** {@link defaultPod} in place, for a pod the caller already owns (the store's private copy). */
export function applyPodDefaults(out: NewObject<Pod>, opts: PodDefaultOptions = {}): NewObject<Pod> {
  const spec = out.spec;
  applyPodSpecDefaults(spec);
  applyPodOnlyDefaults(spec);
  const m = spec as unknown as Record<string, unknown>;
  if (spec.serviceAccountName === undefined || spec.serviceAccountName === '') spec.serviceAccountName = 'default';
  m['serviceAccount'] = spec.serviceAccountName;
  spec.priority ??= BUILTIN_PRIORITIES[spec.priorityClassName ?? ''] ?? 0;
  m['preemptionPolicy'] ??= 'PreemptLowerPriority';
  spec.tolerations = withDefaultTolerations(spec.tolerations ?? []);
  const suffix = opts.apiAccessVolumeSuffix;
  if (suffix !== undefined && m['automountServiceAccountToken'] !== false) {
    const name = `kube-api-access-${suffix}`;
    spec.volumes = [...(spec.volumes ?? []), apiAccessVolume(name)];
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
      if ((c.volumeMounts ?? []).some((vm) => vm.mountPath === SERVICE_ACCOUNT_MOUNT)) continue;
      c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT }];
    }
  }
  return out;
}

/** `SetDefaults_NodeStatus`: allocatable copies capacity when absent; quantities canonical. */
export function defaultNode(node: NewObject<Node>): NewObject<Node> {
  const out = cloneJson(node);
  out.spec ??= {};
  out.status ??= {};
  const capacity = canonicalizeResourceList(out.status.capacity);
  if (capacity) out.status.capacity = capacity;
  const allocatable = canonicalizeResourceList(out.status.allocatable) ?? (capacity ? { ...capacity } : undefined);
  if (allocatable) out.status.allocatable = allocatable;
  return out;
}

/** Namespace create (strategy + defaults): `kubernetes` finalizer, phase Active, the `kubernetes.io/metadata.name` label. */
export function defaultNamespace(ns: NewObject<Namespace>): NewObject<Namespace> {
  const out = cloneJson(ns);
  const name = out.metadata.name ?? '';
  out.metadata.labels = { ...(out.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  const finalizers = out.spec?.finalizers ?? [];
  out.spec = { ...(out.spec ?? {}), finalizers: finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'] };
  out.status = { phase: 'Active' };
  return out;
}
