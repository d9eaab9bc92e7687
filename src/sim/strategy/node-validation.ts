/**
 * Node and Namespace validation. Lessons taint nodes through the API (`kubectl taint`,
 * `kubectl edit node`), so taint mistakes must be refused with the real wording, including
 * the `metadata.taints[...]` path Kubernetes has always used for node taints.
 */
import type { Namespace, NewObject, Node } from '../../cluster/types.js';
import { forbidden, invalid, type FieldError } from './field-error.js';
import { goStr } from './go-format.js';
import { validateObjectMeta } from './meta-validation.js';
import { isQualifiedName, nameIsDnsLabel, nameIsDnsSubdomain } from './names.js';
import { QUANTITY_REGEX_MESSAGE, isValidQuantity, quantitySign } from './quantity-port.js';
import { validateNodeTaints } from './scheduling-validation.js';

function validateResourceList(list: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const name of Object.keys(list ?? {}).sort()) {
    const value = String(list?.[name]);
    const p = `${path}.${name}`;
    if (!isValidQuantity(value)) errs.push(invalid(p, goStr(value), QUANTITY_REGEX_MESSAGE));
    else if (quantitySign(value) < 0) errs.push(invalid(p, goStr(value), 'must be greater than or equal to 0'));
  }
  return errs;
}

/** `ValidateNode`: metadata (cluster-scoped), taints, capacity/allocatable quantities. */
export function validateNode(node: NewObject<Node>): FieldError[] {
  const errs = validateObjectMeta(node.metadata, { namespaced: false, nameFn: nameIsDnsSubdomain });
  const taints = node.spec?.taints ?? [];
  if (taints.length > 0) errs.push(...validateNodeTaints(taints, 'metadata.taints'));
  errs.push(...validateResourceList(node.status?.capacity, 'status.capacity'));
  errs.push(...validateResourceList(node.status?.allocatable, 'status.allocatable'));
  return errs;
}

/** `ValidateNodeUpdate`: as create, plus podCIDRs and providerID fixed once set. */
export function validateNodeUpdate(node: NewObject<Node>, old: NewObject<Node>): FieldError[] {
  const errs = validateNode(node);
  const oldCidrs = old.spec?.podCIDRs ?? [];
  const newCidrs = node.spec?.podCIDRs ?? [];
  if (oldCidrs.length > 0 && (oldCidrs.length !== newCidrs.length || oldCidrs.some((c, i) => c !== newCidrs[i])))
    errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  const oldProvider = old.spec?.providerID ?? '';
  if (oldProvider !== '' && oldProvider !== (node.spec?.providerID ?? ''))
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  return errs;
}

/** `ValidateNamespace`: an RFC 1123 label name and well-formed spec finalizers. */
export function validateNamespace(ns: NewObject<Namespace>): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, { namespaced: false, nameFn: nameIsDnsLabel });
  const p = 'spec.finalizers';
  (ns.spec?.finalizers ?? []).forEach((f) => {
    for (const msg of isQualifiedName(f)) errs.push(invalid(p, goStr(f), msg));
    if (!f.includes('/') && f !== 'kubernetes') errs.push(invalid(p, goStr(f), 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  return errs;
}
