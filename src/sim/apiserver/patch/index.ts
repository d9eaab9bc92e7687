/**
 * PATCH bodies the way the apiserver applies them, chosen by Content-Type: strategic merge
 * (kubectl apply/edit/set/taint/rollout), JSON merge (label/annotate) and JSON patch.
 */
import type { Json } from '../../../cluster/types.js';
import { PatchError } from './errors.js';
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import { applyStrategicMergePatch } from './strategic.js';

export { PatchError, goFormat, type PatchErrorCause, type PatchErrorReason } from './errors.js';
export { applyJsonPatch, type JsonPatchOp } from './json-patch.js';
export { applyMergePatch } from './merge-patch.js';
export { applyStrategicMergePatch, applyStrategicMergePatchWith } from './strategic.js';
export { registrySchema, kindSchema, EMPTY_SCHEMA, type PatchSchema, type PatchFieldMeta } from './patch-schema.js';

/** The patch content types the server accepts, in the order discovery advertises them. */
export const PATCH_CONTENT_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;

/** Applies a PATCH body of the given Content-Type to `original`; throws PatchError on failure. */
export function applyPatch(contentType: string, original: Json, patchBody: Json, kind: string): Json {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  switch (type) {
    case 'application/strategic-merge-patch+json':
      return applyStrategicMergePatch(original, patchBody, kind);
    case 'application/merge-patch+json':
      return applyMergePatch(original, patchBody);
    case 'application/json-patch+json':
      return applyJsonPatch(original, patchBody);
    case 'application/apply-patch+yaml':
      throw new PatchError('UnsupportedMediaType', 'server-side apply is not supported by this simulator; use client-side kubectl apply');
    default:
      throw new PatchError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${PATCH_CONTENT_TYPES.join(', ')}`);
  }
}
