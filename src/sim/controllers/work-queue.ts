/**
 * A controller's queue of keys to process now or at a later instant (the simulator's
 * equivalent of client-go's rate-limited work queue, driven by the injected clock).
 */
export class WorkQueue {
  private readonly now = new Set<string>();
  private readonly later = new Map<string, number>();

  /** Queues a key for the current instant. */
  add(key: string): void {
    this.now.add(key);
  }

  /** Queues a key for `atMs` (the earliest request wins). */
  addAt(key: string, atMs: number): void {
    const current = this.later.get(key);
    if (current === undefined || atMs < current) this.later.set(key, atMs);
  }

  /** True when a key is due at `nowMs`. */
  hasDue(nowMs: number): boolean {
    if (this.now.size > 0) return true;
    for (const at of this.later.values()) if (at <= nowMs) return true;
    return false;
  }

  /** Removes and returns every key due at `nowMs`. */
  takeDue(nowMs: number): string[] {
    const out = new Set(this.now);
    this.now.clear();
    for (const [key, at] of this.later) {
      if (at <= nowMs) {
        out.add(key);
        this.later.delete(key);
      }
    }
    return [...out];
  }

  /** The earliest future instant a key is queued for. */
  nextAt(): number | undefined {
    let min: number | undefined;
    for (const at of this.later.values()) if (min === undefined || at < min) min = at;
    return min;
  }

  /** Forgets everything (used when restoring a checkpoint). */
  clear(): void {
    this.now.clear();
    this.later.clear();
  }
}
