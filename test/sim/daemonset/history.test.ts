/**
 * ControllerRevision history of a DaemonSet (update.go constructHistory, dedupCurHistories,
 * snapshot, cleanupHistory, getPatch) as table tests.
 */
import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet } from '../../../src/cluster/types.js';
import {
  REVISION_HASH_LABEL,
  TEMPLATE_GENERATION_ANNOTATION,
  planHistory,
  planHistoryCleanup,
  templateGeneration,
  templateHash,
  templatePatch,
} from '../../../src/sim/controllers/daemonset/history.js';
import { daemonSet, iso } from './builders.js';

const dsV = (image: string, extra: Parameters<typeof daemonSet>[0] = {}): DaemonSet => daemonSet({ image, ...extra });

/** A stored revision of `ds`'s template with the given number (as snapshot would have written it). */
function revisionOf(ds: DaemonSet, revision: number, overrides: { name?: string; dropLabel?: boolean } = {}): ControllerRevision {
  const created = planHistory(ds, []).create;
  if (!created) throw new Error('expected a revision to create');
  const labels = { ...(created.metadata.labels ?? {}) };
  if (overrides.dropLabel) delete labels[REVISION_HASH_LABEL];
  return {
    ...created,
    metadata: { ...created.metadata, name: overrides.name ?? created.metadata.name ?? '', uid: `cr-${revision}`, resourceVersion: '1', creationTimestamp: iso(revision), labels },
    revision,
  };
}

/** An old revision with a given name/hash for cleanup tables (data is irrelevant there). */
function oldRev(revision: number, hash = `h${revision}`): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name: `foo-${hash}`, uid: `cr-${revision}`, resourceVersion: '1', creationTimestamp: iso(revision), labels: { [REVISION_HASH_LABEL]: hash } },
    data: {},
    revision,
  };
}

describe('templatePatch (getPatch)', () => {
  it('wraps the template with $patch: replace and the creationTimestamp: null Go always marshals', () => {
    expect(templatePatch(dsV('foo/bar'))).toEqual({
      spec: {
        template: {
          $patch: 'replace',
          metadata: { creationTimestamp: null, labels: { app: 'foo' } },
          spec: { containers: [{ name: 'foo', image: 'foo/bar' }] },
        },
      },
    });
  });

  it('does not alias or modify the DaemonSet', () => {
    const ds = dsV('foo/bar');
    const before = JSON.stringify(ds);
    templatePatch(ds);
    expect(JSON.stringify(ds)).toBe(before);
  });
});

describe('templateHash (ComputeHash)', () => {
  it('is deterministic, in the safe-encode alphabet, and follows the template and collisionCount', () => {
    const h = templateHash(dsV('foo/bar'));
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(templateHash(dsV('foo/bar'))).toBe(h);
    expect(templateHash(dsV('foo/bar2'))).not.toBe(h);
    expect(templateHash(dsV('foo/bar', { collisionCount: 1 }))).not.toBe(h);
    // fields outside the template do not matter
    expect(templateHash(dsV('foo/bar', { maxUnavailable: 3, minReadySeconds: 9 }))).toBe(h);
  });
});

describe('templateGeneration (GetTemplateGeneration: strconv.ParseInt)', () => {
  it.each<[string | undefined, number | undefined]>([
    ['1', 1],
    ['42', 42],
    ['+4', 4],
    ['-2', -2],
    ['', undefined],
    ['1e3', undefined],
    [' 3', undefined],
    ['0x10', undefined],
    ['two', undefined],
    [undefined, undefined],
  ])('%j → %j', (raw, want) => {
    expect(templateGeneration(daemonSet(raw === undefined ? {} : { templateGeneration: raw }))).toBe(want);
  });
});

describe('planHistory (constructHistory)', () => {
  it('no revisions: snapshots revision 1 named <ds>-<hash>, labelled, annotated and owned', () => {
    const ds = dsV('foo/bar', { templateGeneration: '1' });
    const h = planHistory(ds, []);
    const hash = templateHash(ds);
    expect(h.hash).toBe(hash);
    expect(h.current).toBeUndefined();
    expect(h.collision).toBe(false);
    expect(h.create).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `foo-${hash}`,
        namespace: 'default',
        labels: { app: 'foo', [REVISION_HASH_LABEL]: hash },
        annotations: { [TEMPLATE_GENERATION_ANNOTATION]: '1' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: 'ds-uid', controller: true, blockOwnerDeletion: true }],
      },
      data: templatePatch(ds),
      revision: 1,
    });
  });

  it('the current template already has the newest revision: nothing to write', () => {
    const v1 = dsV('v1');
    const v2 = dsV('v2');
    const h = planHistory(v2, [revisionOf(v1, 1), revisionOf(v2, 2)]);
    expect(h.current?.revision).toBe(2);
    expect(h.hash).toBe(templateHash(v2));
    expect(h.create).toBeUndefined();
    expect(h.renumberTo).toBeUndefined();
    expect(h.deleteDuplicates).toEqual([]);
    expect(h.old.map((r) => r.revision)).toEqual([1]);
  });

  it('a template change snapshots max(old)+1', () => {
    const h = planHistory(dsV('v3'), [revisionOf(dsV('v1'), 1), revisionOf(dsV('v2'), 4)]);
    expect(h.create?.revision).toBe(5);
    expect(h.old.map((r) => r.revision).sort()).toEqual([1, 4]);
  });

  it('rollback 1,2 → undo to revision 1 template: revision 1 becomes 3 and keeps its hash', () => {
    const v1 = dsV('v1');
    const r1 = revisionOf(v1, 1);
    const h = planHistory(v1, [r1, revisionOf(dsV('v2'), 2)]);
    expect(h.create).toBeUndefined();
    expect(h.current?.metadata.name).toBe(r1.metadata.name);
    expect(h.renumberTo).toBe(3);
    expect(h.hash).toBe(r1.metadata.labels?.[REVISION_HASH_LABEL]);
    expect(h.old.map((r) => r.revision)).toEqual([2]);
  });

  it('dedupCurHistories: keeps the highest revision (the later one on a tie) and deletes the rest', () => {
    const v = dsV('v');
    const a = revisionOf(v, 2, { name: 'foo-a' });
    const b = revisionOf(v, 4, { name: 'foo-b' });
    const c = revisionOf(v, 4, { name: 'foo-c' });
    const h = planHistory(v, [a, c, b, revisionOf(dsV('old'), 3)]);
    expect(h.current?.metadata.name).toBe('foo-b');
    expect(new Set(h.deleteDuplicates)).toEqual(new Set(['foo-a', 'foo-c']));
    expect(h.renumberTo).toBeUndefined();
  });

  it('a different revision already owns the name: report a collision instead of creating', () => {
    const v2 = dsV('v2');
    const squatter = { ...revisionOf(dsV('v1'), 1), metadata: { ...revisionOf(dsV('v1'), 1).metadata, name: `foo-${templateHash(v2)}` } };
    const h = planHistory(v2, [squatter]);
    expect(h.collision).toBe(true);
    expect(h.create).toBeUndefined();
    // with the bumped collisionCount the hash, and so the name, changes
    const bumped = planHistory(dsV('v2', { collisionCount: 1 }), [squatter]);
    expect(bumped.collision).toBe(false);
    expect(bumped.create?.metadata.name).not.toBe(squatter.metadata.name);
    expect(bumped.create?.revision).toBe(2);
  });

  it('a revision without the hash label is labelled with its whole name, which becomes the hash', () => {
    const v = dsV('v');
    const h = planHistory(v, [revisionOf(v, 1, { name: 'foo-legacy', dropLabel: true })]);
    expect(h.hash).toBe('foo-legacy');
  });
});

describe('planHistoryCleanup (cleanupHistory)', () => {
  const olds = (n: number) => Array.from({ length: n }, (_, i) => oldRev(i + 1));

  it.each<[string, number | undefined, number, string[], string[]]>([
    ['default limit 10 with 10 old: keep all', undefined, 10, [], []],
    ['default limit 10 with 12 old: delete the 2 lowest revisions', undefined, 12, [], ['foo-h1', 'foo-h2']],
    ['limit 2 with 5 old', 2, 5, [], ['foo-h1', 'foo-h2', 'foo-h3']],
    ['limit 0 deletes every old revision', 0, 3, [], ['foo-h1', 'foo-h2', 'foo-h3']],
    ['revisions used by live pods are kept and the next oldest goes instead', 2, 5, ['h1', 'h3'], ['foo-h2', 'foo-h4', 'foo-h5']],
    ['live hashes can leave more than the limit', 1, 3, ['h1', 'h2', 'h3'], []],
  ])('%s', (_name, limit, count, live, want) => {
    const ds = daemonSet(limit === undefined ? {} : { revisionHistoryLimit: limit });
    const result = planHistoryCleanup(ds, olds(count), new Set(live));
    expect(result).toEqual(want);
  });

  it('sorts by revision number, not by input order', () => {
    const ds = daemonSet({ revisionHistoryLimit: 1 });
    expect(planHistoryCleanup(ds, [oldRev(7), oldRev(2), oldRev(5)], new Set())).toEqual(['foo-h2', 'foo-h5']);
  });

  it('an unlabelled revision is matched to live pods by its name (the label constructHistory gives it)', () => {
    const ds = daemonSet({ revisionHistoryLimit: 0 });
    const legacy: ControllerRevision = { ...oldRev(1), metadata: { ...oldRev(1).metadata, name: 'foo-legacy', labels: {} } };
    expect(planHistoryCleanup(ds, [legacy], new Set(['foo-legacy']))).toEqual([]);
    expect(planHistoryCleanup(ds, [legacy], new Set())).toEqual(['foo-legacy']);
  });
});
