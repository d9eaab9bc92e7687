import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main, UsageError } from '../../src/cli.js';
import { hostOptions, runClassroom } from '../../src/commands/classroom.js';
import { printable, renderTable } from '../../src/classroom/render.js';
import { applyEvents, emptyRoom } from '../../src/classroom/room.js';
import { roomTable } from '../../src/classroom/table.js';

const lessons = [{ id: 'first-daemonset', steps: ['create', 'inspect'] }];
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setImmediate(r));
}

describe('classroom host command', () => {
  it.each([
    [['--port', 'abc'], /--port must be a port number/],
    [['--port', '70000'], /--port must be a port number/],
    [['--bind', 'my-laptop'], /--bind needs an IP address/],
    [['--nope'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => hostOptions(argv)).toThrow(UsageError);
    expect(() => hostOptions(argv)).toThrow(message);
  });

  it('exits 2 with one line for a bad flag or sub-command', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['classroom', 'host', '--port', 'x'])).toBe(2);
      expect(await main(['classroom', 'join'])).toBe(2);
      expect(await main(['classroom', 'host', '--room', 'ZZZZZZZZ'])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });

  it('prints the join command first, redraws when an event arrives, stops with exit 0', async () => {
    const home = mkdtempSync(join(tmpdir(), 'classroom-'));
    dirs.push(home);
    let out = '';
    let stop = (): void => undefined;
    const stopped = new Promise<void>((r) => (stop = r));
    const done = runClassroom(['host'], { out: (t) => (out += t), err: () => undefined, env: { XDG_CONFIG_HOME: home }, tty: false, stopped, lessons });
    await until(() => out.includes('\n'));
    const first = out.split('\n')[0] ?? '';
    expect(first).toMatch(/^npx learn-daemonsets --join http:\/\/127\.0\.0\.1:\d+\/#[A-HJ-NP-Z2-9]{8}$/);
    const [, url, code] = /--join (http:\/\/[^/]+)\/#(\w+)/.exec(first) ?? [];
    const event = { id: 'event-a-1', learner: 'learner-a', name: 'Ada', seq: 1, at: new Date().toISOString(), kind: 'lesson-opened', lesson: 'first-daemonset' };
    const res = await fetch(`${url}/rooms/${code}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(res.status).toBe(200);
    await until(() => out.includes('Ada'));
    expect(out).toMatch(/Ada\s+▶0\/2\s+first-daemonset\/create/);
    stop();
    expect(await done).toBe(0);
    expect(out).toContain(`Room ${code} stopped`);
  });
});

describe('renderTable', () => {
  it('draws marks, the current step, hints and the summary', () => {
    const at = '2026-11-25T10:00:00.000Z';
    const base = { learner: 'learner-b', name: 'Bo', at };
    const state = applyEvents(emptyRoom(), [
      { ...base, id: 'event-b-1', seq: 1, kind: 'lesson-opened', lesson: 'first-daemonset' },
      { ...base, id: 'event-b-2', seq: 2, kind: 'step-passed', lesson: 'first-daemonset', step: 'create' },
      { ...base, id: 'event-b-3', seq: 3, kind: 'hint-used', lesson: 'first-daemonset', step: 'inspect' },
      { ...base, id: 'event-b-4', seq: 4, kind: 'idle' },
    ]).state;
    expect(renderTable(roomTable(state, Date.parse(at) + 754_000, lessons))).toEqual([
      'Learner  L1     Current step                  On step   Hints',
      'Bo       !1/2   first-daemonset/inspect       12m34s    1  STUCK',
      '',
      '1 learner(s). Finished: L1 first-daemonset 0.',
      'Most stuck: first-daemonset/inspect (1).',
      'Marks: ✓ done  ▶ current  ! stuck  … started  · not started',
    ]);
  });

  it("never passes a learner name's terminal escapes or bidi controls through", () => {
    expect(printable('Ada\u001b[2J\u001b]0;pwned\u0007\u202eevil')).toBe('Ada?[2J?]0;pwned??evil');
  });
});
