/**
 * Resource arithmetic for the scheduler: a pod's effective requests and whether they fit a
 * node's allocatable minus what is already requested there (NodeResourcesFit).
 */
import type { Container, PodSpec, ResourceList } from './types.js';
import { parseQuantityCached, type Quantity } from './quantity.js';

/** Exact sum; the result takes the first non-zero operand's format, as `Quantity.Add` does. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const exponent = Math.min(a.exponent, b.exponent);
  const unscaled = a.unscaled * 10n ** BigInt(a.exponent - exponent) + b.unscaled * 10n ** BigInt(b.exponent - exponent);
  return { unscaled, exponent, format: a.unscaled === 0n ? b.format : a.format };
}

/** Exact difference `a - b`. */
export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return addQuantities(a, { ...b, unscaled: -b.unscaled, text: undefined });
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (exact, any suffixes). */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const diff = subtractQuantities(a, b).unscaled;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

const ZERO: Quantity = Object.freeze({ unscaled: 0n, exponent: 0, format: 'DecimalSI' });

/** Sum several resource lists per resource name (e.g. requests of all pods on a node). */
export function sumResourceLists(lists: readonly (ResourceList | undefined)[]): Record<string, Quantity> {
  const total: Record<string, Quantity> = {};
  for (const list of lists) {
    for (const [name, text] of Object.entries(list ?? {})) total[name] = addQuantities(total[name] ?? ZERO, parseQuantityCached(text));
  }
  return total;
}

function maxInto(target: Record<string, Quantity>, other: Readonly<Record<string, Quantity>>): void {
  for (const [name, q] of Object.entries(other)) {
    const current = target[name];
    if (current === undefined || compareQuantities(q, current) > 0) target[name] = q;
  }
}

const requestsOf = (c: Container): ResourceList | undefined => c.resources?.requests;

/**
 * A pod's effective requests (`resourcehelper.PodRequests`, without overhead): the containers'
 * sum, raised to any larger init-container step; sidecars (restartPolicy Always) add to both.
 */
export function podRequests(spec: PodSpec): Record<string, Quantity> {
  const reqs = sumResourceLists(spec.containers.map(requestsOf));
  let sidecars: Record<string, Quantity> = {};
  const initPeak: Record<string, Quantity> = {};
  for (const c of spec.initContainers ?? []) {
    const own = sumResourceLists([requestsOf(c)]);
    let step: Record<string, Quantity>;
    if (c.restartPolicy === 'Always') {
      for (const [name, q] of Object.entries(own)) reqs[name] = addQuantities(reqs[name] ?? ZERO, q);
      sidecars = mergeSum(sidecars, own);
      step = sidecars;
    } else {
      step = mergeSum(own, sidecars);
    }
    maxInto(initPeak, step);
  }
  maxInto(reqs, initPeak);
  return reqs;
}

function mergeSum(a: Readonly<Record<string, Quantity>>, b: Readonly<Record<string, Quantity>>): Record<string, Quantity> {
  const out: Record<string, Quantity> = { ...a };
  for (const [name, q] of Object.entries(b)) out[name] = addQuantities(out[name] ?? ZERO, q);
  return out;
}

/** How the scheduler compares a resource: cpu in millicores, everything else in whole units. */
function amount(name: string, q: Quantity): bigint {
  const scale = name === 'cpu' ? -3 : 0;
  const shift = q.exponent - scale;
  if (shift >= 0) return q.unscaled * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  return (q.unscaled + divisor - 1n) / divisor;
}

/**
 * Resources the pod asks for that the node cannot give (`request > allocatable - requested`),
 * cpu first, then memory, ephemeral-storage, then others sorted; the scheduler reports each as
 * `Insufficient <name>`. Zero requests never fail; the pods count is the caller's business.
 */
export function insufficientResources(
  request: Readonly<Record<string, Quantity>>,
  allocatable: ResourceList | undefined,
  requested: Readonly<Record<string, Quantity>>,
): string[] {
  const order = ['cpu', 'memory', 'ephemeral-storage'];
  const names = Object.keys(request)
    .filter((n) => n !== 'pods')
    .sort((a, b) => rank(order, a) - rank(order, b) || (a < b ? -1 : a > b ? 1 : 0));
  const short: string[] = [];
  for (const name of names) {
    const want = amount(name, request[name] ?? ZERO);
    if (want <= 0n) continue;
    const capText = allocatable?.[name];
    const cap = capText === undefined ? 0n : amount(name, parseQuantityCached(capText));
    const used = amount(name, requested[name] ?? ZERO);
    if (want > cap - used) short.push(name);
  }
  return short;
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i === -1 ? order.length : i;
}
