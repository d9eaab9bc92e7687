/**
 * The learner's side of instructor broadcasts: while joined, ask the host every few seconds for
 * messages newer than the last one seen, and hand the newest to the screen. The reply is checked
 * against the wire schema and its text cleaned again (the wire is never trusted); the last seen
 * seq is kept beside the room's outbox, so a restarted tutorial does not show old news twice.
 * An unreachable host is waited out with back-off; a host without the route (404) or one that
 * refuses the code (401) ends polling, with a note for the --debug log.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import { BROADCAST_KEEP, broadcastReplySchema, type BroadcastMessage } from './broadcast.js';
import type { SendResult } from './outbox.js';
import { stripUnprintable } from './render.js';
import { retryWaitMs } from './backoff.js';

/** The IO the poller needs, injected so tests run a fake host and no real time passes. */
export interface BroadcastPollPorts {
  /** GETs the room's messages with seq > after; rejects on a network error. */
  readonly get: (after: number) => Promise<SendResult>;
  /** In [0, 1): jitters the back-off. */
  readonly random: () => number;
  /** Waits between polls; resolves early when the signal aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Notes for the --debug log (never the terminal while Ink owns it). */
  readonly log: (message: string) => void;
}

/** Which room, where its files live, and who shows the messages. */
export interface BroadcastPollOptions {
  readonly url: string;
  readonly code: string;
  /** The room's outbox directory: the last seen seq is kept there. */
  readonly dir: string;
  /** Called with the newest unseen message, its text already cleaned. */
  readonly onMessage: (message: BroadcastMessage) => void;
  /** Between polls when all is well (default 5 s). */
  readonly intervalMs?: number;
}

/** Why polling ended. */
export type PollEnd = 'closed' | 'unsupported' | 'refused' | 'stopped';

/** Between polls when all is well. */
export const POLL_MS = 5_000;
/** The longest wait after failures. */
export const MAX_POLL_BACKOFF_MS = 60_000;
/** Full pages read back to back before showing anything (a host that pages oldest first). */
const MAX_PAGES = 10;
const SEEN = 'broadcast-seen';

/** The wait after failed poll number `failures` (0-based) in a row: 1–2, 2–4, 4–8… intervals, at most 60 s. */
export function pollBackoffMs(failures: number, random: number, intervalMs = POLL_MS, retryAfterMs?: number): number {
  return retryWaitMs(failures, random, 2 * intervalMs, MAX_POLL_BACKOFF_MS, retryAfterMs);
}

type Round = { readonly kind: 'ok' } | { readonly kind: 'retry'; readonly retryAfterMs?: number } | { readonly kind: 'end'; readonly end: PollEnd };

/** One room's poll loop; `run` until `close`. */
export class BroadcastPoller {
  private seen: number;
  private open = true;
  private readonly abort = new AbortController();
  private readonly file: string;
  private warnedUnreachable = false;

  constructor(
    private readonly opts: BroadcastPollOptions,
    private readonly ports: BroadcastPollPorts,
  ) {
    this.file = path.join(opts.dir, SEEN);
    this.seen = readSeen(this.file);
  }

  /** The highest seq handled (shown or skipped as older), as kept on disk. */
  get lastSeen(): number {
    return this.seen;
  }

  /** Polls until closed or the host says stop; resolves to why it ended. */
  async run(): Promise<PollEnd> {
    const interval = this.opts.intervalMs ?? POLL_MS;
    let failures = 0;
    while (this.open) {
      const round = await this.round();
      if (round.kind === 'end') return round.end;
      if (!this.open) break;
      const wait = round.kind === 'ok' ? interval : pollBackoffMs(failures++, this.ports.random(), interval, round.retryAfterMs);
      if (round.kind === 'ok') failures = 0;
      await this.ports.sleep(wait, this.abort.signal);
    }
    return 'closed';
  }

  /** Stops polling (the tutorial is closing); a wait in progress ends at once. */
  close(): void {
    this.open = false;
    this.abort.abort();
  }

  /** One poll: pages until a short one, then the newest unseen message is shown and remembered. */
  private async round(): Promise<Round> {
    let after = this.seen;
    let newest: BroadcastMessage | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let result: SendResult;
      try {
        result = await this.ports.get(after);
      } catch (err) {
        if (!this.warnedUnreachable) this.ports.log(`cannot reach ${this.opts.url} for broadcast messages (${err instanceof Error ? err.message : String(err)}); retrying`);
        this.warnedUnreachable = true;
        return { kind: 'retry' };
      }
      if (!this.open) return { kind: 'end', end: 'closed' };
      this.warnedUnreachable = false;
      const status = this.statusRound(result);
      if (status) return status;
      const parsed = broadcastReplySchema.safeParse(result.body);
      if (!parsed.success) {
        this.ports.log(`${this.opts.url} sent a broadcast reply that is not the expected shape; ignored`);
        return { kind: 'retry' };
      }
      const fresh = parsed.data.messages.filter((m) => m.seq > after).sort((a, b) => a.seq - b.seq);
      for (const m of fresh) {
        const text = stripUnprintable(m.text).trim();
        if (text) newest = { ...m, text };
      }
      after = Math.max(after, ...fresh.map((m) => m.seq));
      if (parsed.data.messages.length < BROADCAST_KEEP || fresh.length === 0) break;
    }
    if (after > this.seen) {
      this.seen = after;
      this.remember();
    }
    if (newest) this.opts.onMessage(newest);
    return { kind: 'ok' };
  }

  /** What a non-200 status means for polling (undefined: read the body). */
  private statusRound(result: SendResult): Round | undefined {
    const { status } = result;
    if (status >= 200 && status < 300) return undefined;
    if (status === 429 || status >= 500) return { kind: 'retry', ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}) };
    if (status === 404) {
      this.ports.log(`${this.opts.url} has no broadcast messages (an older host); not asking again`);
      return { kind: 'end', end: 'unsupported' };
    }
    if (status === 401) {
      this.ports.log(`${this.opts.url} refused room ${this.opts.code} when asked for broadcast messages; not asking again`);
      return { kind: 'end', end: 'refused' };
    }
    this.ports.log(`${this.opts.url} answered ${status} when asked for broadcast messages; not asking again`);
    return { kind: 'end', end: 'stopped' };
  }

  private remember(): void {
    try {
      writeFileAtomic(this.file, `${this.seen}\n`);
    } catch (err) {
      this.ports.log(`could not save the last broadcast seen to ${this.file} (${err instanceof Error ? err.message : String(err)}); a restart may show it again`);
    }
  }
}

/** The last seen seq kept for the room, or 0 (none yet, or unreadable: the newest is shown once). */
function readSeen(file: string): number {
  if (!existsSync(file)) return 0;
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  } catch {
    return 0;
  }
}
