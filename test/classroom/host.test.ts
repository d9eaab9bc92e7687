import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testHost } from './fixtures/scratch.js';
import { HostError, type Host } from '../../src/classroom/host.js';
import type { ClassroomEvent } from '../../src/classroom/protocol.js';

const roomBase = (): string => tempDir('host-');
const host = testHost;

function ev(seq: number, extra: Partial<ClassroomEvent> = {}): ClassroomEvent {
  return { id: `event-a-${seq}`, learner: 'learner-a', name: 'Ada', seq, at: '2026-11-25T10:00:00.000Z', kind: 'joined', ...extra };
}

function post(h: Host, body: string, opts: { code?: string; type?: string } = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${h.port}/rooms/${opts.code ?? h.code}/events`, { method: 'POST', headers: { 'content-type': opts.type ?? 'application/json' }, body });
}

describe('classroom host', () => {
  it('stores a batch, answers with counts, and serves the table', async () => {
    let changes = 0;
    const h = await host({ onChange: () => changes++ });
    expect(h.joinUrl).toBe(`http://127.0.0.1:${h.port}/#${h.code}`);
    const res = await post(h, JSON.stringify([ev(1), ev(2, { kind: 'lesson-opened', lesson: 'first-daemonset' })]));
    expect([res.status, await res.json()]).toEqual([200, { accepted: 2, duplicates: 0 }]);
    const again = await post(h, JSON.stringify(ev(1)));
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 1 });
    expect(changes).toBe(1);
    const table = await fetch(`http://127.0.0.1:${h.port}/rooms/${h.code}/table`);
    const body = (await table.json()) as { rows: { name: string; step: string }[] };
    expect(body.rows.map((r) => [r.name, r.step])).toEqual([['Ada', 'create']]);
  });

  it.each([
    { what: 'a wrong code', send: (h: Host) => post(h, JSON.stringify(ev(1)), { code: 'ABCDEFGH' }), status: 401, error: /wrong room code/ },
    { what: 'a code of another length', send: (h: Host) => fetch(`http://127.0.0.1:${h.port}/rooms/X/table`), status: 401, error: /wrong room code/ },
    { what: 'an unknown route', send: (h: Host) => fetch(`http://127.0.0.1:${h.port}/rooms/${h.code}/admin`), status: 404, error: /not found/ },
    { what: 'a GET on events', send: (h: Host) => fetch(`http://127.0.0.1:${h.port}/rooms/${h.code}/events`), status: 404, error: /not found/ },
    { what: 'a body that is not JSON typed', send: (h: Host) => post(h, 'hi', { type: 'text/plain' }), status: 415, error: /as JSON/ },
    { what: 'a body too big', send: (h: Host) => post(h, `"${'x'.repeat(20_000)}"`), status: 413, error: /at most 16384 bytes/ },
    { what: 'broken JSON', send: (h: Host) => post(h, '{"id":'), status: 400, error: /not valid JSON/ },
    { what: 'a bad field', send: (h: Host) => post(h, JSON.stringify([ev(1), ev(2, { seq: -1 })])), status: 422, error: /^1\.seq: / },
    { what: 'an unknown field', send: (h: Host) => post(h, JSON.stringify({ ...ev(1), cmd: 'rm -rf /' })), status: 422, error: /cmd/ },
    { what: 'an empty batch', send: (h: Host) => post(h, '[]'), status: 422, error: /body/ },
  ])('refuses $what with $status and stores nothing', async ({ send, status, error }) => {
    const h = await host();
    const res = await send(h);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(error);
    expect(h.table().rows).toEqual([]);
  });

  it('rate-limits each learner with a token bucket on the injected clock', async () => {
    let t = 0;
    const h = await host({ now: () => t, rateLimit: { rate: 1, burst: 2 } });
    const statuses = [];
    for (let i = 1; i <= 3; i++) statuses.push((await post(h, JSON.stringify(ev(i)))).status);
    const other = await post(h, JSON.stringify({ ...ev(1), id: 'event-b-1', learner: 'learner-b' }));
    t = 1000;
    const later = await post(h, JSON.stringify(ev(3)));
    expect([...statuses, other.status, later.status]).toEqual([200, 200, 429, 200, 200]);
  });

  it('refuses a new learner once the room is full, and still takes its members', async () => {
    const h = await host({ maxLearners: 1 });
    expect((await post(h, JSON.stringify(ev(1)))).status).toBe(200);
    const stranger = await post(h, JSON.stringify({ ...ev(1), id: 'event-b-1', learner: 'learner-b' }));
    expect([stranger.status, ((await stranger.json()) as { error: string }).error]).toEqual([403, 'the room is full (1 learners); ask your instructor']);
    expect((await post(h, JSON.stringify(ev(2)))).status).toBe(200);
  });

  it('keeps its room and every acknowledged event across a restart', async () => {
    const base = roomBase();
    const now = (): number => Date.parse('2026-11-25T10:05:00Z');
    const first = await host({ base, now });
    await post(first, JSON.stringify([ev(1), ev(2, { kind: 'lesson-opened', lesson: 'first-daemonset' })]));
    const before = first.table();
    await first.stop();
    const second = await host({ base, code: first.code, now });
    expect(second.code).toBe(first.code);
    expect(second.table()).toEqual(before);
    expect(await (await post(second, JSON.stringify(ev(2, { kind: 'lesson-opened', lesson: 'first-daemonset' })))).json()).toEqual({ accepted: 0, duplicates: 1 });
  });

  it('answers 500 and keeps nothing when the events cannot be stored', async () => {
    const base = roomBase();
    const h = await host({ base });
    rmSync(join(base, h.code), { recursive: true, force: true });
    const res = await post(h, JSON.stringify(ev(1)));
    expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([500, expect.stringMatching(/^the host could not store the events: .*ENOENT/)]);
    expect(h.table().rows).toEqual([]);
  });

  it('says clearly when the port is taken', async () => {
    const h = await host();
    await expect(host({ port: h.port })).rejects.toThrow(HostError);
    await expect(host({ port: h.port })).rejects.toThrow(/port \d+ is in use/);
  });
});
