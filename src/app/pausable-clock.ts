/**
 * The interactive simulator's clock with time controls: real time (optionally sped up) that
 * can be paused, resumed, and stepped while paused. It lives in the app because pausing is a
 * TUI feature; the simulator only sees the `Clock` interface.
 */
import type { CancelTimer, Clock } from '../sim/clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  handle?: ReturnType<typeof setTimeout>;
  cancelled: boolean;
}

/** Real time that stops when paused; `jumpTo` moves paused time forward firing due timers. */
export class PausableClock implements Clock {
  private anchorReal: number;
  private anchorSim: number;
  private frozen: boolean;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(
    private readonly speed = 1,
    startMs = Date.now(),
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchorReal = realNow();
    this.anchorSim = startMs;
    this.frozen = false;
  }

  now(): number {
    return this.frozen ? this.anchorSim : this.anchorSim + (this.realNow() - this.anchorReal) * this.speed;
  }

  /** Whether time stands still. */
  get paused(): boolean {
    return this.frozen;
  }

  setTimer(atMs: number, fn: () => void): CancelTimer {
    const timer: Timer = { at: atMs, seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    if (!this.frozen) this.arm(timer);
    return () => {
      timer.cancelled = true;
      if (timer.handle) clearTimeout(timer.handle);
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  private arm(timer: Timer): void {
    const delay = Math.max(0, (timer.at - this.now()) / this.speed);
    timer.handle = setTimeout(() => this.fire(timer), Math.min(delay, 2 ** 31 - 1));
    timer.handle.unref?.();
  }

  private fire(timer: Timer): void {
    if (timer.cancelled) return;
    this.timers = this.timers.filter((t) => t !== timer);
    timer.fn();
  }

  /** Stops time; pending timers wait. */
  pause(): void {
    if (this.frozen) return;
    this.anchorSim = this.now();
    this.frozen = true;
    for (const t of this.timers) if (t.handle) clearTimeout(t.handle);
  }

  /** Lets time run again from where it stood. */
  resume(): void {
    if (!this.frozen) return;
    this.anchorReal = this.realNow();
    this.frozen = false;
    for (const t of this.timers) this.arm(t);
  }

  /** Puts the clock at `ms` (a rewind moves it back); pending timers are re-armed from there. */
  setTime(ms: number): void {
    this.anchorSim = ms;
    this.anchorReal = this.realNow();
    if (this.frozen) return;
    for (const t of this.timers) {
      if (t.handle) clearTimeout(t.handle);
      this.arm(t);
    }
  }

  /** While paused: moves time to `atMs` (never back), firing due timers in order. */
  jumpTo(atMs: number): void {
    if (!this.frozen) return;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= atMs).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.anchorSim = Math.max(this.anchorSim, due.at);
      this.fire(due);
    }
    this.anchorSim = Math.max(this.anchorSim, atMs);
  }
}
