/**
 * Informer-style list + watch of one resource into a local cache, like client-go's reflector:
 * list, then watch from the list's resourceVersion; a cleanly closed stream is resumed, a
 * dropped one is retried with back-off, and 410 Gone (history compacted, or the server
 * restored a checkpoint) re-lists. The watch itself is client-node's `Watch`, passed in.
 */
import type { ResourceInfo } from './resources.js';
import { resourcePath } from './resources.js';
import type { RestClient } from './rest.js';

/** client-node's `Watch.watch`, narrowed to what the reflector uses. */
export type WatchFn = (
  path: string,
  query: Record<string, string>,
  onEvent: (type: string, obj: unknown) => void,
  onDone: (err: unknown) => void,
) => Promise<{ abort(): void }>;

/** Timers, injectable so tests can run back-off without waiting. */
export type Schedule = (ms: number, fn: () => void) => () => void;

/** What a reflector reports: every cache change, and its connection state. */
export interface ReflectorEvents {
  readonly changed: () => void;
  /** `err` set: the stream failed (the reflector retries). Unset: connected again after `reconnected`. */
  readonly health: (state: { connected: boolean; err?: unknown; reconnected?: boolean }) => void;
}

interface ListBody {
  readonly items?: Record<string, unknown>[];
  readonly metadata?: { readonly resourceVersion?: string };
}

type Meta = { metadata?: { name?: string; namespace?: string; resourceVersion?: string } };

const MAX_BACKOFF_MS = 5_000;
const FIRST_BACKOFF_MS = 100;

function keyOf(obj: unknown): string | undefined {
  const m = (obj as Meta | undefined)?.metadata;
  return m?.name === undefined ? undefined : `${m.namespace ?? ''}/${m.name}`;
}

function statusCode(x: unknown): number | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const r = x as { code?: unknown; statusCode?: unknown };
  const c = typeof r.code === 'number' ? r.code : r.statusCode;
  return typeof c === 'number' ? c : undefined;
}

/** One resource's list+watch loop and cache. */
export class Reflector {
  private readonly items = new Map<string, Record<string, unknown>>();
  private rv = '';
  private stopped = false;
  private expired = false;
  private backoff = FIRST_BACKOFF_MS;
  private failing = false;
  /** Whether the current stream delivered anything (a stream that ends empty is retried later). */
  private heard = false;
  private current: { abort(): void } | undefined;
  private cancelRetry: (() => void) | undefined;
  /** Bumped on every change, so snapshot builders know when to rebuild. */
  version = 0;

  constructor(
    readonly info: ResourceInfo,
    private readonly rest: RestClient,
    private readonly watchFn: WatchFn,
    private readonly events: ReflectorEvents,
    private readonly schedule: Schedule,
    /** Limits a namespaced resource to one namespace (cluster-scoped ones ignore it). */
    private readonly namespace?: string,
  ) {}

  private path(): string {
    return resourcePath(this.info, this.namespace);
  }

  /** Lists once (rejecting with the server's error) and, unless told not to, starts watching. */
  async start(watch = true): Promise<void> {
    await this.list();
    if (watch) void this.watch();
  }

  /** The cached objects (wire JSON), in no particular order. */
  objects(): Record<string, unknown>[] {
    return [...this.items.values()];
  }

  /** Ends the watch and any pending retry for good. */
  stop(): void {
    this.stopped = true;
    this.cancelRetry?.();
    this.current?.abort();
  }

  private async list(): Promise<void> {
    const body = await this.rest.send<ListBody>({ method: 'GET', path: this.path() });
    this.items.clear();
    for (const item of body.items ?? []) {
      const obj = { apiVersion: this.info.apiVersion, kind: this.info.kind, ...item };
      const k = keyOf(obj);
      if (k !== undefined) this.items.set(k, obj);
    }
    this.rv = body.metadata?.resourceVersion ?? '';
    this.expired = false;
    this.bump();
  }

  private bump(): void {
    this.version++;
    this.events.changed();
  }

  private onEvent(type: string, obj: unknown): void {
    if (this.stopped) return;
    if (type === 'ERROR') {
      if (statusCode(obj) === 410) this.expired = true;
      return;
    }
    if (this.failing) this.recovered();
    this.heard = true;
    this.backoff = FIRST_BACKOFF_MS;
    const rv = (obj as Meta | undefined)?.metadata?.resourceVersion;
    if (rv) this.rv = rv;
    if (type === 'BOOKMARK') return;
    const k = keyOf(obj);
    if (k === undefined || typeof obj !== 'object' || obj === null) return;
    if (type === 'DELETED') this.items.delete(k);
    else this.items.set(k, obj as Record<string, unknown>);
    this.bump();
  }

  private recovered(): void {
    this.failing = false;
    this.events.health({ connected: true, reconnected: true });
  }

  private async watch(): Promise<void> {
    if (this.stopped) return;
    let done = false;
    this.heard = false;
    const onDone = (err: unknown): void => {
      if (done) return;
      done = true;
      this.current = undefined;
      void this.ended(err);
    };
    try {
      const query: Record<string, string> = { allowWatchBookmarks: 'true' };
      if (this.rv) query['resourceVersion'] = this.rv;
      this.current = await this.watchFn(this.path(), query, (t, o) => this.onEvent(t, o), onDone);
      if (this.stopped) this.current.abort();
    } catch (err) {
      onDone(err);
    }
  }

  private async ended(err: unknown): Promise<void> {
    if (this.stopped) return;
    if (this.expired || statusCode(err) === 410) {
      try {
        await this.list();
        if (this.failing) this.recovered();
        void this.watch();
      } catch (e) {
        this.retry(e);
      }
      return;
    }
    if (err === null || err === undefined) {
      // The server ended the stream (its timeout, a proxy, a restart): resume from where we
      // were; a stream that ends at once, again and again, is retried with back-off.
      this.failing = false;
      this.events.health({ connected: true, reconnected: true });
      if (this.heard) void this.watch();
      else this.later(() => void this.watch());
      return;
    }
    this.retry(err);
  }

  private later(fn: () => void): void {
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    this.cancelRetry = this.schedule(wait, () => {
      this.cancelRetry = undefined;
      fn();
    });
  }

  private retry(err: unknown): void {
    this.failing = true;
    this.events.health({ connected: false, err });
    this.later(() => {
      // Probe with a list when the last attempt failed: a watch that cannot connect reports
      // nothing useful, while a list says 401/403/refused and restores the cache.
      void this.list().then(
        () => {
          this.recovered();
          void this.watch();
        },
        (e: unknown) => this.retry(e),
      );
    });
  }
}
