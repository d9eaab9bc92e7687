/**
 * ObjectMeta, label and label-selector validation (apimachinery api/validation/objectmeta.go
 * and meta/v1/validation), shared by every kind the simulator accepts.
 */
import type { LabelSelector, ObjectMetaInput } from '../../cluster/types.js';
import { child, forbidden, index, invalid, required, tooLong, type FieldError } from './field-error.js';
import { goStr } from './go-format.js';
import { isQualifiedName, isValidLabelValue, nameIsDnsLabel } from './names.js';

/** How a kind's names are checked: `(name, isPrefix) => problems`. */
export type NameValidator = (name: string, prefix: boolean) => string[];

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function sortedEntries(map: Record<string, string> | undefined): Array<[string, string]> {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Label keys must be qualified names. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => invalid(path, goStr(name), msg));
}

/** Keys and values of a label map (also nodeSelector and selector matchLabels). */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  // Valid maps (nearly all) are checked without sorting or copying their entries.
  if (labels === undefined || allValid(labels)) return [];
  const errs: FieldError[] = [];
  for (const [k, v] of sortedEntries(labels)) {
    errs.push(...validateLabelName(k, path));
    for (const msg of isValidLabelValue(String(v))) errs.push(invalid(path, goStr(String(v)), msg));
  }
  return errs;
}

function allValid(labels: Record<string, string>): boolean {
  for (const k in labels) if (isQualifiedName(k).length > 0 || isValidLabelValue(String(labels[k])).length > 0) return false;
  return true;
}

/** Annotation keys (case-insensitive qualified names) and their total size. */
export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of sortedEntries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, goStr(k), msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateFinalizers(finalizers: readonly string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) for (const msg of isQualifiedName(f)) errs.push(invalid(path, goStr(f), msg));
  list.forEach((f, i) => {
    const idx = index(path, i);
    for (const msg of isQualifiedName(f)) errs.push(invalid(idx, goStr(f), msg));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f))
      errs.push(invalid(idx, goStr(f), 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  return errs;
}

/** Options for {@link validateObjectMeta}: scope and the kind's name rule. */
export interface ObjectMetaOptions {
  namespaced: boolean;
  nameFn: NameValidator;
}

/** `ValidateObjectMeta`: generateName, name, namespace, labels, annotations, finalizers. */
export function validateObjectMeta(meta: ObjectMetaInput, opts: ObjectMetaOptions, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const generateName = meta.generateName ?? '';
  if (generateName !== '')
    for (const msg of opts.nameFn(generateName, true)) errs.push(invalid(child(path, 'generateName'), goStr(generateName), msg));
  const name = meta.name ?? '';
  if (name === '') errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const msg of opts.nameFn(name, false)) errs.push(invalid(child(path, 'name'), goStr(name), msg));
  const ns = meta.namespace ?? '';
  if (opts.namespaced) {
    if (ns === '') errs.push(required(child(path, 'namespace')));
    else for (const msg of nameIsDnsLabel(ns, false)) errs.push(invalid(child(path, 'namespace'), goStr(ns), msg));
  } else if (ns !== '') {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...validateLabels(meta.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  errs.push(...validateFinalizers(meta.finalizers, child(path, 'finalizers')));
  return errs;
}

/** `ValidateLabelSelector`: matchLabels, then each expression's operator, key and values. */
export function validateLabelSelector(selector: LabelSelector | undefined, path: string): FieldError[] {
  if (selector === undefined) return [];
  const errs = validateLabels(selector.matchLabels, child(path, 'matchLabels'));
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const p = index(child(path, 'matchExpressions'), i);
    const values = expr.values ?? [];
    const op = String(expr.operator ?? '');
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(invalid(child(p, 'operator'), goStr(op), 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(String(expr.key ?? ''), child(p, 'key')));
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(String(v))) errs.push(invalid(index(child(p, 'values'), j), goStr(String(v)), msg));
    });
  });
  return errs;
}

/**
 * Whether a selector selects a label set, as `metav1.LabelSelectorAsSelector(...).Matches`:
 * an absent selector matches nothing, an empty one matches everything.
 */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (selector === undefined) return false;
  const set = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (set[k] !== v) return false;
  for (const expr of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(set, expr.key);
    const value = set[expr.key];
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (!has || value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
