import { describe, expect, it } from 'vitest';
import {
  QuantityParseError,
  canonicalizeQuantity,
  formatMilliCpu,
  parseQuantity,
  parseQuantityCached,
  quantityToMilli,
  quantityToString,
  quantityValue,
} from '../../src/cluster/quantity.js';
import {
  addQuantities,
  compareQuantities,
  insufficientResources,
  podRequests,
  subtractQuantities,
  sumResourceLists,
} from '../../src/cluster/resource-fit.js';

const q = parseQuantity;
const FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIX = "unable to parse quantity's suffix";

describe('canonicalizeQuantity (what the apiserver stores)', () => {
  it.each([
    // from the brief and DaemonSet manifests
    ['0.5', '500m'],
    ['1Gi', '1Gi'],
    ['1000m', '1'],
    ['1.5Gi', '1536Mi'],
    ['100M', '100M'],
    ['0.1', '100m'],
    ['250m', '250m'],
    ['128Mi', '128Mi'],
    ['2', '2'],
    // already-canonical input is kept verbatim (TestQuantityString)
    ['1e3', '1e3'],
    ['1E6', '1E6'],
    ['300e6', '300e6'],
    ['1080m', '1080m'],
    ['1G', '1G'],
    ['+1', '+1'],
    ['1.', '1.'],
    ['1.G', '1.G'],
    ['012', '012'],
    // re-emitted in canonical form (TestQuantityParseEmit / alternates)
    ['1024Mi', '1Gi'],
    ['307200Ki', '300Mi'],
    ['1000M', '1G'],
    ['0.001T', '1G'],
    ['1.08', '1080m'],
    ['1080000000n', '1080m'],
    ['5000m', '5'],
    ['0.001e0', '1e-3'],
    ['.001e12', '1e9'],
    ['1.5e3', '1500'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['0.5Mi', '512Ki'],
    ['2048Ki', '2Mi'],
    ['1536Ki', '1536Ki'],
    ['100.035Ki', '102435840m'],
    ['1.01E', '1010P'],
    // rounding up below 1n, and the binary cap
    ['3.001n', '4n'],
    ['1.1E-9', '2e-9'],
    ['0.00000012345', '124n'],
    ['9Ei', '9223372036854775807'],
    // zero and signs
    ['0', '0'],
    ['0Ki', '0'],
    ['00', '0'],
    ['-1.5', '-1500m'],
    ['-1024Mi', '-1Gi'],
  ])('%s → %s', (input, stored) => {
    expect(canonicalizeQuantity(input)).toBe(stored);
  });
});

describe('parseQuantity errors', () => {
  it.each([
    ['', FORMAT],
    ['1.1.M', FORMAT],
    ['1+1.0M', FORMAT],
    ['0.1am', FORMAT],
    ['aoeu', FORMAT],
    [' 1', FORMAT],
    ['1 ', FORMAT],
    ['0.1mi', SUFFIX],
    ['.5i', SUFFIX],
    ['1i', SUFFIX],
    ['-3.01i', SUFFIX],
    ['-3.01e-', SUFFIX],
  ])('%j → %s', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(QuantityParseError);
    expect(() => parseQuantity(input)).toThrow(message);
  });
});

describe('values', () => {
  it.each([
    ['500m', 500, 1],
    ['1', 1000, 1],
    ['1.5', 1500, 2],
    ['0.0001', 1, 1],
    ['100n', 1, 1],
    ['1Gi', 1073741824000, 1073741824],
    ['100M', 100000000000, 100000000],
    ['1e3', 1000000, 1000],
    ['0', 0, 0],
    ['-1.5', -1500, -2],
  ])('%s → %d milli, %d units (rounded up)', (input, milli, value) => {
    expect(quantityToMilli(q(input))).toBe(milli);
    expect(quantityValue(q(input))).toBe(value);
  });

  it.each([
    [500, '500m'],
    [1000, '1'],
    [1500, '1500m'],
    [2000, '2'],
    [0, '0'],
    [100, '100m'],
  ])('formatMilliCpu(%d) → %s', (milli, printed) => {
    expect(formatMilliCpu(milli)).toBe(printed);
  });

  it('caches parses without changing results', () => {
    expect(parseQuantityCached('0.5')).toBe(parseQuantityCached('0.5'));
    expect(quantityToString(parseQuantityCached('0.5'))).toBe('500m');
  });
});

describe('arithmetic', () => {
  it.each([
    ['100m', '400m', '500m'],
    ['1', '500m', '1500m'],
    ['1Gi', '512Mi', '1536Mi'],
    ['0', '1Gi', '1Gi'],
    ['1k', '1', '1001'],
  ])('%s + %s = %s', (a, b, sum) => {
    expect(quantityToString(addQuantities(q(a), q(b)))).toBe(sum);
  });

  it.each([
    ['1', '250m', '750m'],
    ['2Gi', '1Gi', '1Gi'],
    ['100m', '200m', '-100m'],
  ])('%s - %s = %s', (a, b, diff) => {
    expect(quantityToString(subtractQuantities(q(a), q(b)))).toBe(diff);
  });

  it.each([
    ['1', '1000m', 0],
    ['1Gi', '1073741824', 0],
    ['1G', '1Gi', -1],
    ['1.1', '1', 1],
    ['1n', '0', 1],
    ['1e3', '1k', 0],
  ])('compare %s vs %s → %d', (a, b, expected) => {
    expect(compareQuantities(q(a), q(b))).toBe(expected);
  });

  it('sums resource lists per name', () => {
    const total = sumResourceLists([{ cpu: '100m', memory: '64Mi' }, { cpu: '0.4' }, undefined]);
    expect(Object.fromEntries(Object.entries(total).map(([k, v]) => [k, quantityToString(v)]))).toEqual({ cpu: '500m', memory: '64Mi' });
  });
});

describe('podRequests (containers summed, init containers as peaks, sidecars added)', () => {
  const c = (name: string, cpu: string, restartPolicy?: 'Always') => ({
    name,
    resources: { requests: { cpu } },
    ...(restartPolicy ? { restartPolicy } : {}),
  });
  it.each([
    ['containers only', [c('a', '100m'), c('b', '200m')], [], '300m'],
    ['bigger init container wins', [c('a', '100m')], [c('i', '1')], '1'],
    ['smaller init container ignored', [c('a', '500m')], [c('i', '100m')], '500m'],
    ['sidecar adds to containers', [c('a', '100m')], [c('s', '50m', 'Always')], '150m'],
    ['init after sidecar runs next to it', [c('a', '100m')], [c('s', '500m', 'Always'), c('i', '1')], '1500m'],
  ])('%s', (_name, containers, initContainers, cpu) => {
    const reqs = podRequests({ containers, initContainers });
    expect(quantityToString(reqs.cpu ?? q('0'))).toBe(cpu);
  });
});

describe('insufficientResources (NodeResourcesFit)', () => {
  const alloc = { cpu: '2', memory: '4Gi', pods: '110' };
  it.each([
    ['fits', { cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }, []],
    ['exactly fits', { cpu: '1' }, { cpu: '1' }, []],
    ['cpu short by 1m', { cpu: '1001m' }, { cpu: '1' }, ['cpu']],
    ['memory short', { memory: '3Gi' }, { memory: '2Gi' }, ['memory']],
    ['both short, cpu first', { memory: '5Gi', cpu: '3' }, {}, ['cpu', 'memory']],
    ['unknown extended resource is short', { 'nvidia.com/gpu': '1' }, {}, ['nvidia.com/gpu']],
    ['zero requests never fail', { cpu: '0' }, { cpu: '5' }, []],
  ])('%s', (_name, request, used, short) => {
    const parse = (r: Record<string, string>) => sumResourceLists([r]);
    expect(insufficientResources(parse(request), alloc, parse(used))).toEqual(short);
  });
});
