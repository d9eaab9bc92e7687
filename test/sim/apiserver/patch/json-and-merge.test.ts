import { describe, expect, it } from 'vitest';
import type { Json } from '../../../../src/cluster/types.js';
import { applyJsonPatch, applyMergePatch, applyPatch, PatchError } from '../../../../src/sim/apiserver/patch/index.js';

describe('JSON merge patch (RFC 7386 appendix A)', () => {
  const cases: [Json, Json, Json][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(cases)('%j + %j', (original, patch, expected) => {
    expect(applyMergePatch(original, patch)).toStrictEqual(expected);
  });
});

describe('JSON patch (RFC 6902)', () => {
  const doc = (): Json => ({ metadata: { labels: { a: '1' } }, spec: { list: ['x', 'y'] } });
  it('add, remove, replace, move, copy, test', () => {
    const out = applyJsonPatch(doc(), [
      { op: 'add', path: '/metadata/labels/b', value: '2' },
      { op: 'add', path: '/spec/list/1', value: 'mid' },
      { op: 'add', path: '/spec/list/-', value: 'end' },
      { op: 'remove', path: '/metadata/labels/a' },
      { op: 'replace', path: '/spec/list/0', value: 'X' },
      { op: 'copy', from: '/metadata/labels', path: '/spec/copied' },
      { op: 'move', from: '/spec/copied', path: '/spec/moved' },
      { op: 'test', path: '/spec/moved/b', value: '2' },
    ]);
    expect(out).toStrictEqual({ metadata: { labels: { b: '2' } }, spec: { list: ['X', 'mid', 'y', 'end'], moved: { b: '2' } } });
  });
  it('escapes ~0 and ~1 in pointers', () => {
    const out = applyJsonPatch({ metadata: { annotations: {} } }, [{ op: 'add', path: '/metadata/annotations/example.com~1a~0b', value: 'v' }]);
    expect(out).toStrictEqual({ metadata: { annotations: { 'example.com/a~b': 'v' } } });
  });
  it('a failed test is a 422 with the library text as cause', () => {
    try {
      applyJsonPatch(doc(), [{ op: 'test', path: '/metadata/labels/a', value: '2' }]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PatchError);
      const e = err as PatchError;
      expect(e.code).toBe(422);
      expect(e.reason).toBe('Invalid');
      expect(e.message).toBe('the server rejected our request due to an error in our request');
      expect(e.causes[0]?.message).toBe('testing value /metadata/labels/a failed: test failed');
    }
  });
  it('removing a missing key fails like evanphx/json-patch', () => {
    expect(() => applyJsonPatch(doc(), [{ op: 'remove', path: '/metadata/labels/zz' }])).toThrow(
      expect.objectContaining({ causes: [expect.objectContaining({ message: "error in remove for path: '/metadata/labels/zz': Unable to remove nonexistent key: zz: missing value" })] }),
    );
  });
  it('adding under a missing parent fails', () => {
    expect(() => applyJsonPatch(doc(), [{ op: 'add', path: '/nope/x', value: 1 }])).toThrow(PatchError);
  });
  it('replace of a missing key fails', () => {
    expect(() => applyJsonPatch(doc(), [{ op: 'replace', path: '/spec/nope', value: 1 }])).toThrow(PatchError);
  });
  it('array index out of range fails', () => {
    expect(() => applyJsonPatch(doc(), [{ op: 'add', path: '/spec/list/5', value: 1 }])).toThrow(PatchError);
  });
  it('a body that is not a list is a bad request', () => {
    expect(() => applyJsonPatch(doc(), { op: 'add' })).toThrow(expect.objectContaining({ code: 400 }));
  });
  it('is dispatched by content type and leaves the input alone', () => {
    const original = doc();
    const out = applyPatch('application/json-patch+json', original, [{ op: 'replace', path: '/metadata/labels/a', value: '9' }], 'Pod');
    expect(out).toStrictEqual({ metadata: { labels: { a: '9' } }, spec: { list: ['x', 'y'] } });
    expect(original).toStrictEqual(doc());
  });
});
