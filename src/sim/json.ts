/**
 * Plain-JSON helpers the store and controllers share: cheap deep clone, deep freeze,
 * semantic equality, and Go-compatible canonical serialisation (for ControllerRevision data).
 */

/** Deep copy of a JSON-shaped value (faster than structuredClone for small objects). */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i] as unknown);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = cloneJson(v);
  }
  return out as T;
}

/** Freezes a JSON-shaped value and everything inside it; returns it for chaining. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) freezeTree(value);
  return value;
}

/** Freezes an unfrozen object and its unfrozen objects; primitives are skipped without a call. */
function freezeTree(value: object): void {
  Object.freeze(value);
  if (Array.isArray(value)) {
    // Indexed: an array iterator per array shows up in allocation profiles of every write.
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) freezeTree(v);
    }
  } else {
    const obj = value as Record<string, unknown>;
    for (const key in obj) {
      const v = obj[key];
      if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) freezeTree(v);
    }
  }
}

/** Deep equality of JSON values, treating absent keys and `undefined` alike. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!jsonEqual(ao[k], bo[k])) return false;
  return true;
}

/** JSON.stringify with Go's HTML-safe escaping of `<`, `>`, `&`, U+2028 and U+2029, as the apiserver writes. */
export function goJsonStringify(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
}

/** A copy with object keys sorted at every level (Go's map order after a JSON round trip). */
export function sortKeysDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => sortKeysDeep(v)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeysDeep(v);
  }
  return out as T;
}

const GO_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * Compact JSON with keys sorted at every level and Go's HTML-safe escaping: byte-identical to
 * what Go produces after a map round trip, which kubectl compares in `rollout undo`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${canonicalJson(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * Structural sharing for writes: walks a freshly built `next` against the stored `prev` and
 * swaps every unchanged subtree in `next` for `prev`'s (frozen) one. Returns `prev` itself when
 * nothing changed. `next` must be owned by the caller (it is modified in place).
 */
export function shareUnchanged<T>(next: T, prev: unknown): T {
  if (next === prev) return next;
  if (next === null || prev === null || typeof next !== 'object' || typeof prev !== 'object') return next;
  // A frozen subtree taken from elsewhere cannot be edited; compare it whole instead.
  if (Object.isFrozen(next)) return jsonEqual(next, prev) ? (prev as T) : next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let same = next.length === prev.length;
    for (let i = 0; i < next.length; i++) {
      const pv = prev[i] as unknown;
      const v = next[i] === pv ? pv : shareUnchanged(next[i] as unknown, pv);
      if (v !== next[i]) next[i] = v;
      if (v !== pv) same = false;
    }
    return same ? (prev as T) : next;
  }
  if (Array.isArray(prev)) return next;
  const n = next as Record<string, unknown>;
  const p = prev as Record<string, unknown>;
  let same = true;
  let count = 0;
  // for...in instead of Object.keys: no key arrays allocated on this hot path.
  for (const key in n) {
    const v = n[key];
    if (v === undefined) {
      delete n[key];
      continue;
    }
    count++;
    const pv = p[key];
    const shared = v === pv ? v : shareUnchanged(v, pv);
    if (shared !== v) n[key] = shared;
    if (shared !== pv) same = false;
  }
  if (same) {
    let prevCount = 0;
    for (const key in p) if (p[key] !== undefined) prevCount++;
    if (prevCount !== count) same = false;
  }
  return same ? (prev as T) : next;
}
