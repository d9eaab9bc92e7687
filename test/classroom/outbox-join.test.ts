import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import type { OutboxPorts, SendResult } from '../../src/classroom/outbox.js';
import { joinRoom, sharedNotice, storedName, takeJoinArgs } from '../../src/classroom/outbox-join.js';
import { outboxDir } from '../../src/classroom/outbox-store.js';
import type { ClassroomEvent } from '../../src/classroom/protocol.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
  vi.restoreAllMocks();
});

function tempEnv(): NodeJS.ProcessEnv {
  const d = mkdtempSync(path.join(os.tmpdir(), 'join-'));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return { XDG_CONFIG_HOME: d };
}

let ids = 0;
function ports(reply: () => Promise<SendResult>) {
  const sent: ClassroomEvent[][] = [];
  const logs: string[] = [];
  const p: OutboxPorts = {
    send: (batch) => {
      sent.push([...batch]);
      return reply();
    },
    now: () => Date.UTC(2026, 0, 1),
    random: () => 0,
    newId: () => `join-id-${++ids}`,
    sleep: () => Promise.resolve(),
    log: (m) => logs.push(m),
  };
  return { p, sent, logs };
}

describe('--join flags', () => {
  it.each([
    [['--join', 'http://10.0.0.5:7070#K7Q2XM', '--name', ' Ada '], { rest: [], join: { url: 'http://10.0.0.5:7070', code: 'K7Q2XM', name: 'Ada' } }],
    [['--lesson', 'x', '--join=https://class.example#ABCDEF12'], { rest: ['--lesson', 'x'], join: { url: 'https://class.example', code: 'ABCDEF12' } }],
    [['--lesson', 'x'], { rest: ['--lesson', 'x'] }],
  ])('%j', (argv, expected) => {
    expect(takeJoinArgs(argv)).toEqual(expected);
  });

  it.each([
    [['--join'], '--join needs the address'],
    [['--join', '--name', 'Ada'], '--join needs the address'],
    [['--join', 'http://10.0.0.5:7070'], 'is not a classroom address'],
    [['--join', 'ftp://h#ABCDEF'], 'is not a classroom address'],
    [['--join', 'http://h:1#abc'], 'is not a classroom address'],
    [['--join', 'http://h:1#ABCDEF', '--name', 'x'.repeat(41)], '--name must be 1–40 characters'],
    [['--name', 'Ada'], '--name goes with --join'],
  ])('refuses %j', (argv, message) => {
    const r = takeJoinArgs(argv);
    expect('error' in r && r.error).toContain(message);
  });

  it('the CLI prints one sentence and exits 2 for a malformed target', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['--join', 'http://10.0.0.5:7070/ABC123'])).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/^learn-daemonsets: "http:\/\/10\.0\.0\.5:7070\/ABC123" is not a classroom address/);
    expect(await main(['--join', 'http://h:1#ABCDEF', 'sim'])).toBe(2);
    expect(String(err.mock.calls[1]?.[0])).toContain('--join opens the tutorial');
  });
});

describe('joining a room', () => {
  const target = { url: 'http://10.0.0.5:7070', code: 'K7Q2XM', name: 'Ada' };

  it('sends joined once and hands back an outbox', async () => {
    const { p, sent } = ports(() => Promise.resolve({ status: 200, body: { accepted: 1, duplicates: 0 } }));
    const r = await joinRoom(target, p, tempEnv());
    expect(r.state).toBe('joined');
    expect(sent.map((b) => b.map((e) => e.kind))).toEqual([['joined']]);
    expect('outbox' in r && r.outbox.queued).toEqual([]);
  });

  it('a wrong code is refused with the instructor hint', async () => {
    const { p } = ports(() => Promise.resolve({ status: 401 }));
    expect(await joinRoom(target, p, tempEnv())).toEqual({ state: 'refused', message: 'the join code was refused by http://10.0.0.5:7070: check the code your instructor gave' });
  });

  it('an unreachable host queues the event after one try, and the name is remembered', async () => {
    const env = tempEnv();
    const { p, sent } = ports(() => Promise.reject(new Error('ECONNREFUSED')));
    const r = await joinRoom(target, p, env);
    expect(r.state).toBe('queued');
    expect(sent).toHaveLength(1);
    expect('outbox' in r && r.outbox.queued.map((e) => e.kind)).toEqual(['joined']);
    const again = await joinRoom({ url: target.url, code: target.code }, p, env);
    expect('outbox' in again && again.outbox.queued.map((e) => [e.kind, e.name, e.seq])).toEqual([['joined', 'Ada', 1], ['joined', 'Ada', 2]]);
    expect(await joinRoom({ url: target.url, code: 'OTHER1' }, p, env)).toMatchObject({ state: 'failed', message: expect.stringContaining('--name') as unknown });
  });

  it('the stored name is what the prompt starts from; reading it creates nothing', async () => {
    const env = tempEnv();
    expect(storedName(target.code, env)).toBeUndefined();
    expect(existsSync(outboxDir(target.code, env))).toBe(false);
    const { p } = ports(() => Promise.resolve({ status: 200 }));
    const r = await joinRoom(target, p, env);
    if ('outbox' in r) r.outbox.close();
    expect(storedName(target.code, env)).toBe('Ada');
  });

  it('says exactly what is shared, and with whom', () => {
    expect(sharedNotice(target)).toBe('Only your name and lesson progress (step passed, hint used, lesson complete, idle) are sent to K7Q2XM at 10.0.0.5:7070. Nothing else.');
  });

  it('without a terminal and without a name, the CLI still asks for --name in one sentence (exit 2, nothing sent)', async () => {
    const env = tempEnv();
    vi.stubEnv('XDG_CONFIG_HOME', env['XDG_CONFIG_HOME']);
    cleanup.push(() => vi.unstubAllEnvs());
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['--join', 'http://127.0.0.1:9#K7Q2XM'])).toBe(2);
    expect(err.mock.calls.map((c) => String(c[0]))).toEqual(['learn-daemonsets: choose the name your instructor will see with --name, e.g. `--join http://192.168.1.20:7070#K7Q2XM --name Ada`\n']);
    expect(existsSync(path.join(outboxDir('K7Q2XM', env), 'outbox.jsonl'))).toBe(false);
  });

  it('a second running tool in the same room is turned away with a sentence', async () => {
    const env = tempEnv();
    const dir = outboxDir(target.code, env);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'lock'), `${process.ppid}\n`);
    const { p, sent } = ports(() => Promise.resolve({ status: 200 }));
    expect(await joinRoom(target, p, env)).toEqual({ state: 'failed', message: `another learn-daemonsets (pid ${process.ppid}) is already in classroom ${target.code} on this machine; close it first` });
    expect(sent).toEqual([]);
  });

  it('the CLI refuses a wrong code from a real host on loopback (exit 2, the queue on disk)', async () => {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unknown room code"}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const env = tempEnv();
    vi.stubEnv('XDG_CONFIG_HOME', env['XDG_CONFIG_HOME']);
    cleanup.push(() => vi.unstubAllEnvs());
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['--join', `${url}#WRONG1`, '--name', 'Ada'])).toBe(2);
    expect(err.mock.calls.map((c) => String(c[0]))).toEqual([`learn-daemonsets: the join code was refused by ${url}: check the code your instructor gave\n`]);
    const file = path.join(outboxDir('WRONG1', env), 'outbox.jsonl');
    expect(existsSync(file) && readFileSync(file, 'utf8')).toContain('"kind":"joined"');
  });
});
