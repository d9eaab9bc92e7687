/**
 * The screen's view of a running cluster, shared by the simulator's environment and a real
 * cluster's lesson: listeners, publishing at most every `throttleMs`, and learner idleness read
 * fresh from the wall clock (a new view object only when it flips, as useSyncExternalStore needs).
 */

/** What every view carries. */
export interface IdleAware {
  readonly idle: boolean;
}

/** How a live view is built and timed. */
export interface LiveViewOptions<V extends IdleAware> {
  /** Builds the view now (the idle flag is filled in). */
  readonly build: (idle: boolean) => V;
  readonly realNow?: () => number;
  /** Minimum ms between publishes triggered by `changed` (default 100). */
  readonly throttleMs?: number;
  /** Wall ms without learner activity before `idle` (default two minutes). */
  readonly idleNudgeMs?: number;
}

/** A view with listeners, throttling and idleness. */
export interface LiveView<V extends IdleAware> {
  readonly realNow: () => number;
  view(): V;
  subscribe(listener: () => void): () => void;
  /** Rebuilds now and tells the listeners. */
  publish(): void;
  /** Something changed: publish soon, at most once per throttle interval. */
  changed(): void;
  /** Tells the listeners without rebuilding (e.g. a clock tick). */
  notify(update?: (current: V) => V): void;
  /** The learner did something. */
  touch(): void;
  idle(): boolean;
  dispose(): void;
}

/** Starts a live view (nothing is scheduled until `changed`). */
export function liveView<V extends IdleAware>(opts: LiveViewOptions<V>): LiveView<V> {
  const realNow = opts.realNow ?? Date.now;
  const idleNudgeMs = opts.idleNudgeMs ?? 120_000;
  const throttleMs = opts.throttleMs ?? 100;
  const listeners = new Set<() => void>();
  let lastActivity = realNow();
  const idle = () => realNow() - lastActivity >= idleNudgeMs;
  let current = opts.build(idle());
  let pending: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const tell = () => {
    for (const l of listeners) l();
  };
  const publish = () => {
    current = opts.build(idle());
    tell();
  };
  return {
    realNow,
    view() {
      const nowIdle = idle();
      if (nowIdle !== current.idle) current = { ...current, idle: nowIdle };
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish,
    changed() {
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        last = realNow();
        publish();
      }, Math.max(0, last + throttleMs - realNow()));
    },
    notify(update) {
      if (update) current = update(current);
      tell();
    },
    touch() {
      lastActivity = realNow();
    },
    idle,
    dispose() {
      if (pending) clearTimeout(pending);
      listeners.clear();
    },
  };
}
