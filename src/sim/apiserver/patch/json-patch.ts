/**
 * JSON patch (RFC 6902) as the apiserver applies `application/json-patch+json` bodies
 * (`kubectl patch --type json`), with the error texts of the json-patch library it uses.
 */
import type { Json } from '../../../cluster/types.js';
import { cloneJson, jsonEqual } from '../../json.js';
import { badRequest, unprocessable } from './errors.js';

type Container = Json[] | { [key: string]: Json };

/** One decoded operation. */
export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: Json;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw unprocessable(`invalid JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(value: Json | undefined): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The container holding the last segment of `path`, and that segment. */
function parentOf(doc: Json, path: string): { parent: Container; key: string } | undefined {
  const parts = decodePointer(path);
  const key = parts.pop();
  if (key === undefined) return undefined;
  let node: Json | undefined = doc;
  for (const part of parts) {
    if (Array.isArray(node)) node = /^\d+$/.test(part) ? node[Number(part)] : undefined;
    else if (isContainer(node)) node = node[part];
    else return undefined;
  }
  return isContainer(node) ? { parent: node, key } : undefined;
}

function arrayIndex(list: Json[], key: string, op: string, path: string, allowEnd: boolean): number {
  if (key === '-' && allowEnd) return list.length;
  const idx = /^\d+$/.test(key) ? Number(key) : NaN;
  if (Number.isNaN(idx) || idx > list.length || (!allowEnd && idx === list.length)) {
    throw unprocessable(`error in ${op} for path: '${path}': Unable to access invalid index: ${key}: invalid index referenced`);
  }
  return idx;
}

function getAt(doc: Json, path: string): Json | undefined {
  if (path === '') return doc;
  const loc = parentOf(doc, path);
  if (!loc) return undefined;
  if (Array.isArray(loc.parent)) return /^\d+$/.test(loc.key) ? loc.parent[Number(loc.key)] : undefined;
  return loc.parent[loc.key];
}

function add(doc: Json, path: string, value: Json, op = 'add'): Json {
  if (path === '') return value;
  const loc = parentOf(doc, path);
  if (!loc) throw unprocessable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  if (Array.isArray(loc.parent)) loc.parent.splice(arrayIndex(loc.parent, loc.key, op, path, true), 0, value);
  else loc.parent[loc.key] = value;
  return doc;
}

function remove(doc: Json, path: string, op = 'remove'): Json {
  const loc = parentOf(doc, path);
  if (!loc) throw unprocessable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  if (Array.isArray(loc.parent)) loc.parent.splice(arrayIndex(loc.parent, loc.key, op, path, false), 1);
  else if (loc.key in loc.parent) delete loc.parent[loc.key];
  else throw unprocessable(`error in ${op} for path: '${path}': Unable to remove nonexistent key: ${loc.key}: missing value`);
  return doc;
}

function decodeOps(ops: Json): JsonPatchOp[] {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return ops.map((raw) => {
    const o = isContainer(raw) && !Array.isArray(raw) ? raw : {};
    const opName = typeof o.op === 'string' ? o.op : 'unknown';
    const path = typeof o.path === 'string' ? o.path : undefined;
    if (path === undefined) throw unprocessable(`operation missing path field`);
    const from = typeof o.from === 'string' ? o.from : undefined;
    return { op: opName as JsonPatchOp['op'], path, from, value: o.value };
  });
}

/** Applies an RFC 6902 patch; throws PatchError (422) with the library's message on failure. */
export function applyJsonPatch(original: Json, ops: Json): Json {
  let doc = cloneJson(original);
  for (const op of decodeOps(ops)) {
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, cloneJson(op.value ?? null));
        break;
      case 'remove':
        doc = remove(doc, op.path);
        break;
      case 'replace': {
        if (op.path !== '' && getAt(doc, op.path) === undefined) {
          throw unprocessable(`replace operation does not apply: doc is missing key: ${op.path}: missing value`);
        }
        doc = op.path === '' ? cloneJson(op.value ?? null) : add(remove(doc, op.path, 'replace'), op.path, cloneJson(op.value ?? null), 'replace');
        break;
      }
      case 'move':
      case 'copy': {
        const from = op.from ?? '';
        const value = getAt(doc, from);
        if (value === undefined) throw unprocessable(`${op.op} operation does not apply: doc is missing from path: ${from}: missing value`);
        if (op.op === 'move') doc = remove(doc, from, 'move');
        doc = add(doc, op.path, cloneJson(value), op.op);
        break;
      }
      case 'test': {
        const value = getAt(doc, op.path);
        if (value === undefined && op.path !== '') {
          throw unprocessable(`test operation does not apply: is missing path: ${op.path}: missing value`);
        }
        if (!jsonEqual(value, op.value ?? null)) throw unprocessable(`testing value ${op.path} failed: test failed`);
        break;
      }
      default:
        throw unprocessable(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return doc;
}
