/**
 * The production ports for the outbox (a node:http(s) POST to the room's events endpoint) and
 * the broadcast poller (a GET of the room's messages), and real timers. Kept apart so neither
 * touches the network or the wall clock itself.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { ClassroomEvent } from './protocol.js';
import type { OutboxPorts, SendResult } from './outbox.js';

const TIMEOUT_MS = 10_000;
const MAX_REPLY_BYTES = 64 * 1024;

/** A sender bound to one room, so the outbox only says "send this batch". */
export function httpSender(url: string, code: string): (batch: readonly ClassroomEvent[]) => Promise<SendResult> {
  const target = new URL(`/rooms/${encodeURIComponent(code)}/events`, url);
  return (batch) => exchange(url, target, 'POST', JSON.stringify(batch));
}

/** The room's broadcast messages after a seq: `GET /rooms/<code>/broadcast?after=N`. */
export function httpBroadcastGetter(url: string, code: string): (after: number) => Promise<SendResult> {
  return (after) => {
    const target = new URL(`/rooms/${encodeURIComponent(code)}/broadcast`, url);
    target.searchParams.set('after', String(after));
    return exchange(url, target, 'GET');
  };
}

/** One request and its (size-capped) JSON reply; rejects on a network error or a timeout. */
function exchange(url: string, target: URL, method: 'GET' | 'POST', body?: string): Promise<SendResult> {
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve, reject) => {
    const headers: Record<string, string | number> = body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = client.request(target, { method, headers, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_REPLY_BYTES) chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => {
        const retryAfterMs = retryAfter(res.headers['retry-after']);
        resolve({ status: res.statusCode ?? 0, body: parseBody(Buffer.concat(chunks).toString('utf8')), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Retry-After in whole seconds (the HTTP-date form is ignored: clocks on a LAN disagree). */
function retryAfter(header: string | undefined): number | undefined {
  return header !== undefined && /^\d{1,6}$/.test(header.trim()) ? Number(header.trim()) * 1000 : undefined;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Ids the protocol accepts: 16 random bytes as base64url (22 chars). */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

/** A wait that a closing outbox can cut short, so exit is never held up by a back-off. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** Everything the outbox needs in production, for one room. */
export function productionPorts(url: string, code: string, log: (message: string) => void): OutboxPorts {
  return { send: httpSender(url, code), now: Date.now, random: Math.random, newId: randomId, sleep: abortableSleep, log };
}
