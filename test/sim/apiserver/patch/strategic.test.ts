import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import type { Json } from '../../../../src/cluster/types.js';
import {
  PatchError,
  applyStrategicMergePatchWith,
  EMPTY_SCHEMA,
  type PatchFieldMeta,
  type PatchSchema,
} from '../../../../src/sim/apiserver/patch/index.js';
import { SMP_CASES_YAML, SMP_ERROR_CASES_YAML } from './smp-vectors.js';

// apimachinery's `mergeItem` test struct, as patch metadata.
const mergeItem: PatchSchema = {
  field(name: string): PatchFieldMeta {
    switch (name) {
      case 'mergingList':
        return { strategies: ['merge'], mergeKey: 'name', schema: mergeItem };
      case 'mergingIntList':
        return { strategies: ['merge'], schema: EMPTY_SCHEMA };
      case 'retainKeysMap':
        return { strategies: ['retainKeys'], schema: retainKeysMap };
      case 'retainKeysMergingList':
        return { strategies: ['merge', 'retainKeys'], mergeKey: 'name', schema: mergeItem };
      case 'replacingItem':
        return { strategies: ['replace'], schema: EMPTY_SCHEMA };
      case 'mergeItemPtr':
        return { strategies: ['merge'], mergeKey: 'name', schema: mergeItem };
      default:
        return { strategies: [], schema: mergeItem };
    }
  },
};
const retainKeysMap: PatchSchema = {
  field: (name) =>
    name === 'mergingList' ? { strategies: ['merge'], mergeKey: 'name', schema: mergeItem } : { strategies: [], schema: EMPTY_SCHEMA },
};

interface Case {
  description: string;
  original?: Json;
  twoWay: Json;
  modified?: Json;
  twoWayResult?: Json;
  current?: Json;
  threeWay?: Json;
  result?: Json;
  error?: string;
}

const apply = (original: Json | undefined, patch: Json): Json => applyStrategicMergePatchWith(original ?? {}, patch, mergeItem);

describe('strategic merge patch: apimachinery vectors', () => {
  const cases = yaml.load(SMP_CASES_YAML) as Case[];
  it.each(cases.map((c) => [c.description, c] as const))('%s (two-way)', (_d, c) => {
    expect(apply(c.original, c.twoWay)).toStrictEqual(c.twoWayResult ?? c.modified);
  });
  it.each(cases.filter((c) => c.threeWay).map((c) => [c.description, c] as const))('%s (three-way)', (_d, c) => {
    expect(apply(c.current, c.threeWay ?? {})).toStrictEqual(c.result);
  });

  const errors = yaml.load(SMP_ERROR_CASES_YAML) as Case[];
  it.each(errors.map((c) => [c.description, c] as const))('%s', (_d, c) => {
    expect(() => apply(c.original, c.twoWay)).toThrow(PatchError);
    expect(() => apply(c.original, c.twoWay)).toThrow(c.error ?? '');
  });
});

describe('strategic merge patch: directives', () => {
  it('$patch: replace on a map replaces it whole', () => {
    const out = apply({ simpleMap: { a: 1, b: 2 } }, { simpleMap: { $patch: 'replace', c: 3 } });
    expect(out).toStrictEqual({ simpleMap: { c: 3 } });
  });
  it('$patch: delete on a map empties it', () => {
    expect(apply({ simpleMap: { a: 1 } }, { simpleMap: { $patch: 'delete' } })).toStrictEqual({ simpleMap: {} });
  });
  it('$patch: merge on a map is refused', () => {
    expect(() => apply({ simpleMap: { a: 1 } }, { simpleMap: { $patch: 'merge' } })).toThrow('unknown patch type: merge');
  });
  it('$patch: replace inside a merging list makes the list the other patch items', () => {
    const out = apply({ mergingList: [{ name: 1 }, { name: 2 }] }, { mergingList: [{ $patch: 'replace' }, { name: 3, value: 3 }] });
    expect(out).toStrictEqual({ mergingList: [{ name: 3, value: 3 }] });
  });
  it('$retainKeys drops original keys not listed, then merges', () => {
    const out = apply({ retainKeysMap: { name: 'foo', value: 'bar', other: 1 } }, { retainKeysMap: { $retainKeys: ['name', 'value'], value: 'baz' } });
    expect(out).toStrictEqual({ retainKeysMap: { name: 'foo', value: 'baz' } });
  });
  it('lists without a patch strategy are replaced', () => {
    expect(apply({ nonMergingList: [{ name: 1 }, { name: 2 }] }, { nonMergingList: [{ name: 3 }] })).toStrictEqual({ nonMergingList: [{ name: 3 }] });
  });
  it('merge lists of scalars union and dedupe', () => {
    expect(apply({ mergingIntList: [1, 2] }, { mergingIntList: [2, 3] })).toStrictEqual({ mergingIntList: [1, 2, 3] });
  });
  it('replace strategy maps are taken from the patch', () => {
    expect(apply({ replacingItem: { a: 1 } }, { replacingItem: { b: 2 } })).toStrictEqual({ replacingItem: { b: 2 } });
  });
  it('new values lose their directives and nulls', () => {
    const out = apply({}, { mergingList: [{ name: 1, value: null }, { name: 2, $patch: 'delete' }], simpleMap: { a: null, b: 1 } });
    expect(out).toStrictEqual({ mergingList: [{ name: 1 }], simpleMap: { b: 1 } });
  });
  it('does not modify its inputs', () => {
    const original = { mergingList: [{ name: 1 }] };
    const patch = { mergingList: [{ name: 1, value: 2 }] };
    apply(original, patch);
    expect(original).toStrictEqual({ mergingList: [{ name: 1 }] });
    expect(patch).toStrictEqual({ mergingList: [{ name: 1, value: 2 }] });
  });
  it('a non-object patch is a bad request', () => {
    expect(() => apply({}, [1])).toThrow('invalid JSON document');
  });
});
