/**
 * Shape of `schema.generated.json`: the field tree of every type the simulator serves, derived
 * from client-node's models by `scripts/gen-schema.ts`. Kept tiny and structural so the run-time
 * path reads plain data and never imports client-node.
 */

/** A field's type: a primitive, a named type, a list or a string-keyed map. */
export type TypeExpr =
  | { type: 'string' | 'integer' | 'number' | 'boolean'; format?: string }
  | { ref: string }
  | { items: TypeExpr }
  | { values: TypeExpr };

/** One field of an object type, named by its JSON name. */
export interface FieldDef {
  name: string;
  type: TypeExpr;
  description?: string;
  required?: boolean;
}

/** An object type (with fields) or a named leaf type such as Time or IntOrString. */
export interface TypeDef {
  description?: string;
  /** Object types list their fields; leaf types have none. */
  fields?: FieldDef[];
  /** Leaf types: how the real spec formats them. */
  leaf?: 'time' | 'microTime' | 'intOrString' | 'quantity' | 'object';
}

/** The whole generated document. */
export interface GeneratedSchema {
  /** client-node version the data came from. */
  source: string;
  types: Record<string, TypeDef>;
}
