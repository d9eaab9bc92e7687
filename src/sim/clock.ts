/**
 * Time for the simulator. Nothing in sim/ reads wall time directly: a ManualClock drives
 * tests and benchmarks deterministically, a RealClock (optionally sped up) drives the
 * interactive simulator.
 */

/** A cancellable one-shot timer handle. */
export type CancelTimer = () => void;

/** The clock every controller reads; `setTimer` fires once `now()` reaches `atMs`. */
export interface Clock {
  now(): number;
  setTimer(atMs: number, fn: () => void): CancelTimer;
  /** Jumps to `ms`, backwards too (restoring a checkpoint rewinds simulated time). */
  setTime?(ms: number): void;
}

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to; timers fire in time order during `advanceTo`. */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(startMs = Date.UTC(2026, 0, 1, 9, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(atMs: number, fn: () => void): CancelTimer {
    const timer: PendingTimer = { at: atMs, seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Jumps to `ms`, backwards too, firing nothing (a checkpoint restore; pending timers stay). */
  setTime(ms: number): void {
    this.current = ms;
  }

  /** The earliest pending timer, if any. */
  nextTimerAt(): number | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    return this.timers[0]?.at;
  }

  /** Moves time forward by `ms`, firing due timers at their own instants. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Moves time to `targetMs` (never backwards), firing due timers at their own instants. */
  advanceTo(targetMs: number): void {
    for (;;) {
      const next = this.timers.find((t) => !t.cancelled);
      if (!next || next.at > targetMs) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      if (next.at > this.current) this.current = next.at;
      next.fn();
    }
    if (targetMs > this.current) this.current = targetMs;
  }
}

/** Wall-clock time, optionally sped up (`speed` 10 = ten simulated seconds per real second). */
export class RealClock implements Clock {
  private readonly realStart = Date.now();
  private readonly simStart: number;
  /** Simulated milliseconds added by `setTime` (a checkpoint restore moves time back). */
  private offset = 0;

  constructor(
    private readonly speed = 1,
    simStartMs = Date.now(),
  ) {
    if (!(speed > 0)) throw new Error(`speed must be a positive number, got ${speed}`);
    this.simStart = simStartMs;
  }

  now(): number {
    return this.simStart + (Date.now() - this.realStart) * this.speed + this.offset;
  }

  /** Jumps simulated time to `ms` (backwards too); it keeps flowing at `speed` from there. */
  setTime(ms: number): void {
    this.offset += ms - this.now();
  }

  setTimer(atMs: number, fn: () => void): CancelTimer {
    const delay = Math.max(0, (atMs - this.now()) / this.speed);
    const handle = setTimeout(fn, Math.min(delay, 2 ** 31 - 1));
    handle.unref?.();
    return () => clearTimeout(handle);
  }
}

/**
 * Recent answers of isoSeconds by whole second. Callers interleave instants (now, a deletion's
 * deadline, a container's start): one remembered answer missed one call in five at 5,000 nodes,
 * and each miss built a Date and two strings. One string per second is shared by every caller.
 */
const isoBySecond = new Map<number, string>();
const ISO_REMEMBERED = 4096;
let lastSecond = Number.NaN;
let lastIso = '';

/** RFC 3339 with whole seconds, as Kubernetes serialises metav1.Time. */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === lastSecond) return lastIso;
  let iso = isoBySecond.get(second);
  if (iso === undefined) {
    iso = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    if (isoBySecond.size >= ISO_REMEMBERED) isoBySecond.clear();
    isoBySecond.set(second, iso);
  }
  lastSecond = second;
  lastIso = iso;
  return iso;
}

/** Parses a Kubernetes timestamp back to epoch milliseconds. */
export function parseTime(iso: string | undefined | null): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}
