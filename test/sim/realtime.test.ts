import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/sim/clock.js';
import { daemonSet, kindLikeCluster } from './fixtures.js';

/** A clock whose timers fire when the test says so, not on wall time. */
class SteppedClock implements Clock {
  private t = Date.UTC(2026, 10, 25, 10, 0, 0);
  private timers: { at: number; fn: () => void }[] = [];
  now(): number {
    return this.t;
  }
  setTimer(at: number, fn: () => void): () => void {
    const timer = { at, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
  /** Jumps to the earliest timer and fires it. */
  fireNext(): boolean {
    this.timers.sort((a, b) => a.at - b.at);
    const next = this.timers.shift();
    if (!next) return false;
    this.t = Math.max(this.t, next.at);
    next.fn();
    return true;
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SimCluster.startRealtime', () => {
  it('settles after writes and wakes on the clock until the DaemonSet is ready', async () => {
    const clock = new SteppedClock();
    const cluster = kindLikeCluster(2, undefined, clock);
    const stop = cluster.startRealtime();
    cluster.store.create(daemonSet('agent'));
    await tick();
    expect(cluster.store.list('Pod')).toHaveLength(2);
    for (let i = 0; i < 50 && (cluster.store.get('DaemonSet', 'default', 'agent')?.status?.numberReady ?? 0) < 2; i++) {
      clock.fireNext();
      await tick();
    }
    expect(cluster.store.get('DaemonSet', 'default', 'agent')?.status?.numberReady).toBe(2);
    stop();
  });
});
