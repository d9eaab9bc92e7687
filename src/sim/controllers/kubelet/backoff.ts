/**
 * Kubelet back-off: container restarts and image pulls both wait 10 s, doubling to 5 min.
 * The first restart after a crash is immediate; a container that ran 10 minutes resets it.
 */

/** Back-off after the n-th consecutive failure (n ≥ 1): 10 s, 20 s, 40 s … capped at 300 s. */
export function backoffMs(n: number): number {
  if (n <= 0) return 0;
  return Math.min(10_000 * 2 ** (n - 1), 300_000);
}

/** Go's duration formatting for whole seconds in back-off messages: `10s`, `1m20s`, `5m0s`. */
export function backoffText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
}

/** A container that ran at least this long before exiting starts its back-off afresh. */
export const BACKOFF_RESET_MS = 600_000;
