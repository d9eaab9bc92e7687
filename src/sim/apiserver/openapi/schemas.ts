/**
 * `components.schemas` of our OpenAPI v3 documents, converted from the schema registry in the
 * shape real apiservers publish (`allOf` around described `$ref`s, patch-strategy extensions,
 * GVK lists on kinds), which is what `kubectl explain` and client-side apply read.
 */
import type { Json } from '../../../cluster/types.js';
import { fieldAt, patchFactFor, rootKinds, typeDef, type FieldDef, type TypeDef, type TypeExpr } from '../schema/index.js';

type JsonObject = { [key: string]: Json };

/** `$ref` target of a component schema. */
export function schemaRef(typeName: string): string {
  return `#/components/schemas/${typeName}`;
}

function exprSchema(expr: TypeExpr): JsonObject {
  if ('items' in expr) return { type: 'array', items: exprSchema(expr.items) };
  if ('values' in expr) return { type: 'object', additionalProperties: exprSchema(expr.values) };
  if ('ref' in expr) return { $ref: schemaRef(expr.ref) };
  return expr.format ? { type: expr.type, format: expr.format } : { type: expr.type };
}

function propertySchema(owner: string, field: FieldDef): JsonObject {
  const base = exprSchema(field.type);
  const out: JsonObject = '$ref' in base && field.description ? { allOf: [base] } : base;
  if (field.description) out.description = field.description;
  const fact = patchFactFor(owner, field.name);
  if (fact && 'items' in field.type) {
    if (fact.mergeKey) {
      out['x-kubernetes-list-map-keys'] = [fact.mergeKey];
      out['x-kubernetes-list-type'] = 'map';
      out['x-kubernetes-patch-merge-key'] = fact.mergeKey;
    } else {
      out['x-kubernetes-list-type'] = 'set';
    }
    out['x-kubernetes-patch-strategy'] = fact.strategy;
  }
  return out;
}

function leafSchema(def: TypeDef): JsonObject {
  const description = def.description ?? '';
  switch (def.leaf) {
    case 'time':
    case 'microTime':
      return { description, type: 'string', format: 'date-time' };
    // v3 documents publish these unions as oneOf (no `type`), so explain prints <IntOrString>.
    case 'intOrString':
      return { description, format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] };
    case 'quantity':
      return { description, oneOf: [{ type: 'string' }, { type: 'number' }] };
    default:
      return { description, type: 'object' };
  }
}

/** Every GVK that names a type (kinds we serve; DeleteOptions is accepted by every group). */
function gvksOf(typeName: string): Json[] {
  const roots = rootKinds().filter((r) => r.typeName === typeName);
  if (roots.some((r) => r.kind === 'DeleteOptions')) {
    const groups = ['', 'apps', 'coordination.k8s.io', 'policy'];
    return groups.map((group) => ({ group, kind: 'DeleteOptions', version: 'v1' }));
  }
  return roots.map((r) => ({ group: r.group, kind: r.kind, version: r.version }));
}

/** One component schema for a registry type. */
export function componentSchema(typeName: string): JsonObject {
  const def = typeDef(typeName);
  if (!def) throw new Error(`no schema for ${typeName}`);
  if (!def.fields) return leafSchema(def);
  const properties: JsonObject = {};
  for (const field of def.fields) properties[field.name] = propertySchema(typeName, field);
  const out: JsonObject = { description: def.description ?? '', type: 'object', properties };
  const required = def.fields.filter((f) => f.required).map((f) => f.name);
  if (required.length > 0) out.required = required;
  const gvks = gvksOf(typeName);
  if (gvks.length > 0) out['x-kubernetes-group-version-kind'] = gvks;
  return out;
}

function refsOf(expr: TypeExpr, into: string[]): void {
  if ('items' in expr) refsOf(expr.items, into);
  else if ('values' in expr) refsOf(expr.values, into);
  else if ('ref' in expr) into.push(expr.ref);
}

/** Component schemas for `roots` and everything they reference, sorted by name. */
export function componentSchemas(roots: readonly string[]): JsonObject {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const refs: string[] = [];
    for (const f of typeDef(name)?.fields ?? []) refsOf(fieldAt(name, f.name)?.type ?? f.type, refs);
    queue.push(...refs);
  }
  const out: JsonObject = {};
  for (const name of [...seen].sort()) out[name] = componentSchema(name);
  return out;
}
