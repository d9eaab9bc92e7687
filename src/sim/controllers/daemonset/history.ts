/**
 * ControllerRevisions for a DaemonSet (constructHistory / snapshot / cleanupHistory): the
 * revision data is the strategic-merge patch that restores the pod template, byte-compatible
 * with what kubectl compares in `rollout undo`.
 */
import type { ControllerRevision, DaemonSet, Json, NewObject } from '../../../cluster/types.js';
import { canonicalJson, sortKeysDeep } from '../../json.js';
import { fnv32a, safeEncodeHash } from '../../random.js';

/** Label carrying the revision hash on pods and revisions. */
export const REVISION_HASH_LABEL = 'controller-revision-hash';
/** Label carrying the template generation on pods. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** Annotation the apiserver keeps in step with template changes. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** `{"spec":{"template":{..., "$patch":"replace"}}}` for the DaemonSet's current template. */
export function templatePatch(ds: DaemonSet): Json {
  const template = JSON.parse(JSON.stringify(ds.spec.template)) as { [key: string]: Json };
  if (template.metadata && typeof template.metadata === 'object' && !Array.isArray(template.metadata)) {
    if (!('creationTimestamp' in template.metadata)) template.metadata.creationTimestamp = null;
  } else {
    template.metadata = { creationTimestamp: null };
  }
  template.$patch = 'replace';
  // Keys sorted at every level: the bytes kubectl compares in `rollout undo` come from a Go map.
  return sortKeysDeep({ spec: { template } });
}

/** The revision hash of the current template (plus collisionCount, as ComputeHash does). */
export function templateHash(ds: DaemonSet): string {
  const collision = ds.status?.collisionCount;
  return safeEncodeHash(fnv32a(canonicalJson(ds.spec.template) + (collision ? `#${collision}` : '')));
}

/** The template generation from the apiserver annotation, if parseable. */
export function templateGeneration(ds: DaemonSet): number | undefined {
  const raw = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (raw === undefined) return undefined;
  // strconv.ParseInt(raw, 10, 64): optional sign and decimal digits only ("" or "1e3" is an error → nil).
  return /^[+-]?\d+$/.test(raw) ? Number(raw) : undefined;
}

/** What constructHistory decided. */
export interface HistoryPlan {
  hash: string;
  /** The revision matching the current template, if it already exists. */
  current?: ControllerRevision;
  /** A revision to create for the current template. */
  create?: NewObject<ControllerRevision>;
  /** The current revision must be renumbered (rollback to an old template). */
  renumberTo?: number;
  /** Duplicates of the current revision to delete (dedupCurHistories). */
  deleteDuplicates: string[];
  old: ControllerRevision[];
  /** The name is taken by a different revision: bump status.collisionCount. */
  collision: boolean;
}

/** Canonical JSON of stored (frozen, never changed) templates and revisions: every sync compares them. */
const patchJson = new WeakMap<object, string>();
const dataJson = new WeakMap<object, string>();

function memo(cache: WeakMap<object, string>, key: object, compute: () => string): string {
  // Only frozen objects (what the store hands out) cannot change behind the cache's back.
  if (!Object.isFrozen(key)) return compute();
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/** Separates current from old revisions and decides the current revision's number. */
export function planHistory(ds: DaemonSet, revisions: readonly ControllerRevision[]): HistoryPlan {
  const patch = memo(patchJson, ds.spec.template, () => canonicalJson(templatePatch(ds)));
  const currents: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (const r of revisions) (memo(dataJson, r, () => canonicalJson(r.data)) === patch ? currents : old).push(r);
  const nextRevision = old.reduce((m, r) => Math.max(m, r.revision), 0) + 1;
  if (currents.length === 0) {
    const hash = templateHash(ds);
    const name = `${ds.metadata.name}-${hash}`;
    const collision = old.some((r) => r.metadata.name === name);
    return { hash, create: collision ? undefined : snapshot(ds, hash, nextRevision), deleteDuplicates: [], old, collision };
  }
  currents.sort((a, b) => a.revision - b.revision);
  const keep = currents[currents.length - 1] as ControllerRevision;
  const hash = revisionHash(keep);
  return {
    hash,
    current: keep,
    renumberTo: keep.revision < nextRevision ? nextRevision : undefined,
    deleteDuplicates: currents.slice(0, -1).map((r) => r.metadata.name),
    old,
    collision: false,
  };
}

/** A revision's hash label; constructHistory labels a revision lacking it with its whole name. */
function revisionHash(r: ControllerRevision): string {
  return r.metadata.labels?.[REVISION_HASH_LABEL] ?? r.metadata.name;
}

function snapshot(ds: DaemonSet, hash: string, revision: number): NewObject<ControllerRevision> {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${ds.metadata.name}-${hash}`,
      namespace: ds.metadata.namespace,
      labels: { ...(ds.spec.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true },
      ],
    },
    data: templatePatch(ds),
    revision,
  };
}

/** Old revisions beyond revisionHistoryLimit, oldest first, sparing any a live pod still uses. */
export function planHistoryCleanup(ds: DaemonSet, old: readonly ControllerRevision[], liveHashes: ReadonlySet<string>): string[] {
  const limit = ds.spec.revisionHistoryLimit ?? 10;
  let toKill = old.length - limit;
  if (toKill <= 0) return [];
  const out: string[] = [];
  for (const r of [...old].sort((a, b) => a.revision - b.revision)) {
    if (toKill <= 0) break;
    if (liveHashes.has(revisionHash(r))) continue;
    out.push(r.metadata.name);
    toKill--;
  }
  return out;
}
