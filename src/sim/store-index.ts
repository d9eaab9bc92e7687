/**
 * Secondary indexes of the store (pods by node, objects by owner, ...): which keys an object
 * is filed under, kept up to date on every write and shared copy-on-write with checkpoints.
 */
import type { KubeObject } from '../cluster/types.js';
import type { CowMap } from './checkpoint.js';

/**
 * A secondary index: the key (or keys) an object is filed under, if any. Index functions may
 * read only `metadata.uid`, `metadata.namespace`, `metadata.ownerReferences` and `spec`, so
 * writes that leave those untouched (status updates) skip index maintenance.
 */
export type IndexFn = (obj: KubeObject) => string | readonly string[] | undefined;

/** Whether two index results name the same keys. */
export function sameKeys(a: string | readonly string[] | undefined, b: string | readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** An index result as a list of keys. */
export function keysOf(k: string | readonly string[] | undefined): readonly string[] {
  return k === undefined ? [] : typeof k === 'string' ? [k] : k;
}

/** One registered index: its key function and its buckets. */
export interface Index {
  fn: IndexFn;
  /** Index key → store keys of the objects filed under it (shared with checkpoints). */
  entries: CowMap<string, Set<string>>;
}

/** Files an object's store key under the index keys it has. */
export function indexAdd(index: Index, key: string, obj: KubeObject): void {
  const keys = index.fn(obj);
  if (typeof keys === 'string') fileUnder(index, keys, key);
  else if (keys) for (const k of keys) fileUnder(index, k, key);
}

function fileUnder(index: Index, k: string, key: string): void {
  let bucket = index.entries.mutable(k, copySet);
  if (!bucket) {
    bucket = new Set();
    index.entries.set(k, bucket);
  }
  bucket.add(key);
}

/** Removes an object's store key from the index keys it had. */
export function indexRemove(index: Index, key: string, obj: KubeObject): void {
  const keys = index.fn(obj);
  if (typeof keys === 'string') unfile(index, keys, key);
  else if (keys) for (const k of keys) unfile(index, k, key);
}

function unfile(index: Index, k: string, key: string): void {
  const bucket = index.entries.mutable(k, copySet);
  if (!bucket) return;
  bucket.delete(key);
  if (bucket.size === 0) index.entries.delete(k);
}

/** Copies a bucket still shared with a checkpoint before it is changed. */
export function copySet(set: Set<string>): Set<string> {
  return new Set(set);
}
