/**
 * What strategic merge patch needs to know about a type: each field's patch strategy, merge key
 * and the schema of its value. An interface, so tests can describe apimachinery's test structs and
 * the server uses the generated registry.
 */
import { fieldAt, objectTypeOf, patchFactFor, schemaFor } from '../schema/index.js';
import type { TypeExpr } from '../schema/index.js';

/** Patch metadata of one field and the schema of its value (list element, map value or struct). */
export interface PatchFieldMeta {
  /** Strategies as declared, e.g. ['merge'], ['merge', 'retainKeys'], ['replace']; [] when none. */
  strategies: string[];
  mergeKey?: string;
  schema: PatchSchema;
}

/** Looks up fields of one object type. */
export interface PatchSchema {
  field(name: string): PatchFieldMeta;
}

/** Schema of an unknown or free-form value: no strategies, maps merge key-wise. */
export const EMPTY_SCHEMA: PatchSchema = { field: () => ({ strategies: [], schema: EMPTY_SCHEMA }) };

const cache = new Map<string, PatchSchema>();

function schemaOfExpr(expr: TypeExpr): PatchSchema {
  if ('values' in expr) {
    const inner = schemaOfExpr(expr.values);
    // A map's keys are data; each value has the map's value type.
    return { field: () => ({ strategies: [], schema: inner }) };
  }
  const typeName = objectTypeOf(expr);
  return typeName ? registrySchema(typeName) : EMPTY_SCHEMA;
}

/** The patch schema of a registry type (`io.k8s.api.core.v1.PodSpec`). */
export function registrySchema(typeName: string): PatchSchema {
  const hit = cache.get(typeName);
  if (hit) return hit;
  const made: PatchSchema = {
    field(name) {
      const def = fieldAt(typeName, name);
      if (!def) return { strategies: [], schema: EMPTY_SCHEMA };
      const fact = patchFactFor(typeName, name);
      return {
        strategies: fact ? fact.strategy.split(',') : [],
        mergeKey: fact?.mergeKey,
        schema: schemaOfExpr(def.type),
      };
    },
  };
  cache.set(typeName, made);
  return made;
}

/** The patch schema of a served kind; free-form for kinds the registry does not model. */
export function kindSchema(kind: string): PatchSchema {
  const root = schemaFor(kind);
  return root ? registrySchema(root.typeName) : EMPTY_SCHEMA;
}
