/**
 * Container `resources` validation: resource names, quantity values, and requests not above
 * limits (`must be less than or equal to cpu limit of 1`), the error learners hit when
 * sizing a DaemonSet for small nodes.
 */
import type { ResourceRequirements } from '../../cluster/types.js';
import { child, forbidden, index, invalid, required, type FieldError } from './field-error.js';
import { goStr } from './go-format.js';
import { isQualifiedName } from './names.js';
import { QUANTITY_REGEX_MESSAGE, compareQuantities, isValidQuantity, quantitySign, isWholeQuantity } from './quantity-port.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

function isExtended(name: string): boolean {
  return !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
}

function overcommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, goStr(name), msg));
  if (errs.length > 0) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) return [invalid(path, goStr(name), 'must be a standard resource for containers')];
  } else if (!isNative(name) && !isExtended(name)) {
    return [invalid(path, goStr(name), "doesn't follow extended resource name standard")];
  }
  return [];
}

function validateQuantityValue(name: string, value: string, path: string): FieldError[] {
  if (!isValidQuantity(value)) return [invalid(path, goStr(value), QUANTITY_REGEX_MESSAGE)];
  const errs: FieldError[] = [];
  if (quantitySign(value) < 0) errs.push(invalid(path, goStr(value), 'must be greater than or equal to 0'));
  if (isExtended(name) && !isWholeQuantity(value)) errs.push(invalid(path, goStr(value), 'must be an integer'));
  return errs;
}

function sortedKeys(list: Record<string, string> | undefined): string[] {
  return Object.keys(list ?? {}).sort();
}

/** `ValidateContainerResourceRequirements` for one container's `resources`. */
export function validateResourceRequirements(res: ResourceRequirements | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits = res?.limits ?? {};
  const requests = res?.requests ?? {};
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  let cpuOrMemory = false;
  let hugePages = false;
  for (const name of sortedKeys(res?.limits)) {
    const p = index(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateQuantityValue(name, String(limits[name]), p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const name of sortedKeys(res?.requests)) {
    const p = index(reqPath, name);
    const value = String(requests[name]);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateQuantityValue(name, value, p));
    const limit = limits[name];
    if (limit !== undefined) {
      const l = String(limit);
      if (isValidQuantity(value) && isValidQuantity(l)) {
        const cmp = compareQuantities(value, l);
        if (cmp !== 0 && !overcommitAllowed(name)) errs.push(invalid(reqPath, goStr(value), `must be equal to ${name} limit of ${l}`));
        else if (cmp > 0) errs.push(invalid(reqPath, goStr(value), `must be less than or equal to ${name} limit of ${l}`));
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}
