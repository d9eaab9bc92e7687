/**
 * client-node hands back model class instances with `Date` objects; our checks read plain
 * wire-format JSON (`metadata.creationTimestamp` as an RFC 3339 string, as the simulator
 * stores it). This turns one into the other without importing client-node itself.
 */

/** client-node's `ObjectSerializer.serialize`, passed in so this module stays import-free. */
export type Serialize = (data: unknown, type: string, format: string) => unknown;

/** RFC 3339 as Kubernetes writes it: whole seconds without a fraction, milliseconds otherwise. */
export function wireTime(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** A plain copy with every Date replaced by its wire string (the serializer passes strings through). */
export function datesToWire(value: unknown): unknown {
  if (value instanceof Date) return wireTime(value);
  if (Array.isArray(value)) return value.map(datesToWire);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = datesToWire(v);
    return out;
  }
  return value;
}

/** A list item back in wire shape, with the apiVersion and kind a list response leaves out of items. */
export function toWire<T>(serialize: Serialize, item: unknown, modelType: string, apiVersion: string, kind: string): T {
  const plain = serialize(datesToWire(item), modelType, '');
  const obj = typeof plain === 'object' && plain !== null ? (plain as Record<string, unknown>) : {};
  return { ...obj, apiVersion, kind } as T;
}
