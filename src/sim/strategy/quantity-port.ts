/**
 * The few quantity questions validation and defaulting ask, answered with the shared parser in
 * `cluster/quantity.ts` so there is one notion of what `500m` means.
 */
import { canonicalizeQuantity as canonicalize, parseQuantityCached, type Quantity } from '../../cluster/quantity.js';

/** apimachinery's message for text that is not a quantity (a decode error on a real server). */
export const QUANTITY_REGEX_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function tryParse(text: string): Quantity | undefined {
  try {
    return parseQuantityCached(text);
  } catch {
    return undefined;
  }
}

/** Whether the text parses as a Kubernetes quantity. */
export function isValidQuantity(text: string): boolean {
  return tryParse(text) !== undefined;
}

/** The stored form of a quantity, or the input unchanged when it does not parse (validation reports it). */
export function canonicalQuantityOrSelf(text: string): string {
  try {
    return canonicalize(text);
  } catch {
    return text;
  }
}

/** -1, 0 or 1; 0 for text that does not parse. */
export function quantitySign(text: string): number {
  const q = tryParse(text);
  if (q === undefined || q.unscaled === 0n) return 0;
  return q.unscaled < 0n ? -1 : 1;
}

/** `Quantity.Cmp` of two parseable quantities: negative, zero or positive. */
export function compareQuantities(a: string, b: string): number {
  const qa = parseQuantityCached(a);
  const qb = parseQuantityCached(b);
  const exp = Math.min(qa.exponent, qb.exponent);
  const va = qa.unscaled * 10n ** BigInt(qa.exponent - exp);
  const vb = qb.unscaled * 10n ** BigInt(qb.exponent - exp);
  return va === vb ? 0 : va < vb ? -1 : 1;
}

/** Whether a quantity is a whole number (extended resources such as `nvidia.com/gpu` must be). */
export function isWholeQuantity(text: string): boolean {
  const q = tryParse(text);
  if (q === undefined) return false;
  if (q.exponent >= 0) return true;
  return q.unscaled % 10n ** BigInt(-q.exponent) === 0n;
}
