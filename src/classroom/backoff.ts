/**
 * How long a learner's tool waits before asking the host again (the outbox's delivery, the
 * broadcast poll): doubling from `firstMs`, capped at `capMs`, jittered to 50–100 % so a room of
 * learners does not retry in step, and never shorter than the host's Retry-After (capped too).
 */
export function retryWaitMs(attempt: number, random: number, firstMs: number, capMs: number, retryAfterMs = 0): number {
  const ceiling = Math.min(capMs, firstMs * 2 ** Math.min(attempt, 16));
  return Math.max(Math.round(ceiling * (0.5 + random / 2)), Math.min(retryAfterMs, capMs));
}
