/**
 * DaemonSet create and update validation (pkg/apis/apps/validation plus the registry
 * strategy's selector immutability), in the order a v1.32 apiserver reports causes.
 */
import type { DaemonSet, DaemonSetUpdateStrategy, IntOrString, NewObject, RollingUpdateDaemonSet } from '../../cluster/types.js';
import { child, forbidden, invalid, notSupported, required, type FieldError } from './field-error.js';
import { goIntOrString, goLabelSelector, goPlain, goQuote, goStringMap, goStruct } from './go-format.js';
import { selectorMatches, validateLabelSelector, validateObjectMeta } from './meta-validation.js';
import { isValidPercent, nameIsDnsSubdomain } from './names.js';
import { validatePodTemplateSpec } from './pod-validation.js';
import { semanticEqual } from './semantic-equal.js';

function validateNonNegative(value: unknown, path: string): FieldError[] {
  if (value === undefined || value === null) return [];
  const n = Number(value);
  return n < 0 ? [invalid(path, goPlain(n), 'must be greater than or equal to 0')] : [];
}

function percentValue(v: IntOrString | undefined): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return undefined;
  return Number.parseInt(v.slice(0, -1), 10);
}

/** `getIntOrPercentValue`: percent number, int, or a plain numeric string (Atoi), else 0. */
function intOrPercentValue(v: IntOrString | undefined): number {
  const pct = percentValue(v);
  if (pct !== undefined) return pct;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) return Number.parseInt(v, 10);
  return 0;
}

function validateIntOrPercent(v: IntOrString | undefined, path: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return isValidPercent(v).map((msg) => invalid(path, goIntOrString(v), msg));
  return validateNonNegative(v, path);
}

function validateNotMoreThan100Percent(v: IntOrString | undefined, path: string): FieldError[] {
  const pct = percentValue(v);
  return pct !== undefined && pct > 100 && v !== undefined ? [invalid(path, goIntOrString(v), 'must not be greater than 100%')] : [];
}

function validateRollingUpdate(ru: RollingUpdateDaemonSet, path: string): FieldError[] {
  const unavailPath = child(path, 'maxUnavailable');
  const surgePath = child(path, 'maxSurge');
  const errs = [
    ...validateIntOrPercent(ru.maxUnavailable, unavailPath),
    ...validateIntOrPercent(ru.maxSurge, surgePath),
    ...validateNotMoreThan100Percent(ru.maxUnavailable, unavailPath),
    ...validateNotMoreThan100Percent(ru.maxSurge, surgePath),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(surgePath, goIntOrString(ru.maxSurge ?? 0), 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errs.push(required(unavailPath, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

function validateUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined, path: string): FieldError[] {
  const type = String(strategy?.type ?? '');
  if (type === 'OnDelete') return [];
  if (type === 'RollingUpdate') {
    if (!strategy?.rollingUpdate) return [required(child(path, 'rollingUpdate'))];
    return validateRollingUpdate(strategy.rollingUpdate, child(path, 'rollingUpdate'));
  }
  const ru = strategy?.rollingUpdate ? '(*apps.RollingUpdateDaemonSet)(0xc000b2a3c0)' : '(*apps.RollingUpdateDaemonSet)(nil)';
  const value = goStruct('apps.DaemonSetUpdateStrategy', strategy ?? null, [
    ['Type', goQuote(type)],
    ['RollingUpdate', ru],
  ]);
  return [notSupported(path, value, ['RollingUpdate', 'OnDelete'])];
}

function validateDaemonSetSpec(ds: NewObject<DaemonSet>): FieldError[] {
  const spec = ds.spec;
  const selector = spec.selector ?? undefined;
  const templateLabels = spec.template?.metadata?.labels;
  const selectorErrs = validateLabelSelector(selector, 'spec.selector');
  const errs = [...selectorErrs];
  if (selectorErrs.length === 0 && !selectorMatches(selector, templateLabels))
    errs.push(invalid('spec.template.metadata.labels', goStringMap(templateLabels), '`selector` does not match template `labels`'));
  if (selector !== undefined && (selector.matchLabels ? Object.keys(selector.matchLabels).length : 0) + (selector.matchExpressions?.length ?? 0) === 0)
    errs.push(invalid('spec.selector', goLabelSelector(selector), 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  const restartPolicy = String(spec.template?.spec?.restartPolicy ?? '');
  if (restartPolicy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', { raw: restartPolicy, go: goQuote(restartPolicy) }, ['Always']));
  const podSpec = spec.template?.spec as object | undefined;
  if (podSpec && (podSpec as Record<string, unknown>)['activeDeadlineSeconds'] !== undefined)
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
  errs.push(...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateUpdateStrategy(spec.updateStrategy, 'spec.updateStrategy'));
  errs.push(...validateNonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

/** Create-time validation of a defaulted DaemonSet; empty when it may be stored. */
export function validateDaemonSet(ds: NewObject<DaemonSet>): FieldError[] {
  return [...validateObjectMeta(ds.metadata, { namespaced: true, nameFn: nameIsDnsSubdomain }), ...validateDaemonSetSpec(ds)];
}

/** Update validation: the full object, then immutable metadata, then the immutable selector. */
export function validateDaemonSetUpdate(ds: NewObject<DaemonSet>, old: NewObject<DaemonSet>): FieldError[] {
  const errs = validateDaemonSet(ds);
  for (const key of ['name', 'namespace'] as const) {
    const now = ds.metadata[key] ?? '';
    if (now !== (old.metadata[key] ?? '')) errs.push(invalid(`metadata.${key}`, { raw: now, go: goQuote(now) }, 'field is immutable'));
  }
  if (!semanticEqual(ds.spec.selector, old.spec.selector)) {
    const value = ds.spec.selector === undefined ? { raw: null, go: 'null' } : goLabelSelector(ds.spec.selector);
    errs.push(invalid('spec.selector', value, 'field is immutable'));
  }
  return errs;
}
