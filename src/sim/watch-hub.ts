/**
 * Ordered fan-out of store changes to many watchers, with a bounded history so a watcher can
 * resume from a recent resourceVersion (older ones get 410 Expired, as from a real apiserver).
 */
import type { Kind, KubeObject } from '../cluster/types.js';
import { expired } from './errors.js';

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
    if (opts.sinceRv !== undefined && opts.sinceRv < this.droppedUpTo) throw expired(opts.sinceRv, this.droppedUpTo + 1);
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
    return () => {
      watcher.active = false;
      this.watchers.delete(watcher);
      this.byKind.set(slot, (this.byKind.get(slot) ?? []).filter((w) => w !== watcher));
    };
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
