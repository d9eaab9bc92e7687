/**
 * Instructor broadcasts: short messages a host serves at `GET /rooms/<code>/broadcast?after=N`
 * for every learner's status bar. The wire shapes (exported for the learner's poller) and the
 * room's `broadcasts.jsonl`, an append-only log fsynced per message and replayed on start, so a
 * restarted host keeps counting seqs where it stopped and still serves the last messages.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl } from './jsonl.js';
import { z } from 'zod';
import { stripUnprintable } from './render.js';

/** Longest broadcast, in characters (UTF-16 units, as zod's max counts them). */
export const MAX_BROADCAST_CHARS = 200;
/** Most messages one reply carries: the newest ones. */
export const BROADCAST_KEEP = 5;

/** One message: seq counts up from 1 per room; at is the host's ISO time. */
export type BroadcastMessage = { seq: number; text: string; at: string };

/** One message on the wire. */
export const broadcastMessageSchema = z.object({
  seq: z.number().int().positive(),
  text: z.string().min(1).max(MAX_BROADCAST_CHARS),
  at: z.string().datetime(),
});

/** What `GET /rooms/<code>/broadcast?after=N` answers: messages with seq > N, oldest first. */
export const broadcastReplySchema = z.object({ messages: z.array(broadcastMessageSchema).max(BROADCAST_KEEP) });

/** The reply, parsed. */
export type BroadcastReply = { messages: BroadcastMessage[] };

/** A broadcast refused (empty, too long) or not stored, with a sentence for the instructor. */
export class BroadcastError extends Error {}

/** Trimmed, control and bidi characters removed, 1–200 characters; otherwise a BroadcastError. */
export function cleanBroadcast(text: string): string {
  const clean = stripUnprintable(text).trim();
  if (clean.length === 0) throw new BroadcastError('type a message first: a broadcast cannot be empty');
  if (clean.length > MAX_BROADCAST_CHARS) throw new BroadcastError(`a broadcast is at most ${MAX_BROADCAST_CHARS} characters; this one has ${clean.length}`);
  return clean;
}

/** `after` from a request URL's query: absent means 0; anything but a non-negative integer is undefined. */
export function parseAfter(url: string): number | undefined {
  const q = url.indexOf('?');
  const raw = new URLSearchParams(q < 0 ? '' : url.slice(q + 1)).get('after');
  if (raw === null) return 0;
  if (!/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

/** A room's broadcasts: the newest BROADCAST_KEEP in memory, every one on disk. */
export class BroadcastLog {
  private recent: BroadcastMessage[] = [];
  private seq = 0;
  private fd: number | undefined;
  private endsWithNewline = true;
  /** Lines replay skipped (a torn write), as sentences. */
  readonly warnings: string[] = [];
  private readonly file: string;

  /** Replays `dir/broadcasts.jsonl` when it exists. */
  constructor(dir: string) {
    this.file = join(dir, 'broadcasts.jsonl');
    const log = readJsonl(this.file, broadcastMessageSchema, 'a broadcast');
    this.endsWithNewline = log.endsWithNewline;
    this.warnings.push(...log.warnings);
    for (const m of log.values) {
      this.seq = Math.max(this.seq, m.seq);
      this.remember(m);
    }
  }

  private remember(m: BroadcastMessage): void {
    this.recent.push(m);
    this.recent.sort((a, b) => a.seq - b.seq);
    if (this.recent.length > BROADCAST_KEEP) this.recent.splice(0, this.recent.length - BROADCAST_KEEP);
  }

  /** Messages with seq > after, oldest first, at most BROADCAST_KEEP. */
  after(seq: number): BroadcastMessage[] {
    return this.recent.filter((m) => m.seq > seq);
  }

  /** The newest message, if any. */
  last(): BroadcastMessage | undefined {
    return this.recent[this.recent.length - 1];
  }

  /** Cleans, stores (append + fsync) and then serves a message; throws BroadcastError. */
  add(text: string, now: Date): BroadcastMessage {
    const message: BroadcastMessage = { seq: this.seq + 1, text: cleanBroadcast(text), at: now.toISOString() };
    try {
      this.fd ??= openSync(this.file, 'a', 0o600);
      const lead = this.endsWithNewline ? '' : '\n';
      writeSync(this.fd, `${lead}${JSON.stringify(message)}\n`);
      this.endsWithNewline = true;
      fsyncSync(this.fd);
    } catch (err) {
      // The line may be half written: the next one starts on a fresh line, and this seq is never reused.
      this.endsWithNewline = false;
      this.seq = message.seq;
      const code = (err as NodeJS.ErrnoException).code;
      throw new BroadcastError(`the broadcast could not be stored in ${this.file}${code ? ` (${code})` : ''}; nothing was sent`);
    }
    this.seq = message.seq;
    this.remember(message);
    return message;
  }

  /** Closes the append handle (the host calls it on stop). */
  close(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }
}
