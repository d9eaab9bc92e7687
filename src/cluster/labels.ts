/**
 * Label selectors as Kubernetes evaluates them: the structured `LabelSelector` of DaemonSets,
 * the `?labelSelector=` text kubectl sends, and the strings kubectl prints for both.
 */
import type { LabelSelector, LabelSelectorRequirement } from './types.js';
import { aggregateMessage, goQuote, newRequirement } from './selector-requirement.js';
import {
  EVERYTHING,
  NOTHING,
  SelectorParseError,
  selectorToString,
  sortRequirements,
  type ParsedSelector,
  type SelectorOperator,
  type SelectorRequirement,
} from './selector.js';

export { validateLabelKey, validateLabelValue, validateDns1123Subdomain } from './label-validation.js';
export { parseSelector } from './selector-parser.js';
export {
  EVERYTHING,
  NOTHING,
  SelectorParseError,
  matchesParsedSelector,
  selectorToString,
  type ParsedSelector,
  type SelectorOperator,
  type SelectorRequirement,
} from './selector.js';

const EMPTY_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Whether a structured selector matches a label set, on the hot path (every pod, every sync):
 * undefined matches nothing, `{}` matches everything. Invalid selectors are rejected by API
 * validation, so this evaluates them literally instead of re-validating.
 */
export function matchesLabelSelector(
  selector: LabelSelector | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  if (selector === undefined) return false;
  const ls = labels ?? EMPTY_LABELS;
  const matchLabels = selector.matchLabels;
  if (matchLabels !== undefined) {
    for (const key in matchLabels) {
      if (!Object.prototype.hasOwnProperty.call(ls, key) || ls[key] !== matchLabels[key]) return false;
    }
  }
  for (const expr of selector.matchExpressions ?? []) {
    if (!expressionMatches(expr, ls)) return false;
  }
  return true;
}

/** One `matchExpressions` entry, evaluated in place (no requirement object per call). */
function expressionMatches(expr: LabelSelectorRequirement, ls: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(ls, expr.key);
  const values = expr.values ?? [];
  switch (expr.operator) {
    case 'In':
      return has && values.includes(ls[expr.key] ?? '');
    case 'NotIn':
      return !has || !values.includes(ls[expr.key] ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

const STRUCTURED_OPERATORS: Record<string, SelectorOperator | undefined> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * `metav1.LabelSelectorAsSelector`: validates and converts; throws `SelectorParseError` with
 * Kubernetes' message for an unknown operator or invalid key/values.
 */
export function labelSelectorAsSelector(selector: LabelSelector | undefined): ParsedSelector {
  if (selector === undefined) return NOTHING;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const exprs = selector.matchExpressions ?? [];
  if (matchLabels.length + exprs.length === 0) return EVERYTHING;
  const reqs: SelectorRequirement[] = [];
  for (const [key, value] of matchLabels) reqs.push(checked(key, '=', [value]));
  for (const expr of exprs) {
    const op = STRUCTURED_OPERATORS[expr.operator];
    if (op === undefined) throw new SelectorParseError(`${goQuote(expr.operator)} is not a valid label selector operator`);
    reqs.push(checked(expr.key, op, expr.values === undefined || expr.values.length === 0 ? undefined : expr.values));
  }
  return { requirements: sortRequirements(reqs) };
}

function checked(key: string, op: SelectorOperator, values: readonly string[] | undefined): SelectorRequirement {
  const { requirement, errors } = newRequirement(key, op, values);
  if (errors.length > 0) throw new SelectorParseError(aggregateMessage(errors));
  return requirement;
}

/** The DaemonSet SELECTOR column (`metav1.FormatLabelSelector`): `<none>` when empty, `<error>` when invalid. */
export function labelSelectorToString(selector: LabelSelector | undefined): string {
  let text: string;
  try {
    text = selectorToString(labelSelectorAsSelector(selector));
  } catch (err) {
    if (err instanceof SelectorParseError) return '<error>';
    throw err;
  }
  return text === '' ? '<none>' : text;
}

/** `labels.FormatLabels`: `k=v` pairs sorted as whole strings (NODE SELECTOR, --show-labels), `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  if (labels === undefined) return '<none>';
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  if (pairs.length === 0) return '<none>';
  return pairs.sort().join(',');
}
