/**
 * Ordered fan-out of store changes to many watchers, with a bounded history so a watcher can
 * resume from a recent resourceVersion (older ones get 410 Expired, as from a real apiserver).
 * Restoring a checkpoint puts the checkpoint's history back and ends every client watch with
 * Expired (clients re-list, as after a 410); the cluster's own in-process watches carry on.
 */
import type { Kind, KubeObject } from '../cluster/types.js';
import { expired, type StoreError } from './errors.js';

/** The change types a Kubernetes watch carries. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed change. `previous` is the object before a MODIFIED or DELETED. */
export interface StoreEvent {
  type: WatchEventType;
  kind: Kind;
  rv: number;
  object: KubeObject;
  previous?: KubeObject;
}

/** What a watcher wants to see. */
export interface WatchOptions {
  kind?: Kind;
  namespace?: string;
  /** Replay retained events with rv greater than this first. */
  sinceRv?: number;
  /** Objects outside the filter are invisible: entering it is ADDED, leaving it DELETED. */
  match?: (obj: KubeObject) => boolean;
  /**
   * Marks a client watch (an apiserver stream): when a checkpoint restore rewrites history the
   * watch is ended and this is called with a 410 Expired error, so the client re-lists. Watches
   * without it are the cluster's own, whose owners restore their state themselves.
   */
  onExpired?: (err: StoreError) => void;
}

/** What a checkpoint keeps of the hub: its retained history and which versions are void. */
export interface WatchHubState {
  readonly history: readonly StoreEvent[];
  readonly droppedUpTo: number;
  readonly discarded: readonly (readonly [number, number])[];
}

/** A watcher's callback. */
export type WatchListener = (event: StoreEvent) => void;

interface Watcher {
  opts: WatchOptions;
  listener: WatchListener;
  active: boolean;
}

/** Fans events out in commit order; safe against listeners that write back into the store. */
export class WatchHub {
  private history: StoreEvent[] = [];
  private historyStart = 0;
  private watchers = new Set<Watcher>();
  /** Watchers by kind (kind-less watchers under ''), so an event only visits its own. */
  private byKind = new Map<string, Watcher[]>();
  private queue: StoreEvent[] = [];
  private delivering = false;
  /** rv of the newest event dropped from history (0 = nothing dropped). */
  private droppedUpTo = 0;
  /** Version ranges (from, to] of timelines abandoned by a restore: resuming there is Expired. */
  private discarded: (readonly [number, number])[] = [];

  constructor(private readonly capacity = 10_000) {}

  /** Records a committed change and delivers it (and anything it triggers) in order. */
  publish(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length - this.historyStart > this.capacity) {
      const dropped = this.history[this.historyStart];
      if (dropped) this.droppedUpTo = dropped.rv;
      this.historyStart++;
      if (this.historyStart > this.capacity) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    this.queue.push(event);
    this.drain();
  }

  /** Subscribes; replays retained history after `sinceRv` first. Throws Expired when too old. */
  watch(opts: WatchOptions, listener: WatchListener): () => void {
    const since = opts.sinceRv;
    if (since !== undefined) {
      if (since < this.droppedUpTo) throw expired(since, this.droppedUpTo + 1);
      const gone = this.discarded.find(([from, to]) => since > from && since <= to);
      if (gone) throw expired(since, gone[1] + 1);
    }
    const watcher: Watcher = { opts, listener, active: true };
    if (opts.sinceRv !== undefined) {
      for (let i = this.historyStart; i < this.history.length; i++) {
        const ev = this.history[i];
        // Events still queued for delivery reach the watcher through the queue.
        if (ev && ev.rv > opts.sinceRv && !this.queue.includes(ev)) deliver(watcher, ev);
      }
    }
    this.watchers.add(watcher);
    const slot = opts.kind ?? '';
    this.byKind.set(slot, [...(this.byKind.get(slot) ?? []), watcher]);
    return () => this.remove(watcher);
  }

  /** The retained history (shared events, copied list) for a checkpoint. */
  snapshot(): WatchHubState {
    // Mid-delivery, some watchers (controllers) have not seen the newest changes yet.
    if (this.delivering) throw new Error('cannot take a checkpoint while watch events are being delivered');
    return { history: this.history.slice(this.historyStart), droppedUpTo: this.droppedUpTo, discarded: this.discarded.slice() };
  }

  /**
   * Puts a checkpoint's history back; versions in (fromRv, toRv] (the abandoned timeline) become
   * Expired, and every client watch is ended. Returns the function that tells those clients
   * (`onExpired`). In-process watches stay subscribed and see no events for the rewind.
   */
  restore(state: WatchHubState, fromRv: number, toRv: number): () => void {
    if (this.delivering) throw new Error('cannot restore a checkpoint while watch events are being delivered');
    this.history = state.history.slice();
    this.historyStart = 0;
    this.droppedUpTo = state.droppedUpTo;
    this.discarded = toRv > fromRv ? [...state.discarded, [fromRv, toRv] as const] : state.discarded.slice();
    this.queue = [];
    const ended = [...this.watchers].filter((w) => w.opts.onExpired);
    for (const w of ended) this.remove(w);
    // The caller finishes restoring before clients hear of it (they may re-list at once).
    return () => {
      for (const w of ended) w.opts.onExpired?.(expired(toRv, toRv + 1));
    };
  }

  private remove(watcher: Watcher): void {
    watcher.active = false;
    this.watchers.delete(watcher);
    const slot = watcher.opts.kind ?? '';
    this.byKind.set(slot, (this.byKind.get(slot) ?? []).filter((w) => w !== watcher));
  }

  private drain(): void {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let ev = this.queue.shift(); ev; ev = this.queue.shift()) {
        // Snapshot arrays are replaced, never mutated, so iterating them is safe against (un)subscribes.
        for (const w of this.byKind.get(ev.kind) ?? []) if (w.active) deliver(w, ev);
        for (const w of this.byKind.get('') ?? []) if (w.active) deliver(w, ev);
      }
    } finally {
      this.delivering = false;
    }
  }
}

function deliver(w: Watcher, ev: StoreEvent): void {
  const { kind, namespace, match } = w.opts;
  if (kind && ev.kind !== kind) return;
  if (namespace && ev.object.metadata.namespace !== namespace) return;
  if (!match) {
    w.listener(ev);
    return;
  }
  const now = match(ev.object);
  const before = ev.previous ? match(ev.previous) : false;
  switch (ev.type) {
    case 'ADDED':
      if (now) w.listener(ev);
      return;
    case 'DELETED':
      if (now || before) w.listener(ev);
      return;
    case 'MODIFIED':
      if (now && before) w.listener(ev);
      else if (now) w.listener({ ...ev, type: 'ADDED' });
      else if (before) w.listener({ ...ev, type: 'DELETED' });
      return;
  }
}
