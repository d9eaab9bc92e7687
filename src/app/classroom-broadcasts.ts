/**
 * The instructor's broadcasts on a joined learner's screen: the board holds the message to show
 * (the newest, for a minute or until the next one) and tells the screen when it changes; the
 * poller fills it. Loaded only on the `--join` path, so the plain tutorial never pays for it.
 */
import { outboxDir } from '../classroom/outbox-store.js';
import { abortableSleep, httpBroadcastGetter } from '../classroom/outbox-http.js';
import { BroadcastPoller, type BroadcastPollPorts } from '../classroom/broadcast-poll.js';

/** What the screen reads: the message to show now, and a way to hear when that changes. */
export interface BroadcastFeed {
  readonly subscribe: (listener: () => void) => () => void;
  readonly get: () => string | undefined;
}

/** Starts a timer; returns its cancel. Injected so tests move time by hand. */
export type Timer = (ms: number, fire: () => void) => () => void;

/** How long a message stays in the status bar unless a newer one replaces it. */
export const SHOW_MS = 60_000;

const realTimer: Timer = (ms, fire) => {
  const t = setTimeout(fire, ms);
  t.unref();
  return () => clearTimeout(t);
};

/** The message on show; a subscribe/get store for useSyncExternalStore. */
export class BroadcastBoard implements BroadcastFeed {
  private text: string | undefined;
  private cancel: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly timer: Timer = realTimer,
    private readonly showMs = SHOW_MS,
  ) {}

  /** Shows `text` now, replacing any message on show, and takes it down after showMs. */
  show(text: string): void {
    this.cancel?.();
    this.text = text;
    this.cancel = this.timer(this.showMs, () => {
      this.cancel = undefined;
      this.text = undefined;
      this.notify();
    });
    this.notify();
  }

  readonly get = (): string | undefined => this.text;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Cancels the pending take-down (the tutorial is closing). */
  close(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}

/** A room's broadcasts followed until `close`: the feed for the screen. */
export interface FollowedBroadcasts {
  readonly feed: BroadcastFeed;
  close(): void;
}

/** Polls the joined room over HTTP and shows what arrives; `log` goes to the --debug log. */
export function followBroadcasts(opts: { url: string; code: string; log: (message: string) => void; env?: NodeJS.ProcessEnv }): FollowedBroadcasts {
  const board = new BroadcastBoard();
  const ports: BroadcastPollPorts = { get: httpBroadcastGetter(opts.url, opts.code), random: Math.random, sleep: abortableSleep, log: opts.log };
  const poller = new BroadcastPoller({ url: opts.url, code: opts.code, dir: outboxDir(opts.code, opts.env), onMessage: (m) => board.show(m.text) }, ports);
  poller.run().catch((err: unknown) => opts.log(`broadcast polling stopped: ${err instanceof Error ? err.message : String(err)}`));
  return {
    feed: board,
    close: () => {
      poller.close();
      board.close();
    },
  };
}
