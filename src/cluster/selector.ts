/**
 * The parsed form of a label selector (apimachinery `labels.Selector`): a list of requirements
 * ANDed together, shared by `?labelSelector=` parsing, DaemonSet selectors and node affinity.
 */

/** Operators exactly as apimachinery's `selection.Operator` spells them (they appear in errors). */
export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** One requirement; `values` keep the order they were given in (printing sorts them). */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** Requirements ANDed, sorted by key; `matchesNothing` marks the nil selector, which selects nothing. */
export interface ParsedSelector {
  readonly requirements: readonly SelectorRequirement[];
  readonly matchesNothing?: true;
}

/** Thrown for malformed selector text or invalid selector objects; the message is Kubernetes'. */
export class SelectorParseError extends Error {
  override readonly name = 'SelectorParseError';
}

/** The selector that matches every object (empty string, `{}`). */
export const EVERYTHING: ParsedSelector = Object.freeze({ requirements: Object.freeze([]) });

/** The selector that matches no object (a missing `spec.selector`). */
export const NOTHING: ParsedSelector = Object.freeze({ requirements: Object.freeze([]), matchesNothing: true });

const INT64_RE = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go `strconv.ParseInt(s, 10, 64)`: undefined when not a decimal int64 (labels hold any text). */
export function parseInt64(s: string): bigint | undefined {
  if (!INT64_RE.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** One requirement against a label map, with Kubernetes' rules for absent keys. */
export function requirementMatches(req: SelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'in':
    case '=':
    case '==':
      return has && req.values.includes(labels[req.key] ?? '');
    case 'notin':
    case '!=':
      return !has || !req.values.includes(labels[req.key] ?? '');
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || req.values.length !== 1) return false;
      const actual = parseInt64(labels[req.key] ?? '');
      const bound = parseInt64(req.values[0] ?? '');
      if (actual === undefined || bound === undefined) return false;
      return req.operator === 'gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/** Whether every requirement holds; the nil selector never matches. */
export function matchesParsedSelector(
  selector: ParsedSelector,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  if (selector.matchesNothing) return false;
  const ls = labels ?? {};
  for (const req of selector.requirements) {
    if (!requirementMatches(req, ls)) return false;
  }
  return true;
}

const OPERATOR_TEXT: Record<SelectorOperator, string> = {
  in: ' in ',
  notin: ' notin ',
  '=': '=',
  '==': '==',
  '!=': '!=',
  exists: '',
  '!': '',
  gt: '>',
  lt: '<',
};

/** `Requirement.String()`: `k=v`, `k in (a,b)`, `!k`; several values print sorted. */
export function requirementToString(req: SelectorRequirement): string {
  if (req.operator === 'exists') return req.key;
  if (req.operator === '!') return `!${req.key}`;
  const values = req.values.length === 1 ? (req.values[0] ?? '') : [...req.values].sort().join(',');
  const body = req.operator === 'in' || req.operator === 'notin' ? `(${values})` : values;
  return `${req.key}${OPERATOR_TEXT[req.operator]}${body}`;
}

/** `Selector.String()`: what kubectl shows and sends back; empty for everything and for nothing. */
export function selectorToString(selector: ParsedSelector): string {
  return selector.requirements.map(requirementToString).join(',');
}

/** Sort requirements by key, stably, as `labels.ByKey` does on parse and Add. */
export function sortRequirements(reqs: SelectorRequirement[]): SelectorRequirement[] {
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
