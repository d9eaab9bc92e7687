/**
 * The simulator's object store: what etcd plus the generic apiserver registry do for us.
 * Objects get uid, a global monotonically increasing resourceVersion, creationTimestamp and
 * generation; writes are checked for conflicts; deletion is graceful and honours finalizers;
 * every committed change is published to the watch hub. Objects handed out are deeply frozen,
 * so nobody can change the store behind its back; writers pass in new objects.
 */
import type { Kind, KubeObject, NewObject, ObjectMeta, ObjectOfKind } from '../cluster/types.js';
import { CowMap } from './checkpoint.js';
import type { Clock } from './clock.js';
import { isoSeconds } from './clock.js';
import { StoreError, alreadyExists, conflict, notFound } from './errors.js';
import { cloneJson, deepFreeze, jsonEqual, shareUnchanged } from './json.js';
import { randomSuffix, randomUid, type Random } from './random.js';
import { resourceInfo } from './resources.js';
import { indexAdd, indexRemove, sameKeys, type Index, type IndexFn } from './store-index.js';
import { WatchHub, type StoreEvent, type WatchHubState, type WatchListener, type WatchOptions } from './watch-hub.js';

/** Per-kind write rules (defaulting, validation, generation bookkeeping) the apiserver applies. */
export interface KindStrategy {
  /** Returns the object to store on create (defaults applied). Throws StoreError('Invalid') to refuse. */
  prepareForCreate?(obj: KubeObject): KubeObject;
  /** Returns the object to store on update of the main resource. Throws StoreError('Invalid') to refuse. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject): KubeObject;
}

/** How a delete should proceed (kubectl's `--grace-period`, `--cascade`). */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** What `update` writes: the main resource (spec, metadata) or only the status subresource. */
export type Subresource = 'status' | undefined;

interface Table {
  /** Shared with checkpoints: taking one copies nothing, the first write after it copies the map. */
  objects: CowMap<string, KubeObject>;
  /** Replaced, never changed in place (so checkpoints keep it too). */
  sortedKeys: string[] | undefined;
  /** Every object in key order, shared read-only until the kind's next write. */
  all: readonly KubeObject[] | undefined;
  indexes: Map<string, Index>;
}

/** One kind's contents in a checkpoint. */
interface TableState {
  readonly objects: ReadonlyMap<string, KubeObject>;
  readonly sortedKeys: string[] | undefined;
  readonly indexes: ReadonlyMap<string, ReadonlyMap<string, Set<string>>>;
}

/** The store at one instant, for a checkpoint: frozen objects shared, only the maps copied. */
export interface StoreState {
  readonly rv: number;
  readonly tables: ReadonlyMap<Kind, TableState>;
  readonly hub: WatchHubState;
}

/** Construction parameters; everything that varies is injected. */
export interface StoreOptions {
  clock: Clock;
  random: Random;
  strategies?: Partial<Record<Kind, KindStrategy>>;
  historyCapacity?: number;
}

/** The key an object is stored under: `namespace/name`, or the name of a cluster-scoped object. */
export function storeKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** The in-memory apiserver storage. */
export class Store {
  private rv = 0;
  private readonly tables = new Map<Kind, Table>();
  private readonly hub: WatchHub;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly strategies: Partial<Record<Kind, KindStrategy>>;

  constructor(opts: StoreOptions) {
    this.clock = opts.clock;
    this.random = opts.random;
    this.strategies = opts.strategies ?? {};
    this.hub = new WatchHub(opts.historyCapacity);
  }

  /** The current global resourceVersion (what a LIST returns). */
  resourceVersion(): number {
    return this.rv;
  }

  private table(kind: Kind): Table {
    let t = this.tables.get(kind);
    if (!t) {
      t = { objects: new CowMap(), sortedKeys: undefined, all: undefined, indexes: new Map() };
      this.tables.set(kind, t);
    }
    return t;
  }

  /** Registers a secondary index, e.g. pods by node name. */
  addIndex(kind: Kind, name: string, fn: IndexFn): void {
    const t = this.table(kind);
    const index: Index = { fn, entries: new CowMap() };
    t.indexes.set(name, index);
    for (const [key, obj] of t.objects) indexAdd(index, key, obj);
  }

  /** Objects filed under `key` in a secondary index (unordered). */
  byIndex<K extends Kind>(kind: K, indexName: string, key: string): ObjectOfKind<K>[] {
    const index = this.table(kind).indexes.get(indexName);
    if (!index) throw new Error(`no index ${indexName} on ${kind}`);
    const bucket = index.entries.get(key);
    if (!bucket) return [];
    const objects = this.table(kind).objects;
    const out: ObjectOfKind<K>[] = [];
    for (const k of bucket) {
      const obj = objects.get(k);
      if (obj) out.push(obj as ObjectOfKind<K>);
    }
    return out;
  }

  /** One object, or undefined. */
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): ObjectOfKind<K> | undefined {
    const ns = resourceInfo(kind).namespaced ? namespace : undefined;
    return this.table(kind).objects.get(storeKey(ns, name)) as ObjectOfKind<K> | undefined;
  }

  /**
   * One object by its store key (`namespace/name`, or the name of a cluster-scoped object), for
   * callers that keep the key string: a kept string's hash is computed once, not per lookup.
   */
  getByKey<K extends Kind>(kind: K, key: string): ObjectOfKind<K> | undefined {
    return this.table(kind).objects.get(key) as ObjectOfKind<K> | undefined;
  }

  /** One object, or a NotFound error. */
  mustGet<K extends Kind>(kind: K, namespace: string | undefined, name: string): ObjectOfKind<K> {
    const obj = this.get(kind, namespace, name);
    if (!obj) throw notFound(kind, name);
    return obj;
  }

  /** Objects of a kind sorted by namespace then name (etcd key order), optionally in one namespace. */
  list<K extends Kind>(kind: K, namespace?: string): ObjectOfKind<K>[] {
    const t = this.table(kind);
    if (!t.sortedKeys) t.sortedKeys = [...t.objects.keys()].sort();
    const out: ObjectOfKind<K>[] = [];
    const prefix = namespace && resourceInfo(kind).namespaced ? `${namespace}/` : undefined;
    for (const key of t.sortedKeys) {
      if (prefix && !key.startsWith(prefix)) continue;
      const obj = t.objects.get(key);
      if (obj) out.push(obj as ObjectOfKind<K>);
    }
    return out;
  }

  /**
   * Every object of a kind in key order, as one shared read-only array that stays the same
   * object until the kind's next write (controllers that list every sync skip the copy, and can
   * tell by identity that nothing changed).
   */
  listAll<K extends Kind>(kind: K): readonly ObjectOfKind<K>[] {
    const t = this.table(kind);
    if (!t.all) t.all = Object.freeze(this.list(kind));
    return t.all as readonly ObjectOfKind<K>[];
  }

  /** Number of stored objects of a kind. */
  count(kind: Kind): number {
    return this.table(kind).objects.size;
  }

  /** The contents, global resourceVersion and watch history, sharing the (frozen) objects. */
  snapshot(): StoreState {
    const tables = new Map<Kind, TableState>();
    for (const [kind, t] of this.tables) {
      const indexes = new Map<string, ReadonlyMap<string, Set<string>>>();
      for (const [name, index] of t.indexes) indexes.set(name, index.entries.share());
      tables.set(kind, { objects: t.objects.share(), sortedKeys: t.sortedKeys, indexes });
    }
    return { rv: this.rv, tables, hub: this.hub.snapshot() };
  }

  /**
   * Puts a snapshot's contents back and rebuilds the indexes. Versions stay monotonic: the
   * next write gets a resourceVersion above any handed out before, and the abandoned range
   * answers watches with Expired. Returns the function that ends client watches (call it last).
   */
  restore(state: StoreState): () => void {
    for (const kind of state.tables.keys()) this.table(kind);
    for (const [kind, t] of this.tables) {
      const saved = state.tables.get(kind);
      t.objects = new CowMap(saved?.objects ?? new Map());
      t.sortedKeys = saved?.sortedKeys;
      t.all = undefined;
      for (const [name, index] of t.indexes) {
        const entries = saved?.indexes.get(name);
        index.entries = new CowMap(entries ?? new Map());
        // An index registered after the checkpoint is built afresh.
        if (!entries) for (const [key, obj] of t.objects) indexAdd(index, key, obj);
      }
    }
    const top = this.rv;
    // One fresh version marks the restored state, so a LIST after it never lands in the void range.
    this.rv = top > state.rv ? top + 1 : state.rv;
    return this.hub.restore(state.hub, state.rv, top);
  }

  /** Subscribes to committed changes (see WatchHub). */
  watch(opts: WatchOptions, listener: WatchListener): () => void {
    return this.hub.watch(opts, listener);
  }

  /**
   * Creates an object; server-owned metadata is assigned here. With `owned`, the caller hands
   * the object over (it must not touch it again) and the defensive copy is skipped.
   */
  create<T extends KubeObject>(input: NewObject<T> | T, owned = false): T {
    const kind = input.kind;
    const info = resourceInfo(kind);
    const draft = (owned ? input : cloneJson(input)) as unknown as KubeObject;
    const meta = draft.metadata;
    if (info.namespaced) {
      if (!meta.namespace) meta.namespace = 'default';
      this.requireNamespace(meta.namespace);
    } else {
      delete meta.namespace;
    }
    const t = this.table(kind);
    // The key is built (and hashed) once for the check and the insert.
    let key: string;
    if (!meta.name) {
      if (!meta.generateName) {
        throw new StoreError('Invalid', `${kind} "" is invalid: metadata.name: Required value: name or generateName is required`, {
          kind,
          causes: [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }],
        });
      }
      let name = '';
      do {
        name = meta.generateName + randomSuffix(this.random);
        key = storeKey(meta.namespace, name);
      } while (t.objects.has(key));
      meta.name = name;
    } else {
      key = storeKey(meta.namespace, meta.name);
      if (t.objects.has(key)) throw alreadyExists(kind, meta.name);
    }
    meta.uid = randomUid(this.random);
    meta.creationTimestamp = isoSeconds(this.clock.now());
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (info.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
    const strategy = this.strategies[kind];
    const prepared = strategy?.prepareForCreate ? strategy.prepareForCreate(draft) : draft;
    const same = prepared.metadata.name === meta.name && prepared.metadata.namespace === meta.namespace;
    const stored = this.commit(kind, prepared, undefined, same ? key : undefined);
    return stored as T;
  }

  /**
   * Replaces an object (main resource or status). A resourceVersion in the input must match
   * the stored one. Writing the same content again is a no-op, as on a real apiserver.
   */
  update<T extends KubeObject>(input: T, subresource?: Subresource): T {
    return this.write(input, subresource, false);
  }

  /** `all` is the system's own write of spec and status together (e.g. binding a pod). */
  private write<T extends KubeObject>(input: T, subresource: Subresource | 'all', owned: boolean): T {
    const kind = input.kind;
    const info = resourceInfo(kind);
    const ns = info.namespaced ? input.metadata.namespace : undefined;
    const name = input.metadata.name;
    const key = storeKey(ns, name);
    const old = this.table(kind).objects.get(key);
    if (!old) throw notFound(kind, name);
    const inRv = input.metadata.resourceVersion;
    if (inRv && inRv !== old.metadata.resourceVersion) throw conflict(kind, name);
    if (input.metadata.uid && input.metadata.uid !== old.metadata.uid) throw conflict(kind, name, 'Precondition failed: UID in precondition: ' + input.metadata.uid + ', UID in object meta: ' + old.metadata.uid);
    let draft: KubeObject;
    if (subresource === 'status') {
      // Only the status changes: share everything else (metadata too) with the stored object;
      // commit copies the metadata once to stamp the new version.
      const status = (input as { status?: unknown }).status;
      draft = { ...old, status: owned ? status : cloneJson(status) } as KubeObject;
    } else {
      draft = (owned ? input : cloneJson(input)) as KubeObject;
      // Server-owned metadata cannot be changed through an update. Frozen metadata (shared with
      // the stored object by `replace`) is copied only if one of these actually differs.
      const o = old.metadata;
      setMeta(draft, 'uid', o.uid);
      setMeta(draft, 'creationTimestamp', o.creationTimestamp);
      setMeta(draft, 'namespace', info.namespaced ? o.namespace : undefined);
      setMeta(draft, 'deletionTimestamp', o.deletionTimestamp);
      setMeta(draft, 'deletionGracePeriodSeconds', o.deletionGracePeriodSeconds);
      setMeta(draft, 'generation', o.generation);
      if (info.hasStatus && subresource !== 'all') (draft as { status?: unknown }).status = (old as { status?: unknown }).status;
      if (info.tracksGeneration && !jsonEqual((draft as { spec?: unknown }).spec, (old as { spec?: unknown }).spec)) {
        setMeta(draft, 'generation', (old.metadata.generation ?? 0) + 1);
      }
      // The system's own combined writes (binding) skip the user-facing write rules.
      const strategy = subresource === 'all' ? undefined : this.strategies[kind];
      if (strategy?.prepareForUpdate) draft = strategy.prepareForUpdate(draft, old);
    }
    setMeta(draft, 'resourceVersion', old.metadata.resourceVersion);
    draft = shareUnchanged(draft, old);
    if (draft === old) return old as T;
    if (old.metadata.deletionTimestamp && isFinalized(draft)) {
      this.remove(kind, old);
      return old as T;
    }
    return this.commit(kind, draft, old, key) as T;
  }

  /**
   * Replaces an object whose new version the caller built by copying only what it changed
   * (spread copies; unchanged parts may be the stored, frozen ones). No deep copy is made.
   */
  replace<T extends KubeObject>(obj: T, opts: { withStatus?: boolean } = {}): T {
    return this.write({ ...obj }, opts.withStatus ? 'all' : undefined, true);
  }

  /** Replaces an object's status with `status`, which the caller hands over (no copy is made). */
  replaceStatus<K extends Kind>(obj: ObjectOfKind<K>, status: unknown): ObjectOfKind<K> {
    return this.write({ ...obj, status } as ObjectOfKind<K>, 'status', true);
  }

  /** Applies `mutator` to a private copy of the stored object and writes it back. */
  mutate<K extends Kind>(kind: K, namespace: string | undefined, name: string, mutator: (draft: ObjectOfKind<K>) => void, subresource?: Subresource): ObjectOfKind<K> {
    const draft = cloneJson(this.mustGet(kind, namespace, name));
    mutator(draft);
    return this.write(draft, subresource, true);
  }

  /**
   * Deletes with the apiserver's rules: finalizers and graceful pod deletion set
   * deletionTimestamp and keep the object; otherwise it is removed at once.
   * Returns the object as it stands afterwards (or its last state when removed).
   */
  delete<K extends Kind>(kind: K, namespace: string | undefined, name: string, opts: DeleteOptions = {}): { object: ObjectOfKind<K>; removed: boolean } {
    const old = this.mustGet(kind, namespace, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw conflict(kind, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(kind, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
    }
    const grace = this.gracePeriod(old, opts.gracePeriodSeconds);
    const finalizers = [...(old.metadata.finalizers ?? [])];
    const policy = opts.propagationPolicy;
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Background') removeItem(finalizers, 'orphan');

    if (old.metadata.deletionTimestamp) {
      // Already terminating: a shorter grace period may hurry it along.
      const current = old.metadata.deletionGracePeriodSeconds ?? 0;
      if (grace < current) {
        const draft = { ...old, metadata: { ...old.metadata, deletionGracePeriodSeconds: grace, deletionTimestamp: isoSeconds(this.clock.now() + grace * 1000) } } as KubeObject;
        if (grace === 0 && finalizers.length === 0 && !(old.metadata.finalizers?.length)) {
          this.remove(kind, old);
          return { object: old, removed: true };
        }
        return { object: this.commit(kind, draft, old) as ObjectOfKind<K>, removed: false };
      }
      return { object: old, removed: false };
    }
    if (grace === 0 && finalizers.length === 0) {
      this.remove(kind, old);
      return { object: old, removed: true };
    }
    const draft = { ...old, metadata: { ...old.metadata, deletionTimestamp: isoSeconds(this.clock.now() + grace * 1000), deletionGracePeriodSeconds: grace } } as KubeObject;
    if (finalizers.length) draft.metadata.finalizers = finalizers;
    if (draft.metadata.generation !== undefined) draft.metadata.generation += 1;
    return { object: this.commit(kind, draft, old) as ObjectOfKind<K>, removed: false };
  }

  private gracePeriod(obj: KubeObject, requested: number | undefined): number {
    if (obj.kind !== 'Pod') return 0;
    // Unscheduled and terminal pods go at once (pod strategy CheckGracefulDelete).
    if (!obj.spec.nodeName || obj.status.phase === 'Succeeded' || obj.status.phase === 'Failed') return 0;
    const g = requested ?? obj.spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, g);
  }

  private requireNamespace(namespace: string): void {
    const ns = this.get('Namespace', undefined, namespace);
    if (!ns) throw notFound('Namespace', namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new StoreError('Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`, {
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
      });
    }
  }

  private commit(kind: Kind, draft: KubeObject, old: KubeObject | undefined, knownKey?: string): KubeObject {
    this.rv += 1;
    // Unchanged metadata may be shared with the stored (frozen) object: copy it to stamp the version.
    if (Object.isFrozen(draft.metadata)) draft.metadata = { ...draft.metadata };
    draft.metadata.resourceVersion = String(this.rv);
    const stored = deepFreeze(draft);
    const t = this.table(kind);
    const key = knownKey ?? storeKey(stored.metadata.namespace, stored.metadata.name);
    if (!old) t.sortedKeys = undefined;
    t.all = undefined;
    t.objects.set(key, stored);
    const indexInputsSame =
      old !== undefined &&
      old.metadata.ownerReferences === stored.metadata.ownerReferences &&
      (old as { spec?: unknown }).spec === (stored as { spec?: unknown }).spec;
    if (!indexInputsSame) {
      for (const index of t.indexes.values()) {
        if (!old) {
          indexAdd(index, key, stored);
          continue;
        }
        const before = index.fn(old);
        const after = index.fn(stored);
        if (!sameKeys(before, after)) {
          indexRemove(index, key, old);
          indexAdd(index, key, stored);
        }
      }
    }
    const event: StoreEvent = old
      ? { type: 'MODIFIED', kind, rv: this.rv, object: stored, previous: old }
      : { type: 'ADDED', kind, rv: this.rv, object: stored, previous: undefined };
    this.hub.publish(event);
    return stored;
  }

  private remove(kind: Kind, old: KubeObject): void {
    this.rv += 1;
    const t = this.table(kind);
    const key = storeKey(old.metadata.namespace, old.metadata.name);
    t.objects.delete(key);
    t.sortedKeys = undefined;
    t.all = undefined;
    for (const index of t.indexes.values()) indexRemove(index, key, old);
    const last = { ...old, metadata: Object.freeze({ ...old.metadata, resourceVersion: String(this.rv) }) } as KubeObject;
    this.hub.publish({ type: 'DELETED', kind, rv: this.rv, object: Object.freeze(last), previous: old });
  }
}

function isFinalized(obj: KubeObject): boolean {
  if (obj.metadata.finalizers?.length) return false;
  // A pod still inside its grace period waits for the kubelet.
  return (obj.metadata.deletionGracePeriodSeconds ?? 0) === 0 || obj.kind !== 'Pod';
}

/** Sets (or, for undefined, removes) a metadata field, copying frozen metadata first if it differs. */
function setMeta<K extends keyof ObjectMeta>(obj: KubeObject, key: K, value: ObjectMeta[K] | undefined): void {
  let meta = obj.metadata;
  if (meta[key] === value && (value !== undefined || !(key in meta))) return;
  if (Object.isFrozen(meta)) obj.metadata = meta = { ...meta };
  if (value === undefined) delete meta[key];
  else meta[key] = value;
}

function removeItem(list: string[], item: string): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
