import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BroadcastMessage } from '../../src/classroom/broadcast.js';
import { BroadcastPoller, pollBackoffMs, POLL_MS, type BroadcastPollPorts } from '../../src/classroom/broadcast-poll.js';
import type { SendResult } from '../../src/classroom/outbox.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'bcast-'));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

const msg = (seq: number, text = `message ${seq}`): BroadcastMessage => ({ seq, text, at: new Date(Date.UTC(2026, 10, 25, 10, seq)).toISOString() });
const ok = (...messages: BroadcastMessage[]): SendResult => ({ status: 200, body: { messages } });

/**
 * A scripted host: each poll takes the next reply (a result, or an Error for a network failure);
 * when the script runs out the poller is closed. Sleeps are recorded, never waited.
 */
function scripted(dir: string, replies: Array<SendResult | Error>) {
  const afters: number[] = [];
  const sleeps: number[] = [];
  const logs: string[] = [];
  const shown: BroadcastMessage[] = [];
  const ports: BroadcastPollPorts = {
    get: (after) => {
      afters.push(after);
      const next = replies.shift();
      if (replies.length === 0) queueMicrotask(() => poller.close());
      if (next === undefined) return Promise.resolve(ok());
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
    random: () => 0,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    log: (m) => logs.push(m),
  };
  const poller = new BroadcastPoller({ url: 'http://10.0.0.5:7070', code: 'K7Q2XM', dir, onMessage: (m) => shown.push(m) }, ports);
  return { poller, afters, sleeps, logs, shown };
}

describe('broadcast poller', () => {
  it('asks after the last seq it saw, shows each new newest once, and waits the interval between polls', async () => {
    const { poller, afters, sleeps, shown, logs } = scripted(tempDir(), [ok(msg(1), msg(2)), ok(), ok(msg(3)), ok(msg(3)), ok()]);
    expect(await poller.run()).toBe('closed');
    expect(afters).toEqual([0, 2, 2, 3, 3]);
    expect(shown.map((m) => m.text)).toEqual(['message 2', 'message 3']);
    expect(sleeps.every((ms) => ms === POLL_MS)).toBe(true);
    expect(logs).toEqual([]);
  });

  it('never shows a message again: a host repeating old ones is ignored', async () => {
    const { poller, shown } = scripted(tempDir(), [ok(msg(4)), ok(msg(2), msg(4)), ok()]);
    await poller.run();
    expect(shown.map((m) => m.seq)).toEqual([4]);
  });

  it('remembers the last seen seq in the room directory: a restart shows only what is new', async () => {
    const dir = tempDir();
    const first = scripted(dir, [ok(msg(1), msg(2), msg(3)), ok()]);
    await first.poller.run();
    expect(first.shown.map((m) => m.seq)).toEqual([3]);
    expect(readFileSync(path.join(dir, 'broadcast-seen'), 'utf8')).toBe('3\n');
    const again = scripted(dir, [ok(), ok(msg(4)), ok()]);
    expect(again.poller.lastSeen).toBe(3);
    await again.poller.run();
    expect(again.afters).toEqual([3, 3, 4]);
    expect(again.shown.map((m) => m.seq)).toEqual([4]);
  });

  it('an unreadable seen file starts from nothing: the newest is shown once', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broadcast-seen'), 'garbage');
    const { poller, shown } = scripted(dir, [ok(msg(7), msg(8)), ok()]);
    await poller.run();
    expect(shown.map((m) => m.seq)).toEqual([8]);
  });

  it('a full page is followed at once by the next, and only the newest of all is shown', async () => {
    const { poller, afters, sleeps, shown } = scripted(tempDir(), [ok(msg(1), msg(2), msg(3), msg(4), msg(5)), ok(msg(6), msg(7)), ok()]);
    await poller.run();
    expect(afters.slice(0, 2)).toEqual([0, 5]);
    expect(sleeps[0]).toBe(POLL_MS); // one round, two requests, one wait
    expect(shown.map((m) => m.seq)).toEqual([7]);
  });

  it('strips control and bidi characters from the text again on receipt; a message left empty is skipped', async () => {
    const { poller, shown } = scripted(tempDir(), [ok(msg(1, 'Break\u001b[2J until\nten \u202eXX\u202c thirty\u0007'), msg(2, '\u001b\u202e')), ok()]);
    await poller.run();
    expect(shown.map((m) => m.text)).toEqual(['Break[2J until ten XX thirty']);
  });

  it('a 404 (a host without broadcasts) stops polling quietly', async () => {
    const { poller, afters, logs, shown } = scripted(tempDir(), [{ status: 404, body: { error: 'not found' } }, ok(msg(1))]);
    expect(await poller.run()).toBe('unsupported');
    expect(afters).toEqual([0]);
    expect(shown).toEqual([]);
    expect(logs).toEqual(['http://10.0.0.5:7070 has no broadcast messages (an older host); not asking again']);
  });

  it('a 401 (a wrong code) stops polling with a note for the debug log', async () => {
    const { poller, afters, logs } = scripted(tempDir(), [{ status: 401 }, ok(msg(1))]);
    expect(await poller.run()).toBe('refused');
    expect(afters).toEqual([0]);
    expect(logs).toEqual(['http://10.0.0.5:7070 refused room K7Q2XM when asked for broadcast messages; not asking again']);
  });

  it('backs off while the host is unreachable (one note per outage), and returns to the interval once it answers', async () => {
    const down = new Error('connect ECONNREFUSED 10.0.0.5:7070');
    const { poller, sleeps, logs, shown } = scripted(tempDir(), [down, down, down, down, down, ok(msg(1)), down, ok()]);
    await poller.run();
    expect(sleeps.slice(0, 6)).toEqual([5_000, 10_000, 20_000, 30_000, 30_000, POLL_MS]);
    expect(sleeps[6]).toBe(5_000); // a new outage starts the back-off over
    expect(shown.map((m) => m.seq)).toEqual([1]);
    expect(logs).toEqual(['cannot reach http://10.0.0.5:7070 for broadcast messages (connect ECONNREFUSED 10.0.0.5:7070); retrying', 'cannot reach http://10.0.0.5:7070 for broadcast messages (connect ECONNREFUSED 10.0.0.5:7070); retrying']);
  });

  it('a busy host (429/503) is retried no sooner than its Retry-After', async () => {
    const { poller, sleeps } = scripted(tempDir(), [{ status: 503, retryAfterMs: 20_000 }, { status: 429 }, ok()]);
    await poller.run();
    expect(sleeps.slice(0, 2)).toEqual([20_000, 10_000]);
  });

  it('a reply that is not the contract is ignored with a note, and polling goes on', async () => {
    const { poller, shown, logs, afters } = scripted(tempDir(), [{ status: 200, body: { messages: [{ seq: 'one', text: 'x' }] } }, { status: 200, body: '<html>' }, ok(msg(1)), ok()]);
    await poller.run();
    expect(afters).toEqual([0, 0, 0, 1]);
    expect(shown.map((m) => m.seq)).toEqual([1]);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toContain('not the expected shape');
  });

  it('close() ends a wait at once', async () => {
    const dir = tempDir();
    let woke = false;
    const poller = new BroadcastPoller(
      { url: 'http://h:1', code: 'K7Q2XM', dir, onMessage: () => undefined },
      {
        get: () => Promise.resolve(ok()),
        random: () => 0,
        sleep: (_ms, signal) =>
          new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => {
              woke = true;
              resolve();
            }),
          ),
        log: () => undefined,
      },
    );
    const ended = poller.run();
    await new Promise<void>((r) => setImmediate(r));
    poller.close();
    expect(await ended).toBe('closed');
    expect(woke).toBe(true);
  });

  it('back-off doubles from the interval and stays within 60 s', () => {
    expect([0, 1, 2, 3, 10].map((n) => pollBackoffMs(n, 0))).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);
    expect(pollBackoffMs(10, 0.999999)).toBeLessThanOrEqual(60_000);
    expect(pollBackoffMs(0, 0.999999)).toBeLessThanOrEqual(10_000);
  });
});
