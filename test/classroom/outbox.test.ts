import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, OutboxBusyError, backoffMs, type OutboxPorts, type SendResult } from '../../src/classroom/outbox.js';
import { outboxDir } from '../../src/classroom/outbox-store.js';
import { MAX_BATCH, type ClassroomEvent } from '../../src/classroom/protocol.js';

const URL_ = 'http://10.0.0.5:7070';
const CODE = 'ABC123';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  dirs.push(d);
  return path.join(d, 'room');
}

/** A host that stores by id like the real one and answers from a script (then 200). */
class FakeHost {
  readonly requests: string[][] = [];
  readonly stored = new Map<string, ClassroomEvent>();
  duplicates = 0;
  constructor(private readonly script: Array<number | 'network' | ((b: readonly ClassroomEvent[]) => number)> = []) {}

  send = (batch: readonly ClassroomEvent[]): Promise<SendResult> => {
    this.requests.push(batch.map((e) => e.id));
    const step = this.script.shift() ?? 200;
    const status = typeof step === 'function' ? step(batch) : step;
    if (status === 'network') return Promise.reject(new Error('ECONNREFUSED'));
    if (status === 200) this.store(batch);
    return Promise.resolve({ status, body: status === 200 ? { accepted: batch.length, duplicates: 0 } : { error: 'no' } });
  };

  store(batch: readonly ClassroomEvent[]): void {
    for (const e of batch) {
      if (this.stored.has(e.id)) this.duplicates++;
      else this.stored.set(e.id, e);
    }
  }
}

let ids = 0;
function ports(send: OutboxPorts['send'], over: Partial<OutboxPorts> = {}) {
  let t = 0;
  const sleeps: number[] = [];
  const logs: string[] = [];
  const p: OutboxPorts = {
    send,
    now: () => Date.UTC(2026, 0, 1, 9, 0, t++),
    random: () => 0.5,
    newId: () => `id-${String(++ids).padStart(6, '0')}`,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    log: (m) => logs.push(m),
    ...over,
  };
  return { p, sleeps, logs };
}

function open(dir: string, p: OutboxPorts, name = 'Ada'): Outbox {
  return new Outbox({ url: URL_, code: CODE, name, dir }, p);
}

describe('classroom outbox', () => {
  it('puts a room under the XDG config dir', () => {
    expect(outboxDir(CODE, { XDG_CONFIG_HOME: '/x/cfg' })).toBe('/x/cfg/learn-daemonsets/classroom/ABC123');
  });

  it('writes each event to disk, keeps learner id and seq across restarts, and delivers in order', async () => {
    const dir = tempDir();
    const host = new FakeHost(['network', 'network']);
    const a = open(dir, ports(host.send).p);
    const e1 = a.record('joined');
    a.record('lesson-opened', '01-first-daemonset');
    expect(readFileSync(path.join(dir, 'outbox.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    expect(e1).toMatchObject({ seq: 1, name: 'Ada', at: '2026-01-01T09:00:00.000Z' });
    a.close(); // the tool exits before the host is reachable

    const b = open(dir, ports(host.send).p);
    const e3 = b.record('step-passed', '01-first-daemonset', 'create-it');
    expect(e3.seq).toBe(3);
    expect(e3.learner).toBe(e1.learner);
    expect(await b.flush()).toBe('empty');
    expect([...host.stored.values()].map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(readFileSync(path.join(dir, 'outbox.jsonl'), 'utf8')).toBe('');
    expect(readFileSync(path.join(dir, 'delivered'), 'utf8').trim()).toBe('3');

    const c = open(dir, ports(host.send).p);
    expect(c.record('idle', '01-first-daemonset').seq).toBe(4);
  });

  it('sends at most MAX_BATCH events per request', async () => {
    const host = new FakeHost();
    const box = open(tempDir(), ports(host.send).p);
    for (let i = 0; i < 2 * MAX_BATCH + 20; i++) box.record('hint-used', 'l', 's');
    await box.flush();
    expect(host.requests.map((r) => r.length)).toEqual([MAX_BATCH, MAX_BATCH, 20]);
    expect(host.stored.size).toBe(2 * MAX_BATCH + 20);
  });

  it('after a crash between send and watermark, resends the very same ids (the host dedupes)', async () => {
    const dir = tempDir();
    const host = new FakeHost();
    // The host stores the batch, then the process dies before the reply arrives.
    const dying = (batch: readonly ClassroomEvent[]) => {
      host.store(batch);
      return new Promise<SendResult>(() => {});
    };
    const a = open(dir, ports(dying).p);
    const sent = [a.record('joined'), a.record('lesson-opened', 'l1')].map((e) => e.id);
    void a.flush();
    await Promise.resolve();
    expect(host.stored.size).toBe(2);

    const b = open(dir, ports(host.send).p);
    expect(await b.flush()).toBe('empty');
    expect(host.requests).toEqual([sent]);
    expect(host.duplicates).toBe(2);
    expect(host.stored.size).toBe(2);
  });

  it('a lost reply is retried with the same ids', async () => {
    const host = new FakeHost();
    let first = true;
    const lossy = (batch: readonly ClassroomEvent[]) => {
      if (!first) return host.send(batch);
      first = false;
      host.store(batch);
      return Promise.reject(new Error('ECONNRESET'));
    };
    const box = open(tempDir(), ports(lossy).p);
    const id = box.record('joined').id;
    expect(await box.flush()).toBe('empty');
    expect(host.requests).toEqual([[id]]);
    expect(host.duplicates).toBe(1);
  });

  it('backs off exponentially on network errors, 5xx and 429, capped and jittered', async () => {
    const host = new FakeHost(['network', 503, 429, 500, 'network', 502, 'network', 'network', 'network']);
    const { p, sleeps } = ports(host.send);
    const box = open(tempDir(), p);
    box.record('joined');
    expect(await box.flush()).toBe('empty');
    expect(sleeps).toEqual([375, 750, 1500, 3000, 6000, 12000, 22500, 22500, 22500]);
    expect(host.stored.size).toBe(1);
    expect([backoffMs(0, 0), backoffMs(0, 0.999), backoffMs(40, 0)]).toEqual([250, 500, 15000]);
  });

  it('waits at least as long as the host asks (Retry-After), within the cap', async () => {
    const replies: SendResult[] = [{ status: 429, retryAfterMs: 5000 }, { status: 503, retryAfterMs: 600_000 }, { status: 200 }];
    const { p, sleeps } = ports(() => Promise.resolve(replies.shift() ?? { status: 200 }));
    const box = open(tempDir(), p);
    box.record('joined');
    expect(await box.flush()).toBe('empty');
    expect(sleeps).toEqual([5000, 30_000]);
  });

  it('a refused code is reported once, stops sending, and recording still works', async () => {
    const dir = tempDir();
    const host = new FakeHost([401]);
    const { p, logs } = ports(host.send);
    const box = open(dir, p);
    box.record('joined');
    expect(await box.flush()).toBe('refused');
    box.record('lesson-opened', 'l1');
    expect(await box.flush()).toBe('refused');
    expect(host.requests).toHaveLength(1);
    expect(logs).toEqual([`the join code was refused by ${URL_}: check the code your instructor gave`]);
    expect(box.queued).toHaveLength(2);
    expect(readFileSync(path.join(dir, 'outbox.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('on 422 narrows to single events and drops only the offending one, with a reason', async () => {
    const bad = (b: readonly ClassroomEvent[]) => (b.some((e) => e.kind === 'idle') ? 422 : 200);
    const host = new FakeHost(Array.from({ length: 10 }, () => bad));
    const { p, logs } = ports(host.send);
    const box = open(tempDir(), p);
    const [a, b, c] = [box.record('joined'), box.record('idle'), box.record('lesson-opened', 'l1')];
    expect(await box.flush()).toBe('empty');
    expect(host.requests).toEqual([[a.id, b.id, c.id], [a.id], [b.id, c.id], [b.id], [c.id]]);
    expect([...host.stored.keys()]).toEqual([a.id, c.id]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain(`dropped event ${b.id} (idle, seq 2): the host answered 422`);
  });

  it('stops on an unknown path (404) and keeps the events', async () => {
    const host = new FakeHost([404]);
    const { p, logs } = ports(host.send);
    const box = open(tempDir(), p);
    box.record('joined');
    expect(await box.flush()).toBe('stopped');
    expect(box.queued).toHaveLength(1);
    expect(logs[0]).toContain('answered 404');
  });

  it('close() ends a back-off wait', async () => {
    const host = new FakeHost(['network']);
    let waiting: (() => void) | undefined;
    const { p } = ports(host.send, {
      sleep: (_ms, signal) =>
        new Promise<void>((resolve) => {
          waiting = resolve;
          signal.addEventListener('abort', () => resolve());
        }),
    });
    const box = open(tempDir(), p);
    box.record('joined');
    const flushing = box.flush();
    await expect.poll(() => waiting).toBeDefined();
    box.close();
    expect(await flushing).toBe('closed');
    expect(host.requests).toHaveLength(1);
  });

  it('a batch acknowledged after close() still counts as delivered', async () => {
    let answer: ((r: SendResult) => void) | undefined;
    const { p } = ports(() => new Promise<SendResult>((resolve) => (answer = resolve)));
    const dir = tempDir();
    const box = open(dir, p);
    box.record('joined');
    const flushing = box.flush();
    await expect.poll(() => answer).toBeDefined();
    box.close();
    answer?.({ status: 200 });
    expect(await flushing).toBe('closed');
    expect(open(dir, p).queued).toEqual([]);
  });

  it('one running tool per room: a live holder refuses, a dead one is taken over, close() releases', () => {
    const dir = tempDir();
    const { p } = ports(new FakeHost().send);
    open(dir, p).close();
    const lock = path.join(dir, 'lock');
    writeFileSync(lock, `${process.ppid}\n`);
    expect(() => open(dir, p)).toThrow(OutboxBusyError);
    expect(() => open(dir, p)).toThrow(`another learn-daemonsets (pid ${process.ppid}) is already in classroom ${CODE}`);
    writeFileSync(lock, '2147483646\n');
    const box = open(dir, p);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    box.close();
    expect(existsSync(lock)).toBe(false);
  });

  it('skips corrupt and torn lines with a warning, never a crash, and appends cleanly after', async () => {
    const dir = tempDir();
    const host = new FakeHost();
    const first = open(dir, ports(host.send).p);
    first.record('joined');
    first.record('lesson-opened', 'l1');
    const file = path.join(dir, 'outbox.jsonl');
    const [l1, l2] = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, `${l1}\nnot json at all\n{"id":"x"}\n${l2}\n`);
    appendFileSync(file, '{"id":"torn-write","lear');

    const { p, logs } = ports(host.send, { newId: () => 'after-crash-1' });
    const box = open(dir, p);
    expect(logs.map((m) => m.replace(/ of .*/, ''))).toEqual([
      'classroom: skipped corrupt line 2',
      'classroom: skipped corrupt line 3',
      'classroom: skipped corrupt line 5',
    ]);
    expect(box.record('hint-used', 'l1', 's1').seq).toBe(3);
    const reopened = open(dir, ports(host.send).p);
    expect(reopened.queued.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await reopened.flush()).toBe('empty');
    expect(host.stored.size).toBe(3);
  });
});
