import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { broadcastReplySchema } from '../../src/classroom/broadcast.js';
import { runClassroom } from '../../src/commands/classroom.js';

const lessons = [{ id: 'first-daemonset', steps: ['create', 'inspect'] }];
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setImmediate(r));
}

describe('classroom host without a terminal', () => {
  it('broadcasts each non-blank line read on stdin and says so; a refused line gets a sentence on stderr', async () => {
    const home = mkdtempSync(join(tmpdir(), 'classroom-'));
    dirs.push(home);
    let out = '';
    let err = '';
    let stop = (): void => undefined;
    const stopped = new Promise<void>((r) => (stop = r));
    const input = new PassThrough();
    const done = runClassroom(['host'], { out: (t) => (out += t), err: (t) => (err += t), env: { XDG_CONFIG_HOME: home }, tty: false, input, stopped, lessons });
    await until(() => out.includes('\n'));
    const [, url, code] = /--join (http:\/\/[^/]+)\/#(\w+)/.exec(out) ?? [];
    input.write('Break until 10:30\n\n   \n');
    input.write(`${'x'.repeat(201)}\nLesson 3 next\n`);
    await until(() => out.includes('Message #2'));
    expect(out).toContain('Message #1 sent to 0 learners: Break until 10:30\n');
    expect(out).toContain('Message #2 sent to 0 learners: Lesson 3 next\n');
    expect(err).toBe('a broadcast is at most 200 characters; this one has 201\n');
    const reply = broadcastReplySchema.parse(await (await fetch(`${url}/rooms/${code}/broadcast?after=0`)).json());
    expect(reply.messages.map((m) => [m.seq, m.text])).toEqual([
      [1, 'Break until 10:30'],
      [2, 'Lesson 3 next'],
    ]);
    stop();
    expect(await done).toBe(0);
    input.write('after the stop\n');
    expect(out).not.toContain('after the stop');
    expect(out).toContain(`Room ${code} stopped`);
  });
});
