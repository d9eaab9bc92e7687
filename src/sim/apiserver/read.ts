/**
 * GET for collections and objects: label and field selectors, JSON lists in etcd key order,
 * and server-side Tables when kubectl asks for them (the columns `kubectl get` prints).
 */
import { matchesParsedSelector, parseSelector } from '../../cluster/labels.js';
import type { ParsedSelector } from '../../cluster/selector.js';
import type { Json, KubeObject } from '../../cluster/types.js';
import type { SimCluster } from '../cluster.js';
import { notFound } from '../errors.js';
import { apiVersionOf, type ResourceInfo } from '../resources.js';
import { HttpError } from './http-util.js';
import { matchesFields, parseFieldSelector, type FieldRequirement } from './field-selector.js';
import { toTable, type IncludeObject } from './tables/index.js';

/** The content type of a Table answer. */
export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** Whether the client asked for a server-side Table. */
export function wantsTable(accept: string | undefined): boolean {
  return accept?.includes('as=Table') === true;
}

/** Label and field selectors of a request, parsed once. */
export interface Selectors {
  labels?: ParsedSelector;
  fields: FieldRequirement[];
}

/** Parses `labelSelector` / `fieldSelector`; bad ones are 400s with the apiserver's words. */
export function parseSelectors(info: ResourceInfo, query: URLSearchParams): Selectors {
  const labelText = query.get('labelSelector') ?? undefined;
  let labels: ParsedSelector | undefined;
  if (labelText) {
    try {
      labels = parseSelector(labelText);
    } catch (err) {
      throw new HttpError(400, 'BadRequest', err instanceof Error ? err.message : String(err));
    }
  }
  return { labels, fields: parseFieldSelector(info.kind, query.get('fieldSelector') ?? undefined) };
}

/** Whether an object passes the request's selectors. */
export function selected(obj: KubeObject, sel: Selectors): boolean {
  if (sel.labels && !matchesParsedSelector(sel.labels, obj.metadata.labels ?? {})) return false;
  return matchesFields(obj, sel.fields);
}

/** `includeObject` query parameter (kubectl sets Object for --sort-by). */
export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'Object' || v === 'None' ? v : 'Metadata';
}

/** The objects a list request returns. */
export function listObjects(cluster: SimCluster, info: ResourceInfo, namespace: string | undefined, sel: Selectors): KubeObject[] {
  return cluster.store.list(info.kind, info.namespaced ? namespace : undefined).filter((o) => selected(o, sel));
}

/** A list answer: JSON `<Kind>List` or a Table. */
export function listBody(cluster: SimCluster, info: ResourceInfo, objects: KubeObject[], table: boolean, query: URLSearchParams): { body: Json | object; contentType: string } {
  const rv = String(cluster.store.resourceVersion());
  if (table) {
    return { body: toTable(info.kind, objects, { nowMs: cluster.clock.now(), includeObject: includeObjectOf(query), resourceVersion: rv }), contentType: TABLE_CONTENT_TYPE };
  }
  return { body: { kind: `${info.kind}List`, apiVersion: apiVersionOf(info.kind), metadata: { resourceVersion: rv }, items: objects }, contentType: 'application/json' };
}

/** One object, or 404 in the apiserver's words. */
export function getObject(cluster: SimCluster, info: ResourceInfo, namespace: string | undefined, name: string): KubeObject {
  const obj = cluster.store.get(info.kind, info.namespaced ? namespace : undefined, name);
  if (!obj) throw notFound(info.kind, name);
  return obj;
}

/** A single-object answer: the object, or a one-row Table. */
export function objectBody(cluster: SimCluster, info: ResourceInfo, obj: KubeObject, table: boolean, query: URLSearchParams): { body: Json | object; contentType: string } {
  if (table) {
    return { body: toTable(info.kind, [obj], { nowMs: cluster.clock.now(), includeObject: includeObjectOf(query), resourceVersion: obj.metadata.resourceVersion }), contentType: TABLE_CONTENT_TYPE };
  }
  return { body: obj, contentType: 'application/json' };
}
