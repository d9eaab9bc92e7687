/**
 * Kubernetes resource quantities (apimachinery `resource.Quantity`): exact fixed-point values,
 * parsed once, printed in the canonical form the apiserver stores (`0.5` → `500m`,
 * `1.5Gi` → `1536Mi`, already-canonical input such as `100M` or `1e3` kept verbatim).
 */
import { rememberByString } from '../memo.js';

/** How a quantity prints: the suffix family it was written in. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact value `unscaled × 10^exponent`; `text` is the input when Kubernetes would keep it verbatim. */
export interface Quantity {
  readonly unscaled: bigint;
  readonly exponent: number;
  readonly format: QuantityFormat;
  readonly text?: string;
}

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** Thrown for text that is not a quantity; messages are apimachinery's. */
export class QuantityParseError extends Error {
  override readonly name = 'QuantityParseError';
}

const FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE}'`;
const SUFFIX_WRONG = "unable to parse quantity's suffix";
const MAX_INT64 = 2n ** 63n - 1n;
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const SUFFIX_CHARS = 'eEinumkKMGTP';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

interface Split {
  readonly negative: boolean;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

/** apimachinery `parseQuantityString`: sign, integer digits (leading zeros dropped), fraction, suffix. */
function split(str: string): Split {
  let pos = 0;
  const negative = str[0] === '-';
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < str.length && str[pos] === '0') pos++;
  if (pos >= str.length) return { negative, num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (pos < str.length && isDigit(str.charAt(pos))) pos++;
  const num = pos > numStart ? str.slice(numStart, pos) : '0';
  let denom = '';
  if (str[pos] === '.') {
    const start = ++pos;
    while (pos < str.length && isDigit(str.charAt(pos))) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str.charAt(pos))) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < str.length && isDigit(str.charAt(pos))) pos++;
  if (pos < str.length) throw new QuantityParseError(FORMAT_WRONG);
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

function interpret(suffix: string): { base: 2 | 10; exp: number; format: QuantityFormat } {
  const dec = DECIMAL_SUFFIXES[suffix];
  if (dec !== undefined) return { base: 10, exp: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES[suffix];
  if (bin !== undefined) return { base: 2, exp: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    return { base: 10, exp: Number(suffix.slice(1)), format: 'DecimalExponent' };
  }
  throw new QuantityParseError(SUFFIX_WRONG);
}

/** Compare the non-negative value `unscaled × 10^exponent` with an integer. */
function compareMagnitude(unscaled: bigint, exponent: number, n: bigint): number {
  const left = exponent >= 0 ? unscaled * 10n ** BigInt(exponent) : unscaled;
  const right = exponent >= 0 ? n : n * 10n ** BigInt(-exponent);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Whether apimachinery's int64 fast path would keep the input string as the canonical text. */
function keepsText(s: Split, base: 2 | 10, exp: number): boolean {
  const digits = s.num + s.denom;
  if (base === 10) {
    const scale = exp - s.denom.length;
    return digits.length <= 18 && scale >= -9 && scale % 3 === 0 && !digits.endsWith('000') && digits[0] !== '0';
  }
  if (s.denom !== '' || 14 - s.num.length - Math.trunc((exp * 3) / 10) < 0) return false;
  const value = BigInt(s.num);
  return value << BigInt(exp) <= MAX_INT64 && exp % 10 === 0 && (value & 7n) !== 0n;
}

/** Parse a quantity exactly as the apiserver does (rounding up below 1n, capping binary values at 2^63-1). */
export function parseQuantity(text: string): Quantity {
  if (text === '') throw new QuantityParseError(FORMAT_WRONG);
  if (text === '0') return Object.freeze({ unscaled: 0n, exponent: 0, format: 'DecimalSI', text: '0' });
  const s = split(text);
  const { base, exp, format: written } = interpret(s.suffix);
  let format = written;
  let unscaled = BigInt(s.num + s.denom);
  let exponent = -s.denom.length;
  if (base === 10) exponent += exp;
  else unscaled <<= BigInt(exp);
  if (exponent < -9) {
    // Round up (away from zero) to whole nano units: asking for a little gets at least 1n.
    const divisor = 10n ** BigInt(-9 - exponent);
    unscaled = (unscaled + divisor - 1n) / divisor;
    exponent = -9;
  }
  if (format === 'BinarySI') {
    if (compareMagnitude(unscaled, exponent, MAX_INT64) > 0) [unscaled, exponent] = [MAX_INT64, 0];
    if (unscaled !== 0n && compareMagnitude(unscaled, exponent, 1n) < 0) format = 'DecimalSI';
  }
  if (s.negative) unscaled = -unscaled;
  const q: Quantity = keepsText(s, base, exp) ? { unscaled, exponent, format, text } : { unscaled, exponent, format };
  return Object.freeze(q);
}

/** `parseQuantity` remembered per string (bounded; quantities are frozen, so sharing is safe). */
export const parseQuantityCached: (text: string) => Quantity = rememberByString((text) => parseQuantity(text));

/** ceil(|q| / 10^scale) with q's sign: Go's `ScaledValue` for the int64 path. */
function scaledCeil(q: Quantity, scale: number): bigint {
  const shift = q.exponent - scale;
  if (shift >= 0) return q.unscaled * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  const magnitude = q.unscaled < 0n ? -q.unscaled : q.unscaled;
  const rounded = (magnitude + divisor - 1n) / divisor;
  return q.unscaled < 0n ? -rounded : rounded;
}

/** Millicores for cpu (`MilliValue`, rounded up); exact below 2^53. */
export function quantityToMilli(q: Quantity): number {
  return Number(scaledCeil(q, -3));
}

/** Whole units, e.g. bytes for memory (`Value`, rounded up); exact below 2^53. */
export function quantityValue(q: Quantity): number {
  return Number(scaledCeil(q, 0));
}

/** The canonical string (`Quantity.String()`), what `kubectl get -o yaml` shows after a write. */
export function quantityToString(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.unscaled === 0n) return '0';
  if (q.format === 'BinarySI') {
    const binary = binaryString(q);
    if (binary !== undefined) return binary;
  }
  let m = q.unscaled;
  let e = q.exponent;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  while (e % 3 !== 0) {
    m *= 10n;
    e--;
  }
  if (q.format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
  return `${m}${DECIMAL_BY_EXPONENT.get(e) ?? ''}`;
}

/** BinarySI printing, or undefined when Kubernetes falls back to DecimalSI (|q| < 1024 or fractional). */
function binaryString(q: Quantity): string | undefined {
  const whole = scaledCeil(q, 0);
  if (whole > -1024n && whole < 1024n) return undefined;
  if (q.exponent < 0 && q.unscaled % 10n ** BigInt(-q.exponent) !== 0n) return undefined;
  let m = whole < 0n ? -whole : whole;
  let power = 0;
  while (m >= 1024n && m % 1024n === 0n) {
    m /= 1024n;
    power++;
  }
  return `${whole < 0n ? '-' : ''}${m}${BINARY_BY_POWER[power] ?? ''}`;
}

/** What the apiserver stores for a quantity the user wrote (`cpu: 0.5` → `500m`). */
export function canonicalizeQuantity(text: string): string {
  return quantityToString(parseQuantityCached(text));
}

/** Millicores as Kubernetes prints them (`500m`, `1`, `1500m`), e.g. for describe's allocated resources. */
export function formatMilliCpu(milli: number): string {
  return quantityToString({ unscaled: BigInt(Math.ceil(milli)), exponent: -3, format: 'DecimalSI' });
}
