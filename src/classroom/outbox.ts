/**
 * The learner's durable outbox: progress events are written to disk first and delivered to the
 * classroom host later, in seq order, in batches, with the same ids on every retry so the host's
 * dedupe makes redelivery harmless. The host being away never blocks the tutorial: `record` only
 * touches the disk, and `flush` backs off and retries until it is closed.
 */
import { MAX_BATCH, MAX_BODY_BYTES, type ClassroomEvent } from './protocol.js';
import { OutboxStore } from './outbox-store.js';
import { retryWaitMs } from './backoff.js';

/** What the host said to one request; `status` 0 never occurs (network errors reject). */
export interface SendResult {
  readonly status: number;
  readonly body?: unknown;
  /** The host's Retry-After, in ms, when it sent one (429, 503). */
  readonly retryAfterMs?: number;
}

/** The IO the outbox needs, injected so tests run a fake host and a fake clock. */
export interface OutboxPorts {
  /** POSTs one batch to the room; rejects on a network error. */
  readonly send: (batch: readonly ClassroomEvent[]) => Promise<SendResult>;
  /** Wall time in ms, for each event's `at`. */
  readonly now: () => number;
  /** In [0, 1): jitters the back-off. */
  readonly random: () => number;
  /** A fresh event or learner id (8–64 chars of [A-Za-z0-9_-]). */
  readonly newId: () => string;
  /** Waits between retries; resolves early when the signal aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Warnings and the one refusal message (never console while Ink owns the screen). */
  readonly log: (message: string) => void;
}

/** Room, display name and where its files live. */
export interface OutboxOptions {
  readonly url: string;
  readonly code: string;
  readonly name: string;
  readonly dir: string;
}

/** Another running tool already owns this room's queue on this machine. */
export class OutboxBusyError extends Error {}

/** Why `flush` returned. */
export type FlushState = 'empty' | 'refused' | 'stopped' | 'closed';

/** The back-off before retry number `attempt` (0-based): doubling from 500 ms, capped at 30 s, jittered to 50–100 %. */
export function backoffMs(attempt: number, random: number, retryAfterMs?: number): number {
  return retryWaitMs(attempt, random, 500, 30_000, retryAfterMs);
}

type Kind = ClassroomEvent['kind'];

/** One room's queue and its delivery loop. */
export class Outbox {
  private readonly store: OutboxStore;
  private readonly pending: ClassroomEvent[];
  private delivered: number;
  private seq: number;
  private readonly learner: string;
  private readonly name: string;
  private state: 'open' | 'refused' | 'stopped' | 'closed' = 'open';
  private running: Promise<FlushState> | undefined;
  private readonly abort = new AbortController();
  /** Size of the next batch; shrinks to 1 to find the event a host rejects. */
  private batchLimit = MAX_BATCH;

  constructor(
    private readonly opts: OutboxOptions,
    private readonly ports: OutboxPorts,
  ) {
    this.store = new OutboxStore(opts.dir, ports.log);
    const holder = this.store.lock();
    if (holder !== undefined) throw new OutboxBusyError(`another learn-daemonsets (pid ${holder}) is already in classroom ${opts.code} on this machine; close it first`);
    const known = this.store.readLearner();
    this.learner = known?.learner ?? ports.newId();
    this.name = opts.name;
    if (!known || known.name !== opts.name) this.store.writeLearner({ learner: this.learner, name: this.name });
    const loaded = this.store.load();
    this.pending = loaded.pending;
    this.delivered = loaded.delivered;
    this.seq = loaded.lastSeq;
  }

  /** Events not yet delivered (a copy), e.g. for a status line. */
  get queued(): readonly ClassroomEvent[] {
    return [...this.pending];
  }

  /** Appends an event durably; cheap and offline-safe, so the TUI can call it on every change. */
  record(kind: Kind, lesson?: string, step?: string): ClassroomEvent {
    const event: ClassroomEvent = {
      id: this.ports.newId(),
      learner: this.learner,
      name: this.name,
      seq: ++this.seq,
      at: new Date(this.ports.now()).toISOString(),
      kind,
      ...(lesson !== undefined ? { lesson } : {}),
      ...(step !== undefined ? { step } : {}),
    };
    this.store.append(event);
    this.pending.push(event);
    return event;
  }

  /** Delivers everything queued, retrying through outages; one flush at a time (callers share it). */
  flush(): Promise<FlushState> {
    this.running ??= this.deliver().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops retrying (the tool is exiting); queued events stay on disk for next time. */
  close(): void {
    if (this.state === 'open') this.state = 'closed';
    this.abort.abort();
    this.store.unlock();
  }

  private async deliver(): Promise<FlushState> {
    let attempt = 0;
    while (this.isOpen()) {
      const batch = this.nextBatch();
      if (batch.length === 0) return 'empty';
      let result: SendResult | undefined;
      try {
        result = await this.ports.send(batch);
      } catch {
        result = undefined;
      }
      if (!this.isOpen()) {
        // Closed mid-request: still count an acknowledged batch, so next run resends less.
        if (result && result.status >= 200 && result.status < 300) this.settle(batch.length);
        break;
      }
      const outcome = this.handle(batch, result);
      if (outcome === 'retry') {
        // A host that says when to come back is believed, within the back-off's cap.
        const wait = backoffMs(attempt++, this.ports.random(), result?.retryAfterMs);
        await this.ports.sleep(wait, this.abort.signal);
      } else {
        attempt = 0;
      }
    }
    return this.state === 'open' ? 'empty' : this.state;
  }

  /** Read through a method: `close()` and a reply may change the state across an await. */
  private isOpen(): boolean {
    return this.state === 'open';
  }

  private handle(batch: readonly ClassroomEvent[], result: SendResult | undefined): 'next' | 'retry' {
    const status = result?.status;
    if (status === undefined || status === 429 || status >= 500) return 'retry';
    if (status >= 200 && status < 300) {
      this.settle(batch.length);
      this.batchLimit = Math.min(MAX_BATCH, this.batchLimit * 2);
      return 'next';
    }
    if (status === 401) {
      this.state = 'refused';
      this.ports.log(`the join code was refused by ${this.opts.url}: check the code your instructor gave`);
      return 'next';
    }
    if (status === 413 || status === 415 || status === 422) {
      if (batch.length > 1) {
        // Send one at a time until the host names the culprit by rejecting it alone.
        this.batchLimit = 1;
        return 'next';
      }
      const event = batch[0];
      this.ports.log(`classroom: dropped event ${event?.id ?? '?'} (${event?.kind ?? '?'}, seq ${event?.seq ?? '?'}): the host answered ${status} ${describe(result?.body)}`);
      this.settle(1);
      return 'next';
    }
    this.state = 'stopped';
    this.ports.log(`classroom: ${this.opts.url} answered ${status} for room ${this.opts.code}; progress stays queued on this machine`);
    return 'next';
  }

  /** The first `count` pending events are handled: watermark first, then trim the file. */
  private settle(count: number): void {
    const done = this.pending.splice(0, count);
    const last = done[done.length - 1];
    if (!last) return;
    this.delivered = last.seq;
    this.store.writeDelivered(this.delivered);
    this.store.rewrite(this.pending);
  }

  /** Up to the batch limit, and never more bytes than the host reads. */
  private nextBatch(): ClassroomEvent[] {
    const batch: ClassroomEvent[] = [];
    let bytes = 2;
    for (const event of this.pending) {
      if (batch.length >= this.batchLimit) break;
      const size = Buffer.byteLength(JSON.stringify(event)) + 1;
      if (batch.length > 0 && bytes + size > MAX_BODY_BYTES) break;
      batch.push(event);
      bytes += size;
    }
    return batch;
  }
}

function describe(body: unknown): string {
  if (body === undefined) return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
