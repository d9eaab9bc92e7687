import { describe, expect, it, vi } from 'vitest';
import { liveView } from '../../src/app/live-view.js';

describe('liveView', () => {
  it('publishes at most once per throttle interval, and reads idleness fresh', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      let builds = 0;
      const live = liveView({ build: (idle) => ({ n: ++builds, idle }), throttleMs: 100, idleNudgeMs: 60_000 });
      let told = 0;
      live.subscribe(() => told++);
      live.changed();
      live.changed();
      live.changed();
      vi.advanceTimersByTime(99);
      expect(told).toBe(0);
      vi.advanceTimersByTime(1);
      expect([told, live.view().n]).toEqual([1, 2]);
      const before = live.view();
      expect(live.view()).toBe(before);
      vi.advanceTimersByTime(60_000);
      expect(live.view()).toEqual({ n: 2, idle: true });
      live.touch();
      expect(live.view().idle).toBe(false);
      live.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
