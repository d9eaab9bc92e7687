/**
 * Checkpoints of a simulated cluster, so a lesson can be reset and a learner can rewind to
 * before their last change. A checkpoint holds everything that decides the cluster's future:
 * the store (frozen objects, sorted keys and indexes), the global resourceVersion and watch
 * history, the clock's time, the random generator's position, the event recorder's aggregation
 * memory, the image overrides and every controller's private state. Big maps are shared
 * copy-on-write (CowMap), so taking and restoring cost almost nothing; the first write to a
 * map after either pays for copying that one map.
 *
 * Restoring keeps resourceVersions monotonic for clients (the next write is numbered above
 * anything handed out before) and ends client watches with 410 Expired so they re-list; the
 * cluster's own watches carry on. A checkpoint can be restored any number of times, but only
 * into the cluster that took it.
 */
import type { Clock } from './clock.js';
import type { Controller } from './controllers/controller.js';
import type { EventRecorder, EventRecorderState } from './events.js';
import type { ImageOverride } from './images.js';
import type { SeededRandom } from './random.js';
import type { Store, StoreState } from './store.js';

/**
 * A Map that a checkpoint shares in O(1): `share()` hands out the current contents, and the
 * first write after that copies them. Values must be immutable, or be changed only through
 * `mutable`, which copies a value still shared with a checkpoint before handing it out.
 */
export class CowMap<K, V> implements ReadonlyMap<K, V> {
  private map: Map<K, V>;
  private shared: boolean;
  /** Object values created or copied since the last share (undefined: never shared, all are). */
  private owned: WeakSet<object> | undefined;

  /** Empty, or continuing from contents another CowMap shared (restoring a checkpoint). */
  constructor(from?: ReadonlyMap<K, V>) {
    // A shared map is never written: the first write replaces it with a copy.
    this.map = from ? (from as Map<K, V>) : new Map<K, V>();
    this.shared = from !== undefined;
    this.owned = from ? new WeakSet() : undefined;
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): this {
    this.writable().set(key, value);
    if (this.owned && typeof value === 'object' && value !== null) this.owned.add(value);
    return this;
  }

  delete(key: K): boolean {
    return this.map.has(key) && this.writable().delete(key);
  }

  clear(): void {
    this.map = new Map();
    this.shared = false;
  }

  /** The value under `key`, safe to change in place (copied with `copy` if a checkpoint shares it). */
  mutable(key: K, copy: (value: V) => V): V | undefined {
    const value = this.map.get(key);
    if (typeof value !== 'object' || value === null || !this.owned || this.owned.has(value)) return value;
    const fresh = copy(value);
    this.set(key, fresh);
    return fresh;
  }

  /** The current contents, frozen in practice: this map copies before its next write. */
  share(): ReadonlyMap<K, V> {
    this.shared = true;
    this.owned = new WeakSet();
    return this.map;
  }

  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.map) fn(v, k, this);
  }

  entries(): MapIterator<[K, V]> {
    return this.map.entries();
  }

  keys(): MapIterator<K> {
    return this.map.keys();
  }

  values(): MapIterator<V> {
    return this.map.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.map.entries();
  }

  private writable(): Map<K, V> {
    if (this.shared) {
      this.map = new Map(this.map);
      this.shared = false;
    }
    return this.map;
  }
}

/** One saved instant of a simulated cluster (opaque; restore it with `SimCluster.restore`). */
export class Checkpoint {
  constructor(
    /** Which cluster took it (restoring elsewhere is refused). */
    readonly owner: symbol,
    /** Simulated time when it was taken. */
    readonly timeMs: number,
    readonly store: StoreState,
    readonly random: number,
    readonly recorder: EventRecorderState,
    readonly controllers: readonly unknown[],
    readonly images: readonly ImageOverride[],
  ) {}

  /** The global resourceVersion it was taken at. */
  get resourceVersion(): number {
    return this.store.rv;
  }
}

/** The parts of a cluster a checkpoint reads and writes. */
export interface CheckpointTarget {
  readonly id: symbol;
  readonly store: Store;
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly recorder: EventRecorder;
  readonly controllers: readonly Controller[];
  readonly images: readonly ImageOverride[];
  setImages(images: ImageOverride[]): void;
}

/** Saves the target's state (see the module comment for what is kept). */
export function takeCheckpoint(t: CheckpointTarget): Checkpoint {
  return new Checkpoint(
    t.id,
    t.clock.now(),
    t.store.snapshot(),
    t.random.state(),
    t.recorder.snapshot(),
    t.controllers.map((c) => c.snapshotState()),
    t.images.slice(),
  );
}

/**
 * Puts a checkpoint back: everything is restored first, then client watches are told they
 * expired (they may re-list at once and must see the restored cluster).
 */
export function restoreCheckpoint(t: CheckpointTarget, cp: Checkpoint): void {
  if (cp.owner !== t.id) throw new Error('this checkpoint was taken of another cluster');
  if (cp.controllers.length !== t.controllers.length) throw new Error('checkpoint does not match the cluster controllers');
  const setTime = t.clock.setTime?.bind(t.clock);
  if (!setTime && t.clock.now() !== cp.timeMs) throw new Error('the cluster clock cannot be moved back to the checkpoint time');
  const expireClientWatches = t.store.restore(cp.store);
  t.random.setState(cp.random);
  t.recorder.restore(cp.recorder);
  t.controllers.forEach((c, i) => c.restoreState(cp.controllers[i]));
  t.setImages(cp.images.slice());
  setTime?.(cp.timeMs);
  expireClientWatches();
}
