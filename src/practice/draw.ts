/**
 * Which tasks a practice run asks, reproducibly: a seeded shuffle of the pool (the same seed
 * and minutes give the same exam), about one task per five minutes, as in the CKA.
 */

/** The default exam length. */
export const DEFAULT_MINUTES = 30;

/** A small, well-mixed 32-bit generator (mulberry32): plenty for shuffling a pool. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many tasks fit the time: one per five minutes, at least three, at most the pool. */
export function taskCount(minutes: number, poolSize: number): number {
  return Math.max(1, Math.min(poolSize, Math.max(3, Math.round(minutes / 5))));
}

/** The drawn items, in exam order. */
export function drawTasks<T>(pool: readonly T[], minutes: number, seed: number): T[] {
  const random = seededRandom(seed);
  const order = [...pool];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as T, order[i] as T];
  }
  return order.slice(0, taskCount(minutes, pool.length));
}

/** A fresh seed for a run the learner did not seed (shown in the report so it can be repeated). */
export function freshSeed(): number {
  return Math.floor(Math.random() * 1_000_000);
}
