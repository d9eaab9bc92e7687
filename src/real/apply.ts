/**
 * kubectl's client-side apply through the REST API, and the request context every real
 * action shares: create when absent, otherwise a merge patch of the manifest that also nulls
 * what the previous apply (the last-applied annotation) set and this one dropped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { ActionOptions } from '../cluster/backend.js';
import { httpStatus } from './errors.js';
import { isKnownKind, RESOURCES, resourcePath, type KnownKind } from './resources.js';
import type { RestRequest } from './rest.js';

/** A request plus what it was for, so a refusal can name the verb and resource. */
export type Send = <T>(verb: string, kind: KnownKind, namespace: string | undefined, req: RestRequest) => Promise<T>;

/** The annotation kubectl apply keeps, so a later `kubectl apply` by the learner merges correctly. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A manifest or object as plain JSON. */
export type Obj = Record<string, unknown>;
/** The metadata fields the actions read. */
export interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  deletionTimestamp?: string;
  ownerReferences?: { uid: string }[];
}

/** Kinds without a namespace. */
export const CLUSTER_SCOPED = new Set(['Node', 'Namespace']);

/** Manifests from a lesson file or inline, namespace defaulted like kubectl (to `namespace`). */
export function readManifests(lessonDir: string, p: { file?: string | undefined; manifest?: Obj | undefined }, namespace = 'default'): Obj[] {
  const docs = p.file !== undefined ? yaml.loadAll(readFileSync(path.resolve(lessonDir, p.file), 'utf8')) : [p.manifest];
  return docs
    .filter((d): d is Obj => typeof d === 'object' && d !== null)
    .map((d) => {
      const meta = { ...((d['metadata'] as Obj | undefined) ?? {}) };
      if (!CLUSTER_SCOPED.has(String(d['kind'])) && meta['namespace'] === undefined) meta['namespace'] = namespace;
      return { ...d, metadata: meta };
    });
}

/** Whether a value is a JSON object (not an array). */
export function isMap(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The merge patch kubectl's client-side apply amounts to for our manifests: the new manifest,
 * plus `null` for every key the previous apply set and this one no longer has.
 */
export function applyPatch(previous: unknown, next: Obj): Obj {
  const out: Obj = { ...next };
  if (!isMap(previous)) return out;
  for (const [k, old] of Object.entries(previous)) {
    const now = next[k];
    if (now === undefined) out[k] = null;
    else if (isMap(old) && isMap(now)) out[k] = applyPatch(old, now);
  }
  return out;
}

/** Content types of the two patch flavours the actions send. */
export const MERGE = 'application/merge-patch+json';
export const STRATEGIC = 'application/strategic-merge-patch+json';

/** What running an action needs: the request function, the lesson folder, the audit callback. */
export interface RealActionContext extends ActionOptions {
  readonly send: Send;
}

/** The HTTP status behind an error, looking through a RealClusterError to its cause. */
export function statusOf(err: unknown): number | undefined {
  return httpStatus(err) ?? (typeof err === 'object' && err !== null ? httpStatus((err as { cause?: unknown }).cause) : undefined);
}

/** GET an object, or undefined when it does not exist. */
export async function getOrUndefined<T>(ctx: RealActionContext, kind: KnownKind, namespace: string | undefined, name: string): Promise<T | undefined> {
  try {
    return await ctx.send<T>('get', kind, namespace, { method: 'GET', path: resourcePath(RESOURCES[kind], namespace, name) });
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/** `kubectl apply` of one object: create it, or merge-patch it against the last applied version. */
export async function applyObject(ctx: RealActionContext, obj: Obj): Promise<void> {
  const kind = obj['kind'];
  if (!isKnownKind(kind)) throw new Error(`cannot apply a ${String(kind)}: the tutorial only manages ${Object.keys(RESOURCES).join(', ')}`);
  const meta = (obj['metadata'] ?? {}) as Meta;
  const info = RESOURCES[kind];
  const namespace = info.namespaced ? (meta.namespace ?? 'default') : undefined;
  const { [LAST_APPLIED]: _drop, ...annotations } = meta.annotations ?? {};
  const desired: Obj = { ...obj, metadata: { ...meta, annotations } };
  const applied = JSON.stringify(desired);
  const withAnnotation: Obj = { ...desired, metadata: { ...meta, annotations: { ...annotations, [LAST_APPLIED]: applied } } };
  const live = await getOrUndefined<{ metadata: Meta }>(ctx, kind, namespace, meta.name);
  if (!live) {
    await ctx.send('create', kind, namespace, { method: 'POST', path: resourcePath(info, namespace), body: withAnnotation });
    return;
  }
  let previous: unknown;
  try {
    previous = JSON.parse(live.metadata.annotations?.[LAST_APPLIED] ?? 'null');
  } catch {
    previous = undefined;
  }
  await ctx.send('patch', kind, namespace, { method: 'PATCH', path: resourcePath(info, namespace, meta.name), body: applyPatch(previous, withAnnotation), contentType: MERGE });
}
