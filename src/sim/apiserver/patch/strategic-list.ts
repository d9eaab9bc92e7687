/**
 * List half of strategic merge patch: merge-by-key lists with `$patch` elements, scalar-list
 * union and `$deleteFromPrimitiveList`, and apimachinery's element ordering (patch order first,
 * server-only items kept at their relative positions, `$setElementOrder` taking precedence).
 */
import type { Json } from '../../../cluster/types.js';
import { badRequest, goFormat, internalError, unprocessable } from './errors.js';
import type { PatchSchema } from './patch-schema.js';

/** A JSON object we may mutate. */
export type JsonObject = { [key: string]: Json };
/** mergeMap, passed in to avoid an import cycle. */
export type MergeMapFn = (original: JsonObject, patch: JsonObject, schema: PatchSchema) => JsonObject;

const MARKER = '$patch';
const ORDER_PREFIX = '$setElementOrder/';

function asObject(value: Json | undefined): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function noMergeKey(item: Json | undefined, key: string): Error {
  return internalError(`map: ${goFormat(item)} does not contain declared merge key: ${key}`);
}

function keyOf(item: Json | undefined, key: string): Json {
  const obj = asObject(item);
  const value = obj?.[key];
  if (value === undefined) throw noMergeKey(item, key);
  return value;
}

type ElemKind = 'object' | 'string' | 'number' | 'boolean' | 'null';

function elementKind(...lists: Json[][]): ElemKind {
  let kind: ElemKind | undefined;
  for (const list of lists) {
    for (const v of list) {
      if (Array.isArray(v)) throw unprocessable('lists of lists are not supported');
      const k: ElemKind = v === null ? 'null' : (typeof v as ElemKind);
      if (kind !== undefined && kind !== k) {
        throw internalError(`list element types are not identical: ${goFormat(lists.map((l) => l as Json))}`);
      }
      kind = k;
    }
  }
  if (kind === undefined) throw internalError('no elements in any of the given slices');
  return kind;
}

/** Position of `item` in `list`, by merge key for maps and by value for scalars; -1 if absent. */
function indexIn(list: readonly Json[], item: Json, mergeKey: string | undefined, kind: ElemKind): number {
  const val = (v: Json): Json | undefined => (kind === 'object' ? asObject(v)?.[mergeKey ?? ''] : v);
  const target = val(item);
  return list.findIndex((v) => val(v) === target);
}

/** Go's sort.SliceStable (insertion sort for small lists) with apimachinery's "unknown sorts first" less. */
function sortByOrder(items: Json[], order: readonly Json[], mergeKey: string | undefined, kind: ElemKind): Json[] {
  const out = [...items];
  const less = (a: Json, b: Json): boolean => {
    const ia = indexIn(order, a, mergeKey, kind);
    const ib = ia >= 0 ? indexIn(order, b, mergeKey, kind) : -1;
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  };
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && less(out[j] as Json, out[j - 1] as Json); j--) {
      [out[j], out[j - 1]] = [out[j - 1] as Json, out[j] as Json];
    }
  }
  return out;
}

function normalizeSliceOrder(toSort: Json[], order: readonly Json[], mergeKey: string | undefined, kind: ElemKind): Json[] {
  if (kind !== 'object') return sortByOrder(toSort, order, mergeKey, kind);
  for (const item of [...toSort, ...order]) keyOf(item, mergeKey ?? '');
  const isDelete = (v: Json): boolean => asObject(v)?.[MARKER] === 'delete';
  return [...sortByOrder(toSort.filter((v) => !isDelete(v)), order, mergeKey, kind), ...toSort.filter(isDelete)];
}

/** Interleaves server-only items (left) with patch items (right), keeping the server's relative order. */
function mergeSorted(left: Json[], right: Json[], serverOrder: readonly Json[], mergeKey: string | undefined, kind: ElemKind): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++] as Json);
    else if (j >= right.length) out.push(left[i++] as Json);
    else {
      const li = indexIn(serverOrder, left[i] as Json, mergeKey, kind);
      const ri = indexIn(serverOrder, right[j] as Json, mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++] as Json);
      else out.push(right[j++] as Json);
    }
  }
  return out;
}

function orderMerged(merged: Json[], patchOrder: Json[], serverOrder: Json[], mergeKey: string | undefined, kind: ElemKind): Json[] {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const item of merged) {
    if (kind === 'object') keyOf(item, mergeKey ?? '');
    (indexIn(patchOrder, item, mergeKey, kind) >= 0 ? inPatch : serverOnly).push(item);
  }
  const patchSorted = normalizeSliceOrder(inPatch, patchOrder, mergeKey, kind);
  const serverSorted = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSorted(serverSorted, patchSorted, serverOrder, mergeKey, kind);
}

interface MergedMaps {
  merged: Json[];
  /** The list the server order is read from (the patch's plain items after `$patch: replace`). */
  serverOrder: Json[];
  patchOrder: Json[];
}

function mergeMapList(original: Json[], patch: Json[], schema: PatchSchema, mergeKey: string, mergeMap: MergeMapFn): MergedMaps {
  let base = [...original];
  const plain: Json[] = [];
  let replace = false;
  for (const item of patch) {
    const obj = asObject(item);
    if (!obj) throw internalError(`expected a map[string]interface {}, but received a ${typeof item}`);
    if (!(MARKER in obj)) {
      plain.push(obj);
      continue;
    }
    const directive = obj[MARKER];
    if (directive === 'delete') {
      const value = keyOf(obj, mergeKey);
      base = base.filter((v) => asObject(v)?.[mergeKey] !== value);
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') throw internalError('merging lists cannot yet be specified in the patch');
    else throw internalError(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(obj)}`);
  }
  if (replace) return { merged: plain, serverOrder: plain, patchOrder: [] };
  for (const item of plain) {
    const obj = item as JsonObject;
    const value = keyOf(obj, mergeKey);
    const at = base.findIndex((v) => asObject(v)?.[mergeKey] === value);
    const found = at >= 0 ? asObject(base[at]) : undefined;
    if (found) base[at] = mergeMap(found, obj, schema);
    else base.push(mergeMap({}, obj, schema));
  }
  return { merged: base, serverOrder: original, patchOrder: plain };
}

/** Merges a patch list into an original list of a field with patch strategy `merge`. */
export function mergeList(
  original: Json[],
  patch: Json[],
  schema: PatchSchema,
  mergeKey: string | undefined,
  isDeleteList: boolean,
  mergeMap: MergeMapFn,
): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  if (kind !== 'object') {
    if (isDeleteList) return original.filter((v) => !patch.includes(v));
    const merged: Json[] = [];
    for (const v of [...original, ...patch]) if (!merged.includes(v)) merged.push(v);
    return orderMerged(merged, patch, original, undefined, kind);
  }
  if (!mergeKey) throw internalError('cannot merge lists without merge key for type struct');
  const { merged, serverOrder, patchOrder } = mergeMapList(original, patch, schema, mergeKey, mergeMap);
  return orderMerged(merged, patchOrder, serverOrder, mergeKey, kind);
}

function checkOrderMatchesPatch(patchList: Json[], order: Json[], mergeKey: string | undefined): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((v) => asObject(v)?.[MARKER] !== 'delete') : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p] as Json;
    if (asObject(item) && MARKER in (item as JsonObject)) {
      p++;
      continue;
    }
    const equal = mergeKey ? keyOf(item, mergeKey) === keyOf(order[o], mergeKey) : item === order[o];
    if (equal) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw internalError(`The order in patch list:\n${goFormat(patchList)}\n doesn't match $setElementOrder list:\n${goFormat(order)}\n`);
  }
}

/** Applies every `$setElementOrder/<list>` directive of `patch` (and merges those lists). */
export function mergeSetElementOrder(original: JsonObject, patch: JsonObject, schema: PatchSchema, mergeMap: MergeMapFn): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw badRequest('invalid patch format of setElementOrder list');
    const field = key.slice(ORDER_PREFIX.length);
    const origList = original[field];
    const patchList = patch[field];
    if (origList === undefined && patchList === undefined) continue;
    if ((origList !== undefined && !Array.isArray(origList)) || (patchList !== undefined && !Array.isArray(patchList))) {
      throw internalError(`expected a []interface {}, but received a map[string]interface {}`);
    }
    const meta = schema.field(field);
    const strategy = meta.strategies.filter((s) => s !== 'retainKeys')[0] ?? '';
    checkOrderMatchesPatch(patchList ?? [], order, meta.mergeKey);
    const orig = origList ?? [];
    const merged =
      patchList === undefined ? orig : strategy === 'merge' ? mergeList(orig, patchList, meta.schema, meta.mergeKey, false, mergeMap) : patchList;
    delete patch[field];
    if (orig.length === 0 && (patchList ?? []).length === 0) {
      original[field] = merged;
      continue;
    }
    const kind = elementKind(orig, patchList ?? []);
    original[field] = orderMerged(merged, order, orig, meta.mergeKey, kind);
  }
}
