/**
 * Run-time view of the generated schema plus the hand-kept facts: which type a kind is, what a
 * field's type and patch strategy are. Reads only `schema.generated.json` (never client-node).
 */
import generated from './schema.generated.json' with { type: 'json' };
import { PATCH_FACTS, ROOT_KINDS, shortTypeName, type PatchFact, type RootKind } from './facts.js';
import type { FieldDef, GeneratedSchema, TypeDef, TypeExpr } from './model.js';

const schema = generated as GeneratedSchema;
const fieldIndex = new Map<string, Map<string, FieldDef>>();

/** A served kind together with its object type. */
export interface KindSchema extends RootKind {
  type: TypeDef;
}

/** The schema of a served kind (`DaemonSet`, `Pod`, …), or undefined for kinds we do not know. */
export function schemaFor(kind: string): KindSchema | undefined {
  const root = ROOT_KINDS.find((r) => r.kind === kind);
  const type = root && schema.types[root.typeName];
  return root && type ? { ...root, type } : undefined;
}

/** Every kind the registry knows, in a stable order (drives OpenAPI and tests). */
export function rootKinds(): readonly RootKind[] {
  return ROOT_KINDS;
}

/** A named type by canonical name (`io.k8s.api.apps.v1.DaemonSetSpec`). */
export function typeDef(typeName: string): TypeDef | undefined {
  return schema.types[typeName];
}

/** Names of all types in the registry, sorted. */
export function typeNames(): string[] {
  return Object.keys(schema.types);
}

/** A field of an object type by its JSON name, or undefined when the type has no such field. */
export function fieldAt(typeName: string, field: string): FieldDef | undefined {
  let index = fieldIndex.get(typeName);
  if (!index) {
    index = new Map((schema.types[typeName]?.fields ?? []).map((f) => [f.name, f]));
    fieldIndex.set(typeName, index);
  }
  return index.get(field);
}

/** Patch strategy and merge key of a field (`x-kubernetes-patch-strategy`), if it has one. */
export function patchFactFor(typeName: string, field: string): PatchFact | undefined {
  return PATCH_FACTS[`${shortTypeName(typeName)}.${field}`];
}

/** The object type a type expression leads to once lists and maps are unwrapped (if any). */
export function objectTypeOf(expr: TypeExpr): string | undefined {
  if ('items' in expr) return objectTypeOf(expr.items);
  if ('values' in expr) return objectTypeOf(expr.values);
  if ('ref' in expr) return schema.types[expr.ref]?.fields ? expr.ref : undefined;
  return undefined;
}
