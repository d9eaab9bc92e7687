import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testHost } from './fixtures/scratch.js';
import { BroadcastError, broadcastReplySchema, cleanBroadcast, parseAfter } from '../../src/classroom/broadcast.js';
import { type Host } from '../../src/classroom/host.js';

const roomBase = (): string => tempDir('broadcast-');
const host = testHost;

function poll(h: Host, query = '', code = h.code): Promise<Response> {
  return fetch(`http://127.0.0.1:${h.port}/rooms/${code}/broadcast${query}`);
}

async function messages(h: Host, query = ''): Promise<{ seq: number; text: string }[]> {
  const res = await poll(h, query);
  expect(res.status).toBe(200);
  return broadcastReplySchema.parse(await res.json()).messages.map(({ seq, text }) => ({ seq, text }));
}

describe('cleanBroadcast', () => {
  it('trims, turns line breaks into spaces and drops escapes and bidi controls', () => {
    expect(cleanBroadcast('  Break\nuntil 10:30\u001b[2J\u202e \t')).toBe('Break until 10:30[2J');
  });
  it.each([
    ['', /cannot be empty/],
    [' \u0007\u202e ', /cannot be empty/],
    ['x'.repeat(201), /at most 200 characters; this one has 201/],
  ])('refuses %j with a sentence', (text, message) => {
    expect(() => cleanBroadcast(text)).toThrow(BroadcastError);
    expect(() => cleanBroadcast(text)).toThrow(message);
  });
  it('takes exactly 200 characters', () => {
    expect(cleanBroadcast('y'.repeat(200))).toHaveLength(200);
  });
});

describe('parseAfter', () => {
  it.each([
    ['/rooms/X/broadcast', 0],
    ['/rooms/X/broadcast?after=0', 0],
    ['/rooms/X/broadcast?after=17', 17],
    ['/rooms/X/broadcast?after=-1', undefined],
    ['/rooms/X/broadcast?after=1.5', undefined],
    ['/rooms/X/broadcast?after=', undefined],
    ['/rooms/X/broadcast?after=abc', undefined],
  ])('%s → %s', (url, after) => {
    expect(parseAfter(url)).toBe(after);
  });
});

describe('GET /rooms/<code>/broadcast', () => {
  it('serves messages after a seq, oldest first, with the at time from the host clock', async () => {
    const h = await host({ now: () => Date.parse('2026-11-25T10:12:00Z') });
    expect(await messages(h)).toEqual([]);
    expect(h.broadcast('  Break until 10:30 ')).toEqual({ seq: 1, text: 'Break until 10:30', at: '2026-11-25T10:12:00.000Z' });
    h.broadcast('Lesson 3 next');
    h.broadcast('Back at 10:45');
    const res = await poll(h, '?after=1');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      messages: [
        { seq: 2, text: 'Lesson 3 next', at: '2026-11-25T10:12:00.000Z' },
        { seq: 3, text: 'Back at 10:45', at: '2026-11-25T10:12:00.000Z' },
      ],
    });
    expect(await messages(h, '?after=3')).toEqual([]);
    expect(h.lastBroadcast()?.seq).toBe(3);
  });

  it('carries at most the last five', async () => {
    const h = await host();
    for (let i = 1; i <= 7; i++) h.broadcast(`message ${i}`);
    expect((await messages(h)).map((m) => m.seq)).toEqual([3, 4, 5, 6, 7]);
    expect((await messages(h, '?after=5')).map((m) => m.seq)).toEqual([6, 7]);
  });

  it.each([
    { what: 'a wrong code', send: (h: Host) => poll(h, '', 'ABCDEFGH'), status: 401, error: /wrong room code/ },
    { what: 'a negative after', send: (h: Host) => poll(h, '?after=-1'), status: 400, error: /after must be a non-negative integer/ },
    { what: 'a word for after', send: (h: Host) => poll(h, '?after=last'), status: 400, error: /after must be a non-negative integer/ },
    { what: 'a POST', send: (h: Host) => fetch(`http://127.0.0.1:${h.port}/rooms/${h.code}/broadcast`, { method: 'POST', body: '{}' }), status: 404, error: /not found/ },
  ])('refuses $what with $status', async ({ send, status, error }) => {
    const h = await host();
    h.broadcast('secret plan');
    const res = await send(h);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; messages?: unknown };
    expect(body.error).toMatch(error);
    expect(body.messages).toBeUndefined();
  });

  it('refuses an empty or long message and sends nothing', async () => {
    const h = await host();
    expect(() => h.broadcast('  ')).toThrow(BroadcastError);
    expect(() => h.broadcast('z'.repeat(300))).toThrow(/at most 200 characters/);
    expect(await messages(h)).toEqual([]);
    expect(h.broadcast('ok').seq).toBe(1);
  });

  it('keeps the seq counter and the last messages across a restart, skipping a torn line', async () => {
    const base = roomBase();
    const first = await host({ base });
    for (let i = 1; i <= 6; i++) first.broadcast(`message ${i}`);
    await first.stop();
    const file = join(base, first.code, 'broadcasts.jsonl');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(6);
    appendFileSync(file, '{"seq":7,"te');
    const second = await host({ base, code: first.code });
    expect(second.warnings).toEqual([`${file}:7: skipped a line that is not JSON (a write cut short?)`]);
    expect((await messages(second)).map((m) => m.seq)).toEqual([2, 3, 4, 5, 6]);
    expect(second.lastBroadcast()?.text).toBe('message 6');
    expect(second.broadcast('after the restart').seq).toBe(7);
    expect((await messages(second, '?after=6')).map((m) => m.text)).toEqual(['after the restart']);
    await second.stop();
    const third = await host({ base, code: first.code });
    expect(third.lastBroadcast()).toMatchObject({ seq: 7, text: 'after the restart' });
  });

  it('says so, and sends nothing, when the message cannot be stored', async () => {
    const base = roomBase();
    const h = await host({ base });
    rmSync(join(base, h.code), { recursive: true, force: true });
    expect(() => h.broadcast('hello')).toThrow(/^the broadcast could not be stored in .*broadcasts\.jsonl \(ENOENT\); nothing was sent$/);
    expect(await messages(h)).toEqual([]);
  });
});
