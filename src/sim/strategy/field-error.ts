/**
 * Field-level validation errors shaped like apimachinery's `field.Error`, and the
 * `<Kind>.<group> "name" is invalid: ...` message the apiserver wraps them in (422 Invalid).
 */
import { goQuote, type BadValue } from './go-format.js';

/** The `reason` of one cause, as apimachinery names it. */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueTooLong'
  | 'FieldValueNotFound';

/** One validation failure; `message` is the cause body kubectl prints after the field path. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  detail: string;
  value?: unknown;
  message: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueTooLong: 'Too long',
  FieldValueNotFound: 'Not found',
};

function make(type: FieldErrorType, field: string, detail: string, value?: BadValue): FieldError {
  let message = TYPE_TEXT[type];
  if (value !== undefined) message += `: ${value.go}`;
  if (detail !== '') message += `: ${detail}`;
  const err: FieldError = { type, field, detail, message };
  if (value !== undefined) err.value = value.raw;
  return err;
}

/** `field: Required value[: detail]` */
export function required(field: string, detail = ''): FieldError {
  return make('FieldValueRequired', field, detail);
}

/** `field: Invalid value: <v>: detail` */
export function invalid(field: string, value: BadValue, detail: string): FieldError {
  return make('FieldValueInvalid', field, detail, value);
}

/** `field: Unsupported value: <v>: supported values: "a", "b"` */
export function notSupported(field: string, value: BadValue, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return make('FieldValueNotSupported', field, detail, value);
}

/** `field: Forbidden: detail` */
export function forbidden(field: string, detail: string): FieldError {
  return make('FieldValueForbidden', field, detail);
}

/** `field: Duplicate value: <v>[: detail]` */
export function duplicate(field: string, value: BadValue, detail = ''): FieldError {
  return make('FieldValueDuplicate', field, detail, value);
}

/** `field: Too long: must have at most N bytes` */
export function tooLong(field: string, maxLength: number): FieldError {
  return make('FieldValueTooLong', field, `must have at most ${maxLength} bytes`);
}

/** `field: Not found: <v>` */
export function notFound(field: string, value: BadValue): FieldError {
  return make('FieldValueNotFound', field, '', value);
}

/** `a.b` path step (a leading empty path yields just the child). */
export function child(path: string, ...names: string[]): string {
  let acc = path;
  for (let i = 0; i < names.length; i++) acc = acc === '' ? (names[i] as string) : `${acc}.${names[i] as string}`;
  return acc;
}

/** `a[3]` or `a[key]` path step. */
export function index(path: string, i: number | string): string {
  return `${path}[${i}]`;
}

/** `field: body`, the line kubectl prints for one cause. */
export function fieldErrorText(err: FieldError): string {
  return `${err.field}: ${err.message}`;
}

/**
 * `DaemonSet.apps "x" is invalid: e1` or `... is invalid: [e1, e2]`, deduplicated like Go's
 * `ErrorList.ToAggregate`. `qualifiedKind` is Kind plus `.group` for non-core groups.
 */
export function invalidMessage(qualifiedKind: string, name: string, errors: readonly FieldError[]): string {
  const head = `${qualifiedKind} ${goQuote(name)} is invalid`;
  const texts = [...new Set(errors.map(fieldErrorText))];
  if (texts.length === 0) return head;
  if (texts.length === 1) return `${head}: ${texts[0]}`;
  return `${head}: [${texts.join(', ')}]`;
}

/** The `details.causes` entries of a 422 Status, in error order. */
export function statusCauses(errors: readonly FieldError[]): Array<{ reason: FieldErrorType; message: string; field: string }> {
  return errors.map((e) => ({ reason: e.type, message: e.message, field: e.field }));
}
