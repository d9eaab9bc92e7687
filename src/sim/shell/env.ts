/**
 * Container environment as kubelet builds it: `$(VAR)` references in `value`, downward-API
 * `fieldRef`/`resourceFieldRef`, ConfigMap/Secret keys, and the `KUBERNETES_*` service
 * variables every pod gets. Also used to expand `$(VAR)` in command and args.
 */
import type { Container, ResourceList } from '../../cluster/types.js';

/** The pod facts a downward-API `fieldRef` can read. */
export interface PodFields {
  podName: string;
  namespace: string;
  uid: string;
  nodeName?: string;
  podIP?: string;
  hostIP?: string;
  serviceAccountName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Node allocatable, the value of `limits.*` resourceFieldRefs when the container sets no limit. */
  nodeAllocatable?: ResourceList;
}

/** Optional data sources for `configMapKeyRef`/`secretKeyRef` (by object name, then key). */
export interface EnvSources {
  configMaps?: Record<string, Record<string, string>>;
  secrets?: Record<string, Record<string, string>>;
  /** ClusterIP of the `kubernetes` Service (default 10.96.0.1). */
  kubernetesServiceIP?: string;
}

/** The resolved environment, or the `CreateContainerConfigError` kubelet reports instead of starting. */
export type EnvResult =
  | { ok: true; env: Record<string, string> }
  | { ok: false; reason: 'CreateContainerConfigError'; message: string };

/** Expand `$(NAME)` like kubelet: unknown names stay verbatim, `$$` is a literal `$`. */
export function expandKubeRefs(input: string, lookup: Readonly<Record<string, string>>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c !== '$' || i === input.length - 1) { out += c; continue; }
    const n = input[i + 1];
    if (n === '$') { out += '$'; i++; continue; }
    if (n !== '(') { out += c; continue; }
    const close = input.indexOf(')', i + 2);
    if (close < 0) { out += input.slice(i); break; }
    const name = input.slice(i + 2, close);
    const value = Object.prototype.hasOwnProperty.call(lookup, name) ? lookup[name] : undefined;
    out += value ?? input.slice(i, close + 1);
    i = close;
  }
  return out;
}

function fieldValue(path: string, pod: PodFields): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.labels : pod.annotations)?.[m[2] ?? ''] ?? '';
  switch (path) {
    case 'metadata.name': return pod.podName;
    case 'metadata.namespace': return pod.namespace;
    case 'metadata.uid': return pod.uid;
    case 'spec.nodeName': return pod.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.serviceAccountName ?? 'default';
    case 'status.hostIP': case 'status.hostIPs': return pod.hostIP ?? '';
    case 'status.podIP': case 'status.podIPs': return pod.podIP ?? '';
    default: return '';
  }
}

const SUFFIX: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/** Parse a Kubernetes quantity (`250m`, `128Mi`, `1.5`) to a number; NaN if malformed. */
export function parseQuantity(q: string): number {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim());
  const factor = SUFFIX[m?.[2] ?? 'x'];
  return m && factor !== undefined ? Number(m[1]) * factor : NaN;
}

function resourceValue(container: Container, ref: { resource: string; divisor?: string }, pod: PodFields): string {
  const [kind = '', name = ''] = ref.resource.split('.');
  const list = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const raw = list?.[name] ?? (kind === 'limits' ? pod.nodeAllocatable?.[name] : undefined);
  if (raw === undefined) return '0';
  const divisor = parseQuantity(ref.divisor ?? '1') || 1;
  return String(Math.ceil(parseQuantity(raw) / divisor));
}

/** Build a container's environment as kubelet does (order: container env, then service variables). */
export function resolveEnv(container: Container, pod: PodFields, sources: EnvSources = {}): EnvResult {
  const ip = sources.kubernetesServiceIP ?? '10.96.0.1';
  const service: Record<string, string> = {
    KUBERNETES_SERVICE_HOST: ip, KUBERNETES_SERVICE_PORT: '443', KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: `tcp://${ip}:443`, KUBERNETES_PORT_443_TCP: `tcp://${ip}:443`, KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443', KUBERNETES_PORT_443_TCP_ADDR: ip,
  };
  const env: Record<string, string> = {};
  const scope: Record<string, string> = { ...service };
  for (const e of container.env ?? []) {
    let value: string | undefined;
    const from = e.valueFrom;
    if (e.value !== undefined || !from) value = expandKubeRefs(e.value ?? '', scope);
    else if (from.fieldRef) value = fieldValue(from.fieldRef.fieldPath, pod);
    else if (from.resourceFieldRef) value = resourceValue(container, from.resourceFieldRef, pod);
    else {
      const ref = from.configMapKeyRef ?? from.secretKeyRef;
      if (!ref) continue;
      const isMap = from.configMapKeyRef !== undefined;
      const obj = (isMap ? sources.configMaps : sources.secrets)?.[ref.name];
      value = obj?.[ref.key];
      if (value === undefined) {
        if (ref.optional) continue;
        const message = obj === undefined
          ? `${isMap ? 'configmap' : 'secret'} "${ref.name}" not found`
          : `couldn't find key ${ref.key} in ${isMap ? 'ConfigMap' : 'Secret'} ${pod.namespace}/${ref.name}`;
        return { ok: false, reason: 'CreateContainerConfigError', message };
      }
    }
    env[e.name] = value;
    scope[e.name] = value;
  }
  for (const [k, v] of Object.entries(service)) if (!(k in env)) env[k] = v;
  return { ok: true, env };
}
