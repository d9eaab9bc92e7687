/**
 * Joining a classroom from the lesson list (the `c` key): the address field with the --join
 * parser's sentence inline, the shared name prompt, the first contact (refused inline, queued
 * when the host is away), Esc with nothing sent or written, and the list once in the room.
 * The App, the app machine and the real join logic, with a fake host behind the outbox ports.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { App } from '../../src/app/App.js';
import { appMachine } from '../../src/app/app-machine.js';
import { BroadcastBoard } from '../../src/app/classroom-broadcasts.js';
import { tuiJoinPorts } from '../../src/app/classroom-join.js';
import { ClassroomLink } from '../../src/app/classroom-link.js';
import { SessionHolder } from '../../src/app/session-holder.js';
import type { OutboxPorts, SendResult } from '../../src/classroom/outbox.js';
import { outboxDir } from '../../src/classroom/outbox-store.js';
import type { ClassroomEvent } from '../../src/classroom/protocol.js';
import type { JoinPorts } from '../../src/ui/JoinScreen.js';

const items = [{ id: 'first-daemonset', title: 'Your first DaemonSet', minutes: 10, state: 'new' as const, progress: 'not started' }];
const URL_OK = 'http://10.0.0.5:7070/#K7Q2XM';
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});
const tick = () => new Promise<void>((r) => setImmediate(r));

/** The tutorial's list with the join key wired as run-tui wires it; `reply` plays the host. */
function tutorial(reply: (batch: readonly ClassroomEvent[]) => Promise<SendResult>, classroom?: string) {
  const xdg = mkdtempSync(path.join(os.tmpdir(), 'ld-join-tui-'));
  const env = { XDG_CONFIG_HOME: xdg };
  const sent: ClassroomEvent[][] = [];
  let ids = 0;
  const outboxPorts: OutboxPorts = {
    send: (batch) => {
      sent.push([...batch]);
      return reply(batch);
    },
    now: () => Date.UTC(2026, 10, 25, 10),
    random: () => 0,
    newId: () => `event-id-${++ids}`,
    // A retry waits until the outbox closes: no wall time passes in these tests.
    sleep: (_ms, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
    log: () => undefined,
  };
  const holder = new SessionHolder();
  const link = new ClassroomLink();
  const board = new BroadcastBoard(() => () => undefined);
  let ports: JoinPorts | undefined;
  const machine = appMachine.provide({
    actors: {
      loadJoin: fromPromise<void>(async () => {
        ports = tuiJoinPorts({ env, holder, link, log: () => undefined, ports: () => outboxPorts, broadcasts: () => ({ feed: board, close: () => board.close() }) });
      }),
    },
  });
  const app = createActor(machine, { input: { lessonIds: ['first-daemonset'], ...(classroom !== undefined ? { classroom } : {}) } }).start();
  const ui = render(h(App, { app, holder, course: () => ({ items }), color: false, broadcast: link, join: () => ports }));
  cleanup.push(() => {
    ui.unmount();
    app.stop();
    link.close();
    rmSync(xdg, { recursive: true, force: true });
  });
  const frame = () => stripVTControlCharacters(ui.lastFrame() ?? '');
  const flat = () => frame().replace(/\s+/g, ' ');
  const waitFor = async (want: (screen: string) => boolean): Promise<string> => {
    for (let i = 0; i < 200 && !want(flat()); i++) await tick();
    if (!want(flat())) throw new Error(`the screen never showed what was wanted:\n${frame()}`);
    // A field that has just appeared subscribes to keys in an effect, a few turns after it is drawn.
    for (let i = 0; i < 5; i++) await tick();
    return flat();
  };
  /** Types text, then waits for the screen to show `until`. */
  const type = async (keys: string, until: string) => {
    ui.stdin.write(keys);
    return waitFor((s) => s.includes(until));
  };
  return { xdg, env, sent, link, board, app, frame, flat, waitFor, type, press: (k: string) => ui.stdin.write(k) };
}

const accept = () => Promise.resolve({ status: 200, body: { accepted: 1, duplicates: 0 } });

describe('joining a classroom from the lesson list', () => {
  it('offers the key on the list; a malformed address is refused inline with the --join sentence, nothing sent', async () => {
    const t = tutorial(accept);
    expect(t.frame()).toContain('Enter opens · c joins a classroom · ? keys');
    await t.type('c', 'Join a classroom');
    await t.type('http://10.0.0.5:7070/K7Q2XM', 'address: http://10.0.0.5:7070/K7Q2XM');
    const refused = await t.type('\r', 'is not a classroom address');
    expect(refused).toContain('"http://10.0.0.5:7070/K7Q2XM" is not a classroom address: it should be http(s)://host:port#CODE with a 6–12 letter/digit code in capitals, e.g. http://192.168.1.20:7070/#K7Q2XM');
    expect(refused).toContain('Classroom address: http://10.0.0.5:7070/K7Q2XM');
    expect(t.sent).toEqual([]);
  });

  it('Esc goes back to the list: nothing sent, nothing written to disk', async () => {
    const t = tutorial(accept);
    await t.type('c', 'Join a classroom');
    await t.type(URL_OK, `address: ${URL_OK}`);
    await t.type('\r', 'Your instructor will see you as:');
    await t.type('Ada', 'see you as: Ada');
    t.press('\u001b');
    const list = await t.waitFor((s) => s.includes('c joins a classroom'));
    expect(list).not.toContain('Classroom K7Q2XM');
    expect(t.sent).toEqual([]);
    expect(readdirSync(t.xdg)).toEqual([]);
    expect(t.link.code).toBeUndefined();
  });

  it('a refused code is said inline, the address can be fixed, and then the learner is in the room', async () => {
    const t = tutorial((batch) => Promise.resolve(t.sent.length === 1 ? { status: 401 } : { status: 200, body: { accepted: batch.length, duplicates: 0 } }));
    await t.type('c', 'Join a classroom');
    await t.type('http://10.0.0.5:7070/#WRONG1\r', 'Your instructor will see you as:');
    expect(t.flat()).toContain('Only your name and lesson progress (step passed, hint used, lesson complete, idle) are sent to WRONG1 at 10.0.0.5:7070. Nothing else.');
    await t.type('Ada\r', 'the join code was refused');
    expect(t.flat()).toContain('the join code was refused by http://10.0.0.5:7070: check the code your instructor gave');
    expect(t.flat()).toContain('Classroom address: http://10.0.0.5:7070/#WRONG1');

    await t.type('\u0015', 'Classroom address: ');
    await t.type(`${URL_OK}\r`, 'see you as: Ada');
    const list = await t.type('\r', 'Classroom K7Q2XM:');
    expect(list).toContain('Joined classroom K7Q2XM at http://10.0.0.5:7070.');
    expect(list).toContain('Classroom K7Q2XM: your name and lesson progress (steps passed, hints, completion, idle) are shared with the instructor — nothing else.');
    expect(list).not.toContain('c joins a classroom');
    expect(t.sent.map((b) => b.map((e) => `${e.kind} ${e.name}`))).toEqual([['joined Ada'], ['joined Ada']]);
    expect(t.link.code).toBe('K7Q2XM');

    t.board.show('Break until 10:30');
    await t.waitFor((s) => s.includes('📣 Break until 10:30'));
    const again = await t.type('c', 'You are already in classroom K7Q2XM.');
    expect(again).not.toContain('Join a classroom');
  });

  it('an unreachable host joins queued, with a sentence that progress is sent once it is reachable', async () => {
    const t = tutorial(() => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:7070')));
    await t.type('c', 'Join a classroom');
    await t.type(`${URL_OK}\r`, 'Your instructor will see you as:');
    const list = await t.type('Grace\r', 'not reachable');
    expect(list).toContain('Classroom http://10.0.0.5:7070 is not reachable now; your progress is kept and sent once it is.');
    expect(list).toContain('Classroom K7Q2XM:');
    expect(t.sent).toHaveLength(1);
    expect(existsSync(path.join(outboxDir('K7Q2XM', t.env), 'outbox.jsonl'))).toBe(true);
  });

  it('already in a classroom from --join: the key says so and opens nothing', async () => {
    const t = tutorial(accept, 'K7Q2XM');
    expect(t.frame()).not.toContain('c joins a classroom');
    const list = await t.type('c', 'You are already in classroom K7Q2XM.');
    expect(list).not.toContain('Join a classroom');
    expect(t.app.getSnapshot().value).toBe('list');
  });
});
