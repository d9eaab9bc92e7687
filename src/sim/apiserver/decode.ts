/**
 * What the apiserver's decoder does before any strategy runs: JSON or YAML bodies (others are 415), and values of the wrong JSON type for a field (`"spec": 1`),
 * reported as Go's `json: cannot unmarshal …` error. It also fills the zero-value structs a Go
 * decoder always has (`spec`, `spec.template.spec`), so an object missing them reaches
 * validation and gets its 422 rather than tripping the simulator.
 */
import { JSON_SCHEMA, load } from 'js-yaml';
import type { Json } from '../../cluster/types.js';
import type { TypeExpr } from './schema/index.js';
import { fieldAt, schemaFor, SPECIAL_TYPES, typeDef } from './schema/index.js';
import { checkDepth, HttpError, parseJsonBody } from './http-util.js';
import { decodeProtobuf } from './protobuf.js';

/** Decodes a create/update body by its content type: JSON or YAML; anything else is a 415. */
export function parseBody(body: Buffer, contentType: string | undefined): Json {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '' || type === 'application/json' || type === '*/*') return parseJsonBody(body);
  if (type === 'application/vnd.kubernetes.protobuf') return decodeProtobuf(body);
  if (type !== 'application/yaml') {
    throw new HttpError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  }
  const text = body.toString('utf8');
  checkDepth(text);
  try {
    return JSON.parse(JSON.stringify(load(text, { schema: JSON_SCHEMA }) ?? null)) as Json;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err);
    throw new HttpError(400, 'BadRequest', `error converting YAML to JSON: yaml: ${why}`);
  }
}

function jsonKind(v: Json): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function goType(expr: TypeExpr): string {
  if ('items' in expr) return `[]${goType(expr.items)}`;
  if ('values' in expr) return `map[string]${goType(expr.values)}`;
  if ('ref' in expr) return `v1.${expr.ref.slice(expr.ref.lastIndexOf('.') + 1)}`;
  if (expr.type === 'integer') return expr.format === 'int64' ? 'int64' : 'int32';
  return expr.type === 'number' ? 'float64' : expr.type === 'boolean' ? 'bool' : 'string';
}

function fits(expr: TypeExpr, v: Json): boolean {
  if (v === null) return true;
  if ('items' in expr) return Array.isArray(v);
  if ('values' in expr || 'ref' in expr) {
    if ('ref' in expr) {
      const ref = expr.ref;
      if (ref === SPECIAL_TYPES.intOrString || ref === SPECIAL_TYPES.quantity) return typeof v === 'string' || typeof v === 'number';
      if (ref === SPECIAL_TYPES.time || ref === SPECIAL_TYPES.microTime) return typeof v === 'string';
      if (!typeDef(ref)?.fields) return true;
    }
    return typeof v === 'object' && !Array.isArray(v);
  }
  if (expr.type === 'integer') return typeof v === 'number' && Number.isInteger(v);
  if (expr.type === 'number') return typeof v === 'number';
  return typeof v === (expr.type === 'boolean' ? 'boolean' : 'string');
}

function check(expr: TypeExpr, v: Json, path: string, kind: string): string | undefined {
  if (!fits(expr, v)) return `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${kind}.${path} of type ${goType(expr)}`;
  if (v === null || typeof v !== 'object') return undefined;
  if ('items' in expr && Array.isArray(v)) {
    for (const item of v) {
      const err = check(expr.items, item, path, kind);
      if (err) return err;
    }
  } else if ('values' in expr && !Array.isArray(v)) {
    for (const child of Object.values(v)) {
      const err = check(expr.values, child, path, kind);
      if (err) return err;
    }
  } else if ('ref' in expr && !Array.isArray(v)) {
    return checkObject(expr.ref, v, path, kind);
  }
  return undefined;
}

function checkObject(typeName: string, obj: { [key: string]: Json }, path: string, kind: string): string | undefined {
  if (!typeDef(typeName)?.fields) return undefined;
  for (const [key, value] of Object.entries(obj)) {
    const field = fieldAt(typeName, key);
    const err = field ? check(field.type, value, path ? `${path}.${key}` : key, kind) : undefined;
    if (err) return err;
  }
  return undefined;
}

/** Zero-value structs Go always decodes, by kind (pointers such as `selector` stay absent; `[]` marks a list). */
const ZERO_STRUCTS: Record<string, string[][]> = {
  DaemonSet: [['spec'], ['spec', 'template'], ['spec', 'template', 'spec'], ['spec', 'updateStrategy']],
  Pod: [['spec'], ['spec', 'containers[]'], ['status']],
  Node: [['spec'], ['status']],
  Namespace: [['spec']],
  Event: [['involvedObject']],
};

/** The decoder's view of a body: 400 for wrong field types, then zero-value structs filled in. */
export function decodeObject(kind: string, obj: { [key: string]: Json }, version: string): void {
  const root = schemaFor(kind);
  const err = root ? checkObject(root.typeName, obj, '', kind) : undefined;
  if (err) throw new HttpError(400, 'BadRequest', `${kind} in version "${version}" cannot be handled as a ${kind}: ${err}`);
  for (const path of ZERO_STRUCTS[kind] ?? []) {
    let cur = obj;
    for (const step of path) {
      const key = step.replace(/\[\]$/, '');
      const next = cur[key];
      if (next === undefined || next === null) cur[key] = step.endsWith('[]') ? [] : {};
      const child = cur[key];
      if (!child || typeof child !== 'object' || Array.isArray(child)) break;
      cur = child;
    }
  }
}
