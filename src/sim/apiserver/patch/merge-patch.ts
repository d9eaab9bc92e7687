/**
 * JSON merge patch (RFC 7386), what `kubectl label`/`annotate` and `kubectl patch --type merge`
 * send as `application/merge-patch+json`: objects merge key-wise, null deletes, anything else
 * (lists included) replaces.
 */
import type { Json } from '../../../cluster/types.js';
import { cloneJson } from '../../json.js';

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies an RFC 7386 merge patch; inputs are not modified. */
export function applyMergePatch(original: Json, patch: Json): Json {
  if (!isObject(patch)) return cloneJson(patch);
  const out: { [key: string]: Json } = isObject(original) ? { ...original } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key] ?? null, value);
  }
  return out;
}
