/** A queue's contents in a checkpoint (the bucket sets are copies). */
export interface WorkQueueState {
  readonly now: ReadonlySet<string>;
  readonly dueAt: ReadonlyMap<string, number>;
  readonly buckets: ReadonlyMap<number, ReadonlySet<string>>;
  readonly times: readonly number[];
}

/**
 * A controller's queue of keys to process now or at a later instant (the simulator's
 * equivalent of client-go's rate-limited work queue, driven by the injected clock). Keys due
 * later are bucketed by instant, so thousands of pods waking at the same moments stay cheap.
 */
export class WorkQueue {
  private now = new Set<string>();
  private dueAt = new Map<string, number>();
  private buckets = new Map<number, Set<string>>();
  /** Distinct instants with keys, ascending. */
  private times: number[] = [];

  /** Queues a key for the current instant. */
  add(key: string): void {
    this.now.add(key);
  }

  /** Queues a key for `atMs` (the earliest request wins). */
  addAt(key: string, atMs: number): void {
    const current = this.dueAt.get(key);
    if (current !== undefined) {
      if (current <= atMs) return;
      this.removeFromBucket(key, current);
    }
    this.dueAt.set(key, atMs);
    let bucket = this.buckets.get(atMs);
    if (!bucket) {
      bucket = new Set();
      this.buckets.set(atMs, bucket);
      this.insertTime(atMs);
    }
    bucket.add(key);
  }

  /** True when a key is due at `nowMs`. */
  hasDue(nowMs: number): boolean {
    return this.now.size > 0 || (this.times.length > 0 && (this.times[0] as number) <= nowMs);
  }

  /** Removes and returns every key due at `nowMs`. */
  takeDue(nowMs: number): string[] {
    const out = new Set(this.now);
    this.now.clear();
    while (this.times.length > 0 && (this.times[0] as number) <= nowMs) {
      const t = this.times.shift() as number;
      for (const key of this.buckets.get(t) ?? []) {
        out.add(key);
        this.dueAt.delete(key);
      }
      this.buckets.delete(t);
    }
    return [...out];
  }

  /** The earliest future instant a key is queued for. */
  nextAt(): number | undefined {
    return this.times[0];
  }

  /** Forgets everything. */
  clear(): void {
    this.now.clear();
    this.dueAt.clear();
    this.buckets.clear();
    this.times = [];
  }

  /** Everything queued, for a checkpoint. */
  snapshot(): WorkQueueState {
    return { now: new Set(this.now), dueAt: new Map(this.dueAt), buckets: copyBuckets(this.buckets), times: this.times.slice() };
  }

  /** Puts a checkpoint's queue back (copying again, so the checkpoint stays reusable). */
  restore(state: WorkQueueState): void {
    this.now = new Set(state.now);
    this.dueAt = new Map(state.dueAt);
    this.buckets = copyBuckets(state.buckets);
    this.times = state.times.slice();
  }

  private removeFromBucket(key: string, at: number): void {
    const bucket = this.buckets.get(at);
    if (!bucket) return;
    bucket.delete(key);
    if (bucket.size === 0) {
      this.buckets.delete(at);
      const i = this.times.indexOf(at);
      if (i >= 0) this.times.splice(i, 1);
    }
  }

  private insertTime(at: number): void {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] as number) < at) lo = mid + 1;
      else hi = mid;
    }
    this.times.splice(lo, 0, at);
  }
}

function copyBuckets(buckets: ReadonlyMap<number, ReadonlySet<string>>): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const [at, keys] of buckets) out.set(at, new Set(keys));
  return out;
}
