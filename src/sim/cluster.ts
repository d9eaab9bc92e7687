/**
 * The simulated cluster: one store, the controllers that bring it to life, and the run loop
 * that lets them act until nothing more is due — instantly under a manual clock (tests,
 * benchmarks, lesson checks) or continuously under a real one (the interactive simulator).
 */
import type { KubeObject } from '../cluster/types.js';
import { restoreCheckpoint, takeCheckpoint, type Checkpoint, type CheckpointTarget } from './checkpoint.js';
import { ManualClock, type Clock } from './clock.js';
import type { Controller } from './controllers/controller.js';
import { DaemonSetController } from './controllers/daemonset/controller.js';
import { GarbageCollector } from './controllers/garbage-collector.js';
import { Kubelet, type KubeletTiming } from './controllers/kubelet/kubelet.js';
import type { ProcessFactory } from './controllers/kubelet/types.js';
import { NodeLifecycleController } from './controllers/node-lifecycle.js';
import { controllerRef, targetNodeName } from './controllers/pod-util.js';
import { Scheduler } from './controllers/scheduler.js';
import { EventRecorder } from './events.js';
import type { ImageOverride } from './images.js';
import { seededRandom, type Random, type SeededRandom } from './random.js';
import { Store, type KindStrategy } from './store.js';
import type { Kind } from '../cluster/types.js';

/** How to build a simulated cluster. */
export interface SimClusterOptions {
  clock?: Clock;
  seed?: number;
  processes: ProcessFactory;
  images?: ImageOverride[];
  timing?: Partial<KubeletTiming>;
  /** The apiserver write rules per kind, given the cluster's seeded randomness. */
  strategies?: (random: Random) => Partial<Record<Kind, KindStrategy>>;
}

/** Thrown when controllers keep acting without time passing (a livelock bug). */
export class SettleError extends Error {}

const MAX_ROUNDS = 100_000;

/** A whole simulated cluster. */
export class SimCluster {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly recorder: EventRecorder;
  readonly kubelet: Kubelet;
  readonly controllers: readonly Controller[];
  images: ImageOverride[];
  /** Identifies this cluster's checkpoints. */
  private readonly checkpointId = Symbol('SimCluster');
  /** Called after a restore (the realtime loop re-arms its timer). */
  private readonly restoreHooks = new Set<() => void>();

  constructor(opts: SimClusterOptions) {
    this.clock = opts.clock ?? new ManualClock();
    this.random = seededRandom(opts.seed ?? 1);
    this.images = opts.images ?? [];
    this.store = new Store({ clock: this.clock, random: this.random, strategies: opts.strategies?.(this.random) });
    registerIndexes(this.store);
    this.recorder = new EventRecorder(this.store, this.clock);
    this.store.watch({}, (e) => {
      if (e.type === 'DELETED') this.recorder.forget(e.object.metadata.uid);
    });
    this.kubelet = new Kubelet({
      store: this.store,
      clock: this.clock,
      recorder: this.recorder,
      random: this.random,
      processes: opts.processes,
      images: () => this.images,
      timing: opts.timing,
    });
    this.controllers = [
      new NodeLifecycleController(this.store, this.clock, this.recorder),
      new DaemonSetController(this.store, this.recorder),
      new Scheduler(this.store, this.clock, this.recorder),
      this.kubelet,
      new GarbageCollector(this.store),
    ];
  }

  /** Runs controllers until none has work at the current instant; returns the rounds taken. */
  settle(): number {
    const now = this.clock.now();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let acted = false;
      for (const c of this.controllers) {
        if (c.hasWork(now)) {
          c.run(now);
          acted = true;
        }
      }
      if (!acted) return round;
    }
    throw new SettleError(`controllers did not settle after ${MAX_ROUNDS} rounds at ${new Date(now).toISOString()}`);
  }

  /** The earliest instant any controller wants to run. */
  nextWake(): number | undefined {
    let min: number | undefined;
    for (const c of this.controllers) {
      const t = c.nextWake();
      if (t !== undefined && (min === undefined || t < min)) min = t;
    }
    return min;
  }

  private manual(): ManualClock {
    if (!(this.clock instanceof ManualClock)) throw new Error('advance() needs a ManualClock; a real clock advances by itself');
    return this.clock;
  }

  /** Moves simulated time forward by `ms`, letting every controller act at each due instant. */
  advance(ms: number): void {
    const clock = this.manual();
    const target = clock.now() + ms;
    this.settle();
    for (;;) {
      const next = this.nextWake();
      if (next === undefined || next > target) break;
      clock.advanceTo(Math.max(next, clock.now()));
      this.settle();
    }
    clock.advanceTo(target);
    this.settle();
  }

  /**
   * Advances time controller step by controller step until `predicate` holds, at most
   * `timeoutMs` of simulated time. Returns whether it held.
   */
  runUntil(predicate: () => boolean, timeoutMs = 10 * 60_000): boolean {
    const clock = this.manual();
    const deadline = clock.now() + timeoutMs;
    this.settle();
    while (!predicate()) {
      const next = this.nextWake();
      if (next === undefined || next > deadline) return predicate();
      clock.advanceTo(Math.max(next, clock.now()));
      this.settle();
    }
    return true;
  }

  /** Advances only to the next instant a controller acts (the TUI's "step"). */
  step(): boolean {
    const clock = this.manual();
    this.settle();
    const next = this.nextWake();
    if (next === undefined) return false;
    clock.advanceTo(Math.max(next, clock.now()));
    this.settle();
    return true;
  }

  /**
   * Runs the controllers continuously under the cluster's (real) clock: after every write the
   * cluster settles on the next tick, and a timer wakes it for the next due controller action.
   * Returns a function that stops it. Errors inside a controller go to `onError` and the loop
   * keeps going, so one bad object never takes the whole simulator down.
   */
  startRealtime(onError: (err: unknown) => void = () => undefined): () => void {
    let stopped = false;
    let scheduled = false;
    let cancelTimer: (() => void) | undefined;
    const tick = () => {
      scheduled = false;
      if (stopped) return;
      try {
        this.settle();
      } catch (err) {
        onError(err);
      }
      cancelTimer?.();
      const next = this.nextWake();
      cancelTimer = next === undefined ? undefined : this.clock.setTimer(next, schedule);
    };
    const schedule = () => {
      if (scheduled || stopped) return;
      scheduled = true;
      setImmediate(tick);
    };
    const unwatch = this.store.watch({}, schedule);
    // A restore moves time and the due work: drop the old timer and look again.
    const onRestore = () => {
      cancelTimer?.();
      cancelTimer = undefined;
      schedule();
    };
    this.restoreHooks.add(onRestore);
    schedule();
    return () => {
      stopped = true;
      unwatch();
      this.restoreHooks.delete(onRestore);
      cancelTimer?.();
    };
  }

  /** Saves everything that decides the cluster's future; cheap (shares the frozen objects). */
  checkpoint(): Checkpoint {
    return takeCheckpoint(this.checkpointTarget());
  }

  /**
   * Rewinds to a checkpoint of this cluster (time too). Resource versions keep rising and
   * client watches end with 410 Expired so they re-list; the checkpoint stays reusable.
   */
  restore(cp: Checkpoint): void {
    restoreCheckpoint(this.checkpointTarget(), cp);
    for (const hook of [...this.restoreHooks]) hook();
  }

  private checkpointTarget(): CheckpointTarget {
    const { store, clock, random, recorder, controllers, images } = this;
    return { id: this.checkpointId, store, clock, random, recorder, controllers, images, setImages: (i) => (this.images = i) };
  }

  /** Creates or replaces an object by name, as `kubectl apply` of a whole object would. */
  apply<T extends KubeObject>(obj: T): T {
    const existing = this.store.get(obj.kind, obj.metadata.namespace ?? 'default', obj.metadata.name);
    if (!existing) return this.store.create(obj);
    return this.store.update({ ...obj, metadata: { ...obj.metadata, resourceVersion: existing.metadata.resourceVersion } });
  }
}

function registerIndexes(store: Store): void {
  store.addIndex('Pod', 'node', (o) => (o.kind === 'Pod' ? o.spec.nodeName || undefined : undefined));
  store.addIndex('Pod', 'target', (o) => (o.kind === 'Pod' ? targetNodeName(o) : undefined));
  for (const kind of ['DaemonSet', 'Pod', 'ControllerRevision'] as const) store.addIndex(kind, 'uid', (o) => o.metadata.uid);
  for (const kind of ['Pod', 'ControllerRevision'] as const) {
    store.addIndex(kind, 'controller', (o) => controllerRef(o)?.uid);
    store.addIndex(kind, 'orphan', (o) => (controllerRef(o) ? undefined : (o.metadata.namespace ?? '')));
    store.addIndex(kind, 'owner', (o) => {
      const refs = o.metadata.ownerReferences;
      return !refs ? undefined : refs.length === 1 ? refs[0]?.uid : refs.map((r) => r.uid);
    });
  }
}
