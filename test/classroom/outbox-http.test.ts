import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/classroom/outbox.js';
import { abortableSleep, httpSender, randomId } from '../../src/classroom/outbox-http.js';
import { batchSchema, type ClassroomEvent } from '../../src/classroom/protocol.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

/** A loopback host that drops the first `drop` connections, then stores batches by id. */
async function flakyHost(drop: number, code: string) {
  const stored: ClassroomEvent[] = [];
  const seen = new Set<string>();
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    if (requests <= drop) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url !== `/rooms/${code}/events`) return void res.writeHead(404).end();
      const parsed = batchSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (!parsed.success) return void res.writeHead(422).end();
      const batch = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
      let accepted = 0;
      for (const e of batch) {
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        stored.push(e);
        accepted++;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted, duplicates: batch.length - accepted }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, stored, requests: () => requests };
}

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'outbox-http-'));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

describe('classroom outbox over real HTTP on loopback', () => {
  it('rides out dropped connections and delivers every event once, in order', async () => {
    const code = 'ROOM42';
    const host = await flakyHost(3, code);
    const sleeps: number[] = [];
    const logs: string[] = [];
    const box = new Outbox(
      { url: host.url, code, name: 'Grace', dir: tempDir() },
      {
        send: httpSender(host.url, code),
        now: () => Date.UTC(2026, 0, 1),
        random: () => 0,
        newId: randomId,
        // No wall-time waits: the back-off is recorded, not slept.
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
        log: (m) => logs.push(m),
      },
    );
    const recorded = [box.record('joined'), box.record('lesson-opened', 'l1'), box.record('step-passed', 'l1', 'make-it')];
    expect(await box.flush()).toBe('empty');
    expect(host.stored.map((e) => e.id)).toEqual(recorded.map((e) => e.id));
    expect(host.requests()).toBe(4);
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(logs).toEqual([]);
  });

  it('the sender reports the status of a wrong path and the sleep ends on abort', async () => {
    const host = await flakyHost(0, 'RIGHT1');
    const reply = await httpSender(host.url, 'WRONG1')([]);
    expect(reply.status).toBe(404);
    const ac = new AbortController();
    const waiting = abortableSleep(60_000, ac.signal);
    ac.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
