/**
 * Pod spec defaulting (k8s.io/api core/v1 `SetDefaults_*`): the fields a learner never wrote
 * but `kubectl get -o yaml` shows, and that make two applies of one manifest compare equal.
 * Functions mutate the fresh copy they are given; callers clone first.
 */
import type { Container, PodSpec, Probe, ResourceList, Volume } from '../../cluster/types.js';
import { canonicalQuantityOrSelf } from './quantity-port.js';

type Mutable = Record<string, unknown>;

function isObject(v: unknown): v is Mutable {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `cpu: 0.5` → `500m`, `memory: 1.5Gi` → `1536Mi`; unparseable text is left for validation. */
export function canonicalizeResourceList(list: ResourceList | undefined): ResourceList | undefined {
  if (list === undefined || list === null) return list;
  const out: ResourceList = {};
  for (const [name, value] of Object.entries(list)) out[name] = canonicalQuantityOrSelf(String(value));
  return out;
}

/** kubelet's `ParseImageName` tag: `latest` when neither tag nor digest is given. */
function imageTag(image: string): string {
  if (image === '') return '';
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : '';
  if (tag !== '') return tag;
  return at >= 0 ? '' : 'latest';
}

function defaultProbe(probe: Probe | undefined): void {
  if (!isObject(probe)) return;
  const p = probe as Mutable;
  p['timeoutSeconds'] ??= 1;
  p['periodSeconds'] ??= 10;
  p['successThreshold'] ??= 1;
  p['failureThreshold'] ??= 3;
  const http = p['httpGet'];
  if (isObject(http)) {
    if (http['path'] === undefined || http['path'] === '') http['path'] = '/';
    http['scheme'] ??= 'HTTP';
  }
}

function defaultContainer(c: Container): void {
  const m = c as unknown as Mutable;
  if (c.imagePullPolicy === undefined || String(c.imagePullPolicy) === '')
    c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  m['terminationMessagePath'] ??= '/dev/termination-log';
  m['terminationMessagePolicy'] ??= 'File';
  const res = c.resources ?? {};
  const limits = canonicalizeResourceList(res.limits);
  const requests = canonicalizeResourceList(res.requests);
  c.resources = { ...res, ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) };
  for (const port of c.ports ?? []) port.protocol ??= 'TCP';
  for (const ev of c.env ?? []) {
    const ref = ev.valueFrom?.fieldRef;
    if (ref) ref.apiVersion ??= 'v1';
  }
  defaultProbe(c.readinessProbe);
  defaultProbe(m['livenessProbe'] as Probe | undefined);
  defaultProbe(m['startupProbe'] as Probe | undefined);
}

function defaultVolume(vol: Volume): void {
  const hostPath = vol.hostPath;
  if (hostPath) hostPath.type ??= '';
  for (const key of ['configMap', 'secret', 'downwardAPI', 'projected']) {
    const source = vol[key];
    if (isObject(source)) source['defaultMode'] ??= 420;
  }
}

/** `SetDefaults_PodSpec` + containers + volumes, applied in place to a copy. */
export function applyPodSpecDefaults(spec: PodSpec): void {
  if (spec.dnsPolicy === undefined || spec.dnsPolicy === '') spec.dnsPolicy = 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  const m = spec as unknown as Mutable;
  if (!isObject(m['securityContext'])) m['securityContext'] = {};
  spec.terminationGracePeriodSeconds ??= 30;
  if (spec.schedulerName === undefined || spec.schedulerName === '') spec.schedulerName = 'default-scheduler';
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** `SetDefaults_Pod` extras: requests default to limits, host-network ports, service links. */
export function applyPodOnlyDefaults(spec: PodSpec): void {
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (limits === undefined) continue;
    const requests: ResourceList = { ...(c.resources?.requests ?? {}) };
    for (const [name, value] of Object.entries(limits)) if (!(name in requests)) requests[name] = value;
    c.resources = { ...c.resources, requests };
  }
  if (spec.hostNetwork === true)
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) for (const port of c.ports ?? []) if (!port.hostPort) port.hostPort = port.containerPort;
  const m = spec as unknown as Mutable;
  m['enableServiceLinks'] ??= true;
}
