/**
 * `apiequality.Semantic.DeepEqual` for JSON objects: Go treats nil and empty slices and maps
 * as equal, so `nodeSelector: {}` or `tolerations: []` is not a template change. We cannot
 * tell a map from a struct in JSON, so `{}` and absent compare equal everywhere.
 */

function isEmptyish(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).every((k) => (v as Record<string, unknown>)[k] === undefined);
}

/** Deep equality with nil ≡ empty for arrays and objects. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmptyish(a) && isEmptyish(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => semanticEqual(item, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
  return true;
}
