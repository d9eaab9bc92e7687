/**
 * Strict field validation: the paths of fields an object carries that its type does not declare,
 * printed as the apiserver's strict decoder prints them (`spec.template.spec.containers[0].imagee`).
 */
import { fieldAt, schemaFor, typeDef } from './registry.js';
import type { TypeExpr } from './model.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walkValue(expr: TypeExpr, value: unknown, path: string, out: string[]): void {
  if ('items' in expr) {
    if (Array.isArray(value)) value.forEach((item, i) => walkValue(expr.items, item, `${path}[${i}]`, out));
    return;
  }
  if ('values' in expr) {
    if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) walkValue(expr.values, v, `${path}.${k}`, out);
    return;
  }
  if ('ref' in expr) walkObject(expr.ref, value, path, out);
}

function walkObject(typeName: string, value: unknown, path: string, out: string[]): void {
  const def = typeDef(typeName);
  // Leaf types (Time, IntOrString, RawExtension, …) accept anything of the right JSON shape.
  if (!def?.fields || !isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const field = fieldAt(typeName, key);
    if (!field) out.push(childPath);
    else walkValue(field.type, child, childPath, out);
  }
}

/**
 * Unknown-field paths of `obj` read as `kind`, in document order; [] for kinds we do not model.
 * Used for `fieldValidation=Strict` on create, update and the result of a patch.
 */
export function findUnknownFields(kind: string, obj: unknown): string[] {
  const root = schemaFor(kind);
  if (!root) return [];
  const out: string[] = [];
  walkObject(root.typeName, obj, '', out);
  return out;
}

/** The strict decoder's error text for unknown fields (`unknown field "a.b", unknown field "c"`). */
export function strictDecodingMessage(paths: readonly string[]): string {
  return `strict decoding error: ${paths.map((p) => `unknown field "${p}"`).join(', ')}`;
}
