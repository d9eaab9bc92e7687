import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { afterThisTest, tempDir } from './fixtures/scratch.js';
import type { BroadcastMessage } from '../../src/classroom/broadcast.js';
import { BroadcastPoller, type PollEnd } from '../../src/classroom/broadcast-poll.js';
import { startHost } from '../../src/classroom/host.js';
import { httpBroadcastGetter } from '../../src/classroom/outbox-http.js';
import { RoomStore } from '../../src/classroom/store.js';

// The poller over real HTTP on loopback: a tiny server speaking the contract, then the real host.
const temp = tempDir;
const cleanup = { push: afterThisTest };

/** Polls `rounds` times over HTTP (no real waiting), collecting what would be shown. */
async function poll(url: string, code: string, dir: string, rounds: number): Promise<{ end: PollEnd; shown: BroadcastMessage[]; logs: string[] }> {
  const shown: BroadcastMessage[] = [];
  const logs: string[] = [];
  let sleeps = 0;
  const poller = new BroadcastPoller(
    { url, code, dir, onMessage: (m) => shown.push(m) },
    {
      get: httpBroadcastGetter(url, code),
      random: () => 0,
      sleep: () => {
        if (++sleeps >= rounds) poller.close();
        return Promise.resolve();
      },
      log: (m) => logs.push(m),
    },
  );
  return { end: await poller.run(), shown, logs };
}

describe('broadcast poller over loopback HTTP', () => {
  it('speaks the contract with a tiny server: after=, the code in the path, 401 and 404', async () => {
    const messages: BroadcastMessage[] = [
      { seq: 1, text: 'Welcome', at: '2026-11-25T10:00:00.000Z' },
      { seq: 2, text: 'Break until 10:30', at: '2026-11-25T10:12:00.000Z' },
    ];
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const u = new URL(req.url ?? '/', 'http://x');
      if (u.pathname === '/rooms/OLDHOST/broadcast') return res.writeHead(404).end('{"error":"not found"}');
      if (u.pathname !== '/rooms/K7Q2XM/broadcast') return res.writeHead(401).end('{"error":"wrong room code"}');
      const after = Number(u.searchParams.get('after'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messages: messages.filter((m) => m.seq > after) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = temp('learner-');

    const first = await poll(url, 'K7Q2XM', dir, 2);
    expect(first.shown.map((m) => m.text)).toEqual(['Break until 10:30']);
    expect(seen).toEqual(['GET /rooms/K7Q2XM/broadcast?after=0', 'GET /rooms/K7Q2XM/broadcast?after=2']);

    messages.push({ seq: 3, text: 'Lesson 4 next', at: '2026-11-25T10:31:00.000Z' });
    const restarted = await poll(url, 'K7Q2XM', dir, 1);
    expect(restarted.shown.map((m) => m.text)).toEqual(['Lesson 4 next']);
    expect(seen.at(-1)).toBe('GET /rooms/K7Q2XM/broadcast?after=2');

    expect((await poll(url, 'WRONG1', temp('learner-'), 5)).end).toBe('refused');
    expect((await poll(url, 'OLDHOST', temp('learner-'), 5)).end).toBe('unsupported');
  });

  it('shows what the real host broadcasts, newest once, cleaned', async () => {
    const base = temp('room-');
    const host = await startHost({ store: RoomStore.open(base), lessons: [{ id: 'l1', steps: ['s1'] }], now: () => Date.UTC(2026, 10, 25, 10) });
    cleanup.push(() => host.stop());
    const url = host.joinUrl.replace(/\/?#.*$/, '');
    const dir = temp('learner-');
    host.broadcast('Welcome');
    host.broadcast('Break until \u202e10:30\u001b[31m');
    const first = await poll(url, host.code, dir, 1);
    expect(first.end).toBe('closed');
    expect(first.shown.map((m) => [m.seq, m.text])).toEqual([[2, 'Break until 10:30[31m']]);
    expect(first.logs).toEqual([]);
    host.broadcast('Lesson 4 next');
    const next = await poll(url, host.code, dir, 1);
    expect(next.shown.map((m) => [m.seq, m.text])).toEqual([[3, 'Lesson 4 next']]);
    expect((await poll(url, 'WRONGCODE', temp('learner-'), 3)).end).toBe('refused');
  });
});
