/**
 * Go value printing, as the apiserver's field errors show bad values: strings with `%q`,
 * numbers plain, and structs and maps with `%#v` (`map[string]string{"app":"x"}`). Learners
 * copy these messages into search engines, so they must match byte for byte.
 */
import type { IntOrString, LabelSelector, LabelSelectorRequirement } from '../../cluster/types.js';

/** A bad value together with its Go rendering, so errors keep the raw value for `causes`. */
export interface BadValue {
  raw: unknown;
  go: string;
}

/** Go's `%q` for a string: double quotes, backslash escapes, `\x` for control bytes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A string bad value (`"x"`). */
export function goStr(value: string): BadValue {
  return { raw: value, go: goQuote(value) };
}

/** An integer or boolean bad value, printed plain. */
export function goPlain(value: number | boolean): BadValue {
  return { raw: value, go: String(value) };
}

/** A value of unknown shape from JSON: strings quoted, numbers plain, anything else as JSON. */
export function goAny(value: unknown): BadValue {
  if (typeof value === 'string') return goStr(value);
  if (typeof value === 'number' || typeof value === 'boolean') return goPlain(value);
  if (value === undefined || value === null) return { raw: value, go: 'null' };
  return { raw: value, go: JSON.stringify(value) };
}

/** `%#v` of a `map[string]string`: keys sorted, `nil` when the field was absent. */
export function goStringMapText(map: Record<string, string> | undefined | null): string {
  if (map === undefined || map === null) return 'map[string]string(nil)';
  const keys = Object.keys(map).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(String(map[k]))}`).join(', ')}}`;
}

/** A `map[string]string` bad value. */
export function goStringMap(map: Record<string, string> | undefined | null): BadValue {
  return { raw: map ?? null, go: goStringMapText(map) };
}

function goStringSliceText(values: readonly string[] | undefined): string {
  if (values === undefined) return '[]string(nil)';
  return `[]string{${values.map((v) => goQuote(String(v))).join(', ')}}`;
}

function goRequirementText(req: LabelSelectorRequirement): string {
  return `v1.LabelSelectorRequirement{Key:${goQuote(String(req.key ?? ''))}, Operator:${goQuote(String(req.operator ?? ''))}, Values:${goStringSliceText(req.values)}}`;
}

/** `%#v` of a `metav1.LabelSelector` (what `spec.selector` errors print). */
export function goLabelSelector(selector: LabelSelector): BadValue {
  const exprs = selector.matchExpressions;
  const exprText =
    exprs === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs.map(goRequirementText).join(', ')}}`;
  return { raw: selector, go: `v1.LabelSelector{MatchLabels:${goStringMapText(selector.matchLabels)}, MatchExpressions:${exprText}}` };
}

/** `%#v` of an `intstr.IntOrString` (maxUnavailable / maxSurge errors in Kubernetes 1.32). */
export function goIntOrString(value: IntOrString): BadValue {
  const go =
    typeof value === 'number'
      ? `intstr.IntOrString{Type:0, IntVal:${value}, StrVal:""}`
      : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(value)}}`;
  return { raw: value, go };
}

/** `%#v` of a struct given as ordered Go field names and already-rendered values. */
export function goStruct(typeName: string, raw: unknown, fields: ReadonlyArray<readonly [string, string]>): BadValue {
  return { raw, go: `${typeName}{${fields.map(([name, text]) => `${name}:${text}`).join(', ')}}` };
}

/** A wire field our narrowed types do not model (objects carry them through at run time). */
export function extraField(obj: object, key: string): unknown {
  return (obj as Record<string, unknown>)[key];
}
