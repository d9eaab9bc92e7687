/**
 * Building validated selector requirements (apimachinery `labels.NewRequirement`), with Go's
 * field-error text so a bad `?labelSelector=` or node-affinity term explains itself the same way
 * a real apiserver does.
 */
import { validateLabelKey, validateLabelValue } from './label-validation.js';
import { parseInt64, type SelectorOperator, type SelectorRequirement } from './selector.js';

const ALL_OPERATORS: readonly string[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!'];

/** Go's `%q` for a string, close enough for error text. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go's `%#v` for a `[]string`; `undefined` stands for a nil slice. */
export function goStringSlice(values: readonly string[] | undefined): string {
  if (values === undefined) return '[]string(nil)';
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** `field.Path` joining: undefined is the nil path (no prefix). */
function child(path: string | undefined, name: string): string {
  return path === undefined || path === '' ? name : `${path}.${name}`;
}

/** `errors.NewAggregate(...).Error()`: one message alone, several deduplicated in brackets. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}

/** A requirement plus the field errors that `labels.NewRequirement` would return for it. */
export interface RequirementResult {
  readonly requirement: SelectorRequirement;
  readonly errors: readonly string[];
}

/** Validate one requirement exactly as `labels.NewRequirement` does (key, arity, integers, values). */
export function newRequirement(
  key: string,
  operator: SelectorOperator | string,
  values: readonly string[] | undefined,
  path?: string,
): RequirementResult {
  const errors: string[] = [];
  const keyErrs = validateLabelKey(key);
  if (keyErrs.length > 0) errors.push(`${child(path, 'key')}: Invalid value: ${goQuote(key)}: ${keyErrs.join('; ')}`);
  const vals = values ?? [];
  const valuePath = child(path, 'values');
  const invalid = (detail: string): string => `${valuePath}: Invalid value: ${goStringSlice(values)}: ${detail}`;
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errors.push(invalid("for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errors.push(invalid('exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errors.push(invalid('values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errors.push(invalid("for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errors.push(`${valuePath}[${i}]: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
        }
      });
      break;
    default:
      errors.push(
        `${child(path, 'operator')}: Unsupported value: ${goQuote(operator)}: supported values: ${ALL_OPERATORS.map(goQuote).join(', ')}`,
      );
  }
  vals.forEach((v, i) => {
    const msgs = validateLabelValue(v);
    if (msgs.length > 0) errors.push(`${valuePath}[${i}][${key}]: Invalid value: ${goQuote(v)}: ${msgs.join('; ')}`);
  });
  return { requirement: { key, operator: operator as SelectorOperator, values: vals }, errors };
}
