/**
 * Strategic merge patch as the apiserver applies it (apimachinery `mergeMap` with
 * MergeParallelList and IgnoreUnmatchedNulls): map-level directives and key-wise merging.
 * List merging and element ordering live in strategic-list.ts.
 */
import type { Json } from '../../../cluster/types.js';
import { cloneJson } from '../../json.js';
import { badRequest, goFormat, internalError } from './errors.js';
import { kindSchema, type PatchSchema } from './patch-schema.js';
import { mergeList, mergeSetElementOrder, type JsonObject } from './strategic-list.js';

export const PATCH_DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ELEMENT_ORDER = '$setElementOrder/';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';

/** True for a JSON object (not null, not a list). */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonKind(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

/** The strategy that decides merging, with `retainKeys` taken out (`merge,retainKeys` → `merge`). */
export function effectiveStrategy(strategies: readonly string[]): string {
  return strategies.filter((s) => s !== 'retainKeys')[0] ?? '';
}

/**
 * Removes `$patch` directives from a value that has nothing to merge with (the real server drops
 * maps carrying `$patch`); also drops other `$…/` directive keys and, like IgnoreUnmatchedNulls,
 * null map entries. Returns undefined when the value itself should be dropped.
 */
export function stripDirectives(value: Json): Json | undefined {
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const item of value) {
      const kept = stripDirectives(item);
      if (kept !== undefined) out.push(kept);
    }
    return out;
  }
  if (!isObject(value)) return value;
  if (PATCH_DIRECTIVE in value) return undefined;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || k === RETAIN_KEYS || k.startsWith(SET_ELEMENT_ORDER) || k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) continue;
    const kept = stripDirectives(v);
    if (kept !== undefined) out[k] = kept;
  }
  return out;
}

function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!(RETAIN_KEYS in patch)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw badRequest('invalid patch format of retainKeys');
  const keep = new Set(list.map((k) => (typeof k === 'string' ? k : JSON.stringify(k))));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw badRequest('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** Merges `patch` into `original` (both are owned by the caller and may be mutated). */
export function mergeMap(original: JsonObject, patch: JsonObject, schema: PatchSchema): JsonObject {
  if (PATCH_DIRECTIVE in patch) {
    const directive = patch[PATCH_DIRECTIVE];
    if (directive === 'replace') {
      delete patch[PATCH_DIRECTIVE];
      return patch;
    }
    if (directive === 'delete') return {};
    throw internalError(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`);
  }
  applyRetainKeys(original, patch);
  mergeSetElementOrder(original, patch, schema, mergeMap);

  for (const [rawKey, patchV] of Object.entries(patch)) {
    let key = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      key = rawKey.slice(DELETE_FROM_PRIMITIVE_LIST.length);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete original[key];
      continue;
    }
    const origV = original[key];
    if (origV === undefined || jsonKind(origV) !== jsonKind(patchV)) {
      if (isDeleteList) continue;
      const kept = stripDirectives(patchV);
      if (kept === undefined) delete original[key];
      else original[key] = kept;
      continue;
    }
    const meta = schema.field(key);
    const strategy = effectiveStrategy(meta.strategies);
    if (isObject(origV) && isObject(patchV)) {
      original[key] = strategy === 'replace' ? patchV : mergeMap(origV, patchV, meta.schema);
    } else if (Array.isArray(origV) && Array.isArray(patchV)) {
      original[key] =
        strategy === 'merge' || isDeleteList ? mergeList(origV, patchV, meta.schema, meta.mergeKey, isDeleteList, mergeMap) : patchV;
    } else {
      original[key] = patchV;
    }
  }
  return original;
}

/** Applies a strategic merge patch to a whole object using a given schema (tests use their own). */
export function applyStrategicMergePatchWith(original: Json, patch: Json, schema: PatchSchema): Json {
  if (!isObject(patch)) throw badRequest('invalid JSON document');
  const base = isObject(original) ? cloneJson(original) : {};
  return mergeMap(base, cloneJson(patch), schema);
}

/** Server-side `application/strategic-merge-patch+json` for one of our kinds. */
export function applyStrategicMergePatch(original: Json, patch: Json, kind: string): Json {
  return applyStrategicMergePatchWith(original, patch, kindSchema(kind));
}
