/**
 * The instructor's host: a small node:http service with three routes, `POST /rooms/<code>/events`,
 * `GET /rooms/<code>/table` and `GET /rooms/<code>/broadcast?after=N` (the instructor's messages),
 * and with `web` a fourth, the read-only projector page `GET /rooms/<code>/` (web-page.ts).
 * It trusts nothing a learner sends: the join code on every request (constant-time compare), the
 * event schema only, a size limit, a per-learner rate limit. Accepted events are fsynced to the room's log before the reply, so a
 * restarted host from the same room directory has every event it acknowledged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { MAX_BODY_BYTES, type BatchReply, type ClassroomEvent } from './protocol.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import { applyEvents, emptyRoom, type LessonOutline, type RoomState } from './room.js';
import type { RoomStore } from './store.js';
import { roomTable, type RoomTable } from './table.js';
import { readBody, validateBatch, type HttpFailure } from './host-request.js';
import { BroadcastLog, parseAfter, type BroadcastMessage } from './broadcast.js';
import { tableView } from './render.js';
import { projectorPage, wrongCodePage, writePage } from './web-page.js';

/** What the host needs; every IO port and the clock are injectable. */
export interface HostOptions {
  readonly store: RoomStore;
  readonly lessons: readonly LessonOutline[];
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** 127.0.0.1 unless the instructor names a LAN address. */
  readonly bind?: string;
  readonly now?: () => number;
  readonly rateLimit?: RateLimit;
  /** Most learners a room takes (default 1000): made-up learner ids cannot grow it without bound. */
  readonly maxLearners?: number;
  /** Called after accepted events are stored, with those events (the screen redraws). */
  readonly onChange?: (fresh: readonly ClassroomEvent[]) => void;
  /** Also serve the read-only projector page at GET /rooms/<code>/ (web-page.ts). */
  readonly web?: boolean;
}

/** A running host. */
export interface Host {
  readonly code: string;
  /** `http://addr:port/#CODE`, what a learner passes to --join. */
  readonly joinUrl: string;
  /** `http://addr:port/rooms/CODE/`, the projector page (only with `web`). */
  readonly pageUrl: string | undefined;
  readonly port: number;
  /** Warnings from replaying the room's log (torn lines skipped). */
  readonly warnings: readonly string[];
  table(): RoomTable;
  state(): RoomState;
  /** Stores and serves an instructor message (GET /rooms/<code>/broadcast); throws BroadcastError. */
  broadcast(text: string): BroadcastMessage;
  /** The newest broadcast, if any (also after a restart). */
  lastBroadcast(): BroadcastMessage | undefined;
  stop(): Promise<void>;
}

/** A host that could not start, with a sentence the instructor can act on. */
export class HostError extends Error {}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/** The address learners should use: the bound one, or a LAN address when bound to all. */
function publicHost(bind: string): string {
  if (bind !== '0.0.0.0' && bind !== '::') return bind.includes(':') ? `[${bind}]` : bind;
  const lan = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
  return lan?.address ?? '127.0.0.1';
}

/** Starts a host on the room in `opts.store`, replaying its log first. */
export async function startHost(opts: HostOptions): Promise<Host> {
  const now = opts.now ?? Date.now;
  const code = opts.store.code;
  const codeDigest = digest(code);
  const limiter = new RateLimiter(opts.rateLimit, now);
  const maxLearners = opts.maxLearners ?? 1000;
  const replay = opts.store.replay();
  const broadcasts = new BroadcastLog(opts.store.dir);
  let state = applyEvents(emptyRoom(), replay.events).state;
  let waiting: { events: readonly ClassroomEvent[]; resolve: (r: BatchReply) => void; reject: (e: unknown) => void }[] = [];
  let flushing: Promise<void> | undefined;

  /** Group commit: every batch that arrived during the last fsync shares the next one. */
  const flush = async (): Promise<void> => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      let next = state;
      const fresh: ClassroomEvent[] = [];
      const replies = group.map((w) => {
        const result = applyEvents(next, w.events);
        next = result.state;
        fresh.push(...result.fresh);
        return { accepted: result.accepted, duplicates: result.duplicates };
      });
      try {
        await opts.store.append(fresh);
      } catch (err) {
        group.forEach((w) => w.reject(err));
        continue;
      }
      state = next;
      if (fresh.length > 0) opts.onChange?.(fresh);
      group.forEach((w, i) => w.resolve(replies[i] ?? { accepted: 0, duplicates: 0 }));
    }
    flushing = undefined;
  };

  const commit = (events: readonly ClassroomEvent[]): Promise<BatchReply> =>
    new Promise<BatchReply>((resolve, reject) => {
      waiting.push({ events, resolve, reject });
      flushing ??= flush();
    });

  let joinUrl = '';
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const match = /^\/rooms\/([^/?#]{1,64})\/(events|table|broadcast|)$/.exec((req.url ?? '').split('?')[0] ?? '');
    const route = match?.[2];
    if (!match || (route === 'events' && req.method !== 'POST') || (route !== 'events' && req.method !== 'GET') || (route === '' && !opts.web)) {
      return send(res, 404, { error: 'not found: a host serves POST /rooms/<code>/events, GET /rooms/<code>/table and GET /rooms/<code>/broadcast' });
    }
    if (!timingSafeEqual(digest(match[1] ?? ''), codeDigest)) {
      if (route === '') return writePage(res, wrongCodePage());
      return send(res, 401, { error: 'wrong room code: check the join command your instructor shows' });
    }
    if (route === '') return writePage(res, projectorPage({ code, joinUrl }));
    if (route === 'table') {
      const table = roomTable(state, now(), opts.lessons);
      // ?view=1 adds the display text the projector page shows (the terminal's wording).
      return send(res, 200, /[?&]view=1(&|$)/.test(req.url ?? '') ? { ...table, view: tableView(table) } : table);
    }
    if (route === 'broadcast') {
      const after = parseAfter(req.url ?? '');
      if (after === undefined) return send(res, 400, { error: 'after must be a non-negative integer (the last broadcast seq you have), e.g. ?after=3' });
      return send(res, 200, { messages: broadcasts.after(after) });
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if ('status' in body) return send(res, body.status, { error: body.error });
    const batch: ClassroomEvent[] | HttpFailure = validateBatch(body.value);
    if ('status' in batch) return send(res, batch.status, { error: batch.error });
    const learners = [...new Set(batch.map((e) => e.learner))];
    const newcomers = learners.filter((l) => !state.learners.has(l)).length;
    if (newcomers > 0 && state.learners.size + newcomers > maxLearners) return send(res, 403, { error: `the room is full (${maxLearners} learners); ask your instructor` });
    if (!limiter.take(learners)) return send(res, 429, { error: 'too many requests from this learner; retry in a second' }, { 'retry-after': '1' });
    send(res, 200, await commit(batch));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: `the host could not store the events: ${err instanceof Error ? err.message : String(err)}` });
      else res.destroy();
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  const bind = opts.bind ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new HostError(`port ${opts.port ?? 0} is in use; pick another with --port N, or leave --port out for a free one`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new HostError(`${bind} is not an address of this machine; --bind takes one of its IP addresses`));
      else if (err.code === 'EACCES') reject(new HostError(`not allowed to listen on port ${opts.port ?? 0}; use a port above 1023`));
      else reject(err);
    });
    server.listen(opts.port ?? 0, bind, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  joinUrl = `http://${publicHost(bind)}:${port}/#${code}`;
  return {
    code,
    joinUrl,
    pageUrl: opts.web ? `http://${publicHost(bind)}:${port}/rooms/${code}/` : undefined,
    port,
    warnings: [...replay.warnings, ...broadcasts.warnings],
    table: () => roomTable(state, now(), opts.lessons),
    state: () => state,
    broadcast: (text) => broadcasts.add(text, new Date(now())),
    lastBroadcast: () => broadcasts.last(),
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await flushing;
      await opts.store.close();
      broadcasts.close();
    },
  };
}
