/**
 * Per-learner token buckets, so one runaway (or hostile) learner cannot flood the room. Time
 * comes from an injected clock; buckets idle long enough to be full are forgotten.
 */

/** A bucket's shape: `rate` tokens a second, holding at most `burst`. */
export interface RateLimit {
  readonly rate: number;
  readonly burst: number;
}

/** Ten requests a second with a burst of twenty: far above what a learner's tool sends. */
export const DEFAULT_RATE_LIMIT: RateLimit = { rate: 10, burst: 20 };

/** Token buckets keyed by learner id. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token from each key's bucket; false (and nothing taken) when any bucket is empty. */
  take(keys: readonly string[]): boolean {
    const t = this.now();
    const filled = keys.map((k) => {
      const b = this.buckets.get(k);
      const tokens = b === undefined ? this.limit.burst : Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.rate);
      return { k, tokens };
    });
    if (filled.some((f) => f.tokens < 1)) return false;
    for (const f of filled) this.buckets.set(f.k, { tokens: f.tokens - 1, at: t });
    if (this.buckets.size > 10_000) this.forgetFull(t);
    return true;
  }

  private forgetFull(t: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((t - b.at) / 1000) * this.limit.rate >= this.limit.burst) this.buckets.delete(k);
  }
}
