/**
 * Validation of the pod-spec fields that steer scheduling: tolerations, taints, node
 * affinity. These are where DaemonSet lessons go wrong most often, so the wording matters.
 */
import type { NodeAffinity, NodeSelector, NodeSelectorRequirement, Taint, Toleration } from '../../cluster/types.js';
import { child, duplicate, forbidden, index, invalid, notSupported, required, type FieldError } from './field-error.js';
import { goPlain, goQuote, goStr, goStruct } from './go-format.js';
import { validateLabelName } from './meta-validation.js';
import { isQualifiedName, isValidLabelValue, nameIsDnsSubdomain } from './names.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint and toleration effects; an empty effect is allowed only on tolerations. */
export function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect === '') return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, goStr(effect), TAINT_EFFECTS)];
}

/** `ValidateTolerations` (Kubernetes 1.32 wording: the Exists+value error shows the value). */
export function validateTolerations(tolerations: readonly Toleration[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  // Field paths are built only for errors: every DaemonSet pod carries seven tolerations.
  const at = (i: number, field: string) => child(index(path, i), field);
  for (let i = 0; i < tolerations.length; i++) {
    const t = tolerations[i] as Toleration;
    const key = String(t.key ?? '');
    const operator = String(t.operator ?? '');
    const value = String(t.value ?? '');
    const effect = String(t.effect ?? '');
    if (key !== '' && isQualifiedName(key).length > 0) errs.push(...validateLabelName(key, at(i, 'key')));
    if (key === '' && operator !== 'Exists')
      errs.push(invalid(at(i, 'operator'), goStr(operator), 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute')
      errs.push(invalid(at(i, 'effect'), goStr(effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(invalid(at(i, 'operator'), goStr(value), msgs.join(';')));
    } else if (operator === 'Exists') {
      if (value !== '') errs.push(invalid(at(i, 'operator'), goStr(value), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(at(i, 'operator'), goStr(operator), ['Equal', 'Exists']));
    }
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) errs.push(...validateTaintEffect(effect, true, at(i, 'effect')));
  }
  return errs;
}

function goTaint(t: Taint): ReturnType<typeof goStruct> {
  // A set pointer prints as an address in Go; any stable address reads the same to a learner.
  const timeAdded = t.timeAdded === undefined ? '(*v1.Time)(nil)' : '(*v1.Time)(0xc000a1c2d0)';
  return goStruct('core.Taint', t, [
    ['Key', goQuote(String(t.key ?? ''))],
    ['Value', goQuote(String(t.value ?? ''))],
    ['Effect', goQuote(String(t.effect ?? ''))],
    ['TimeAdded', timeAdded],
  ]);
}

/** `validateNodeTaints`: key, value, required effect, unique by key and effect. */
export function validateNodeTaints(taints: readonly Taint[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((t, i) => {
    const p = index(path, i);
    const key = String(t.key ?? '');
    const value = String(t.value ?? '');
    const effect = String(t.effect ?? '');
    errs.push(...validateLabelName(key, child(p, 'key')));
    const msgs = isValidLabelValue(value);
    if (msgs.length > 0) errs.push(invalid(child(p, 'value'), goStr(value), msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, child(p, 'effect')));
    const id = `${effect}\u0000${key}`;
    if (seen.has(id)) {
      errs.push(duplicate(p, goTaint(t), 'taints must be unique by key and effect pair'));
      return;
    }
    seen.add(id);
  });
  return errs;
}

function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  const op = String(rq.operator ?? '');
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0) errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) errs.push(forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else if (op === 'Gt' || op === 'Lt') {
    if (values.length !== 1) errs.push(required(child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
  } else {
    errs.push(invalid(child(path, 'operator'), goStr(op), 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(String(rq.key ?? ''), child(path, 'key')));
  return errs;
}

function validateNodeFieldSelectorRequirement(rq: NodeSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  const op = String(rq.operator ?? '');
  if (op === 'In' || op === 'NotIn') {
    if (values.length !== 1) errs.push(required(child(path, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else {
    errs.push(invalid(child(path, 'operator'), goStr(op), 'not a valid selector operator'));
  }
  if (rq.key !== 'metadata.name') errs.push(invalid(child(path, 'key'), goStr(String(rq.key ?? '')), 'not a valid field selector key'));
  else
    values.forEach((v, i) => {
      for (const msg of nameIsDnsSubdomain(String(v), false)) errs.push(invalid(index(child(path, 'values'), i), goStr(String(v)), msg));
    });
  return errs;
}

function validateNodeSelectorTerm(term: NonNullable<NodeSelector['nodeSelectorTerms']>[number], path: string): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((rq, j) => errs.push(...validateNodeSelectorRequirement(rq, index(child(path, 'matchExpressions'), j))));
  (term.matchFields ?? []).forEach((rq, j) => errs.push(...validateNodeFieldSelectorRequirement(rq, index(child(path, 'matchFields'), j))));
  return errs;
}

/** `validateNodeAffinity`: required terms (at least one) and preferred terms with weights. */
export function validateNodeAffinity(na: NodeAffinity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = na.requiredDuringSchedulingIgnoredDuringExecution;
  if (req !== undefined && req !== null) {
    const termsPath = child(path, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
    const terms = req.nodeSelectorTerms ?? [];
    if (terms.length === 0) errs.push(required(termsPath, 'must have at least one node selector term'));
    terms.forEach((term, i) => errs.push(...validateNodeSelectorTerm(term, index(termsPath, i))));
  }
  const preferred = na.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  preferred.forEach((term, i) => {
    const p = index(child(path, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
    const weight = Number(term.weight ?? 0);
    if (weight <= 0 || weight > 100) errs.push(invalid(child(p, 'weight'), goPlain(weight), 'must be in the range 1-100'));
    errs.push(...validateNodeSelectorTerm(term.preference ?? {}, child(p, 'preference')));
  });
  return errs;
}
