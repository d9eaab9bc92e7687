/**
 * The write verbs: create (POST), replace (PUT), patch (PATCH: strategic merge, merge, JSON
 * patch) and delete (DELETE with DeleteOptions), with server-side field validation
 * (`fieldValidation=Strict|Warn|Ignore`) and the apiserver's error shapes.
 */
import type { Json, KubeObject, NewObject } from '../../cluster/types.js';
import type { SimCluster } from '../cluster.js';
import { StoreError } from '../errors.js';
import { cloneJson } from '../json.js';
import { apiVersionOf, type ResourceInfo } from '../resources.js';
import type { DeleteOptions } from '../store.js';
import { decodeObject } from './decode.js';
import { HttpError } from './http-util.js';
import { applyPatch, PatchError } from './patch/index.js';
import { findUnknownFields } from './schema/index.js';

/** What a write answers: status code, body, and any `Warning` headers. */
export interface WriteResult {
  code: number;
  body: Json | object;
  warnings: string[];
}

type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

function fieldValidation(query: URLSearchParams): FieldValidation {
  const v = query.get('fieldValidation');
  return v === 'Strict' || v === 'Ignore' ? v : 'Warn';
}

/** Splits `spec.containers[0].imagee` into path segments. */
function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Removes the fields at the given paths (what the decoder does with unknown fields). */
export function pruneFields(obj: Json, paths: readonly string[]): void {
  for (const path of paths) {
    const segs = pathSegments(path);
    let cur: Json | undefined = obj;
    for (let i = 0; i < segs.length - 1 && cur !== undefined && cur !== null && typeof cur === 'object'; i++) {
      const s = segs[i] as string | number;
      cur = Array.isArray(cur) ? cur[s as number] : (cur as { [k: string]: Json })[s as string];
    }
    const last = segs[segs.length - 1];
    if (cur && typeof cur === 'object' && !Array.isArray(cur) && typeof last === 'string') delete (cur as { [k: string]: Json })[last];
  }
}

/** Applies the request's field validation to a decoded object; Strict failures are returned. */
function validateFields(info: ResourceInfo, obj: Json, mode: FieldValidation): { unknown: string[]; warnings: string[] } {
  if (mode === 'Ignore') {
    pruneFields(obj, findUnknownFields(info.kind, obj));
    return { unknown: [], warnings: [] };
  }
  const unknown = findUnknownFields(info.kind, obj);
  if (mode === 'Strict') return { unknown, warnings: [] };
  pruneFields(obj, unknown);
  return { unknown: [], warnings: unknown.map((p) => `unknown field "${p}"`) };
}

function checkTypeMeta(info: ResourceInfo, obj: Json): { [key: string]: Json } {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new HttpError(400, 'BadRequest', `the object provided is unrecognized (must be of type ${info.kind})`);
  }
  const o = obj as { [key: string]: Json };
  const apiVersion = apiVersionOf(info.kind);
  if (o['apiVersion'] !== undefined && o['apiVersion'] !== apiVersion) {
    throw new HttpError(400, 'BadRequest', `the API version in the data (${String(o['apiVersion'])}) does not match the expected API version (${apiVersion})`);
  }
  if (o['kind'] !== undefined && o['kind'] !== info.kind) {
    throw new HttpError(400, 'BadRequest', `the kind in the data (${String(o['kind'])}) does not match the expected kind (${info.kind})`);
  }
  o['apiVersion'] = apiVersion;
  o['kind'] = info.kind;
  decodeObject(info.kind, o, info.version);
  if (!o['metadata'] || typeof o['metadata'] !== 'object' || Array.isArray(o['metadata'])) o['metadata'] = {};
  return o;
}

function checkNamespace(info: ResourceInfo, meta: { [key: string]: Json }, namespace: string | undefined): void {
  if (!info.namespaced) {
    delete meta['namespace'];
    return;
  }
  if (meta['namespace'] !== undefined && meta['namespace'] !== '' && meta['namespace'] !== namespace) {
    throw new HttpError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  }
  if (namespace) meta['namespace'] = namespace;
}

function strictDecodeError(info: ResourceInfo, unknown: readonly string[]): HttpError {
  const fields = unknown.map((p) => `unknown field "${p}"`).join(', ');
  return new HttpError(400, 'BadRequest', `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: strict decoding error: ${fields}`);
}

/** POST: create an object. */
export function createObject(cluster: SimCluster, info: ResourceInfo, namespace: string | undefined, body: Json, query: URLSearchParams): WriteResult {
  const obj = checkTypeMeta(info, body);
  checkNamespace(info, obj['metadata'] as { [key: string]: Json }, namespace);
  const { unknown, warnings } = validateFields(info, obj, fieldValidation(query));
  if (unknown.length) throw strictDecodeError(info, unknown);
  if (query.get('dryRun') === 'All') throw new HttpError(400, 'BadRequest', 'server-side dry run is not supported by the learn-daemonsets simulator; use --dry-run=client');
  const created = cluster.store.create(obj as unknown as NewObject<KubeObject>, true);
  return { code: 201, body: created, warnings };
}

/** PUT: replace an object (a stale resourceVersion is a 409 Conflict). */
export function replaceObject(cluster: SimCluster, info: ResourceInfo, namespace: string | undefined, name: string, body: Json, query: URLSearchParams, subresource?: string): WriteResult {
  const obj = checkTypeMeta(info, body);
  const meta = obj['metadata'] as { [key: string]: Json };
  checkNamespace(info, meta, namespace);
  if (meta['name'] !== undefined && meta['name'] !== name) {
    throw new HttpError(400, 'BadRequest', `the name of the object (${String(meta['name'])}) does not match the name on the URL (${name})`);
  }
  meta['name'] = name;
  const { unknown, warnings } = validateFields(info, obj, fieldValidation(query));
  if (unknown.length) throw strictDecodeError(info, unknown);
  const updated = cluster.store.update(obj as unknown as KubeObject, subresource === 'status' ? 'status' : undefined);
  return { code: 200, body: updated, warnings };
}

/** Go's %+v rendering of a decoded patch, as strict patch errors quote it. */
function goMap(value: Json): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goMap).join(' ')}]`;
  if (typeof value === 'object') {
    return `map[${Object.keys(value)
      .sort()
      .map((k) => `${k}:${goMap(value[k] as Json)}`)
      .join(' ')}]`;
  }
  return String(value);
}

/** PATCH: apply a patch of the request's content type to the stored object. */
export function patchObject(cluster: SimCluster, info: ResourceInfo, namespace: string | undefined, name: string, contentType: string, patch: Json, query: URLSearchParams, subresource?: string): WriteResult {
  const current = cluster.store.get(info.kind, info.namespaced ? namespace : undefined, name);
  if (!current) throw new StoreError('NotFound', `${info.group ? `${info.plural}.${info.group}` : info.plural} "${name}" not found`, { name, group: info.group || undefined, kind: info.plural });
  let patched: Json;
  try {
    patched = applyPatch(contentType, cloneJson(current) as unknown as Json, patch, info.kind);
  } catch (err) {
    if (err instanceof PatchError) throw new HttpError(err.code, err.reason, err.message);
    throw err;
  }
  const obj = checkTypeMeta(info, patched);
  const mode = fieldValidation(query);
  const unknown = findUnknownFields(info.kind, obj);
  if (unknown.length && mode === 'Strict') {
    const detail = `Invalid value: "${goMap(patch)}": strict decoding error: ${unknown.map((p) => `unknown field "${p}"`).join(', ')}`;
    throw new HttpError(422, 'Invalid', ` "" is invalid: patch: ${detail}`, { causes: [{ reason: 'FieldValueInvalid', message: detail, field: 'patch' }] });
  }
  pruneFields(obj, unknown);
  const meta = obj['metadata'] as { [key: string]: Json };
  // The patch handler's checkName: a patch may not rename (or un-name) the object.
  if (meta['name'] !== name) throw new HttpError(400, 'BadRequest', `the name of the object (${String(meta['name'] ?? '')}) does not match the name on the URL (${name})`);
  if (info.namespaced && namespace && meta['namespace'] !== namespace) {
    throw new HttpError(400, 'BadRequest', `the namespace of the object (${String(meta['namespace'] ?? '')}) does not match the namespace on the URL (${namespace})`);
  }
  const updated = cluster.store.update(obj as unknown as KubeObject, subresource === 'status' ? 'status' : undefined);
  return { code: 200, body: updated, warnings: mode === 'Warn' ? unknown.map((p) => `unknown field "${p}"`) : [] };
}

/** DeleteOptions from the JSON body and query (a protobuf body is ignored, as kubectl drain may send one). */
export function deleteOptions(body: Buffer, contentType: string | undefined, query: URLSearchParams): DeleteOptions {
  const opts: DeleteOptions = {};
  if (body.length > 0 && !(contentType ?? '').includes('protobuf')) {
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { gracePeriodSeconds?: number; propagationPolicy?: string; orphanDependents?: boolean; preconditions?: { uid?: string; resourceVersion?: string } };
      if (typeof parsed.gracePeriodSeconds === 'number') opts.gracePeriodSeconds = parsed.gracePeriodSeconds;
      if (parsed.propagationPolicy === 'Background' || parsed.propagationPolicy === 'Foreground' || parsed.propagationPolicy === 'Orphan') opts.propagationPolicy = parsed.propagationPolicy;
      if (parsed.orphanDependents === true) opts.propagationPolicy = 'Orphan';
      if (parsed.preconditions) opts.preconditions = parsed.preconditions;
    } catch {
      throw new HttpError(400, 'BadRequest', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
    }
  }
  const grace = query.get('gracePeriodSeconds');
  if (grace !== null && /^-?\d+$/.test(grace)) opts.gracePeriodSeconds = Number(grace);
  const policy = query.get('propagationPolicy');
  if (policy === 'Background' || policy === 'Foreground' || policy === 'Orphan') opts.propagationPolicy = policy;
  return opts;
}

/** DELETE: pods answer with the (terminating) pod, other kinds with a Success Status once gone. */
export function deleteObject(cluster: SimCluster, info: ResourceInfo, namespace: string | undefined, name: string, opts: DeleteOptions): WriteResult {
  const { object, removed } = cluster.store.delete(info.kind, info.namespaced ? namespace : undefined, name, opts);
  if (!removed || info.kind === 'Pod') return { code: 200, body: object, warnings: [] };
  const details: { [key: string]: Json } = { name, kind: info.plural, uid: object.metadata.uid };
  if (info.group) details['group'] = info.group;
  return { code: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details }, warnings: [] };
}
