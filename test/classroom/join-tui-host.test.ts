/**
 * Joining from the TUI against the real classroom host on loopback: the learner presses `c` on the
 * list, types the host's join address and a name, and appears in the host's table; a step passed
 * in the lesson opened afterwards reaches the host, and the instructor's message shows on the
 * list. The App, the app machine and the production join logic (real HTTP, real outbox files).
 */
import { stripVTControlCharacters } from 'node:util';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { afterThisTest, tempDir } from './fixtures/scratch.js';
import { createActor, fromPromise } from 'xstate';
import { App } from '../../src/app/App.js';
import { appMachine } from '../../src/app/app-machine.js';
import { tuiJoinPorts } from '../../src/app/classroom-join.js';
import { ClassroomLink } from '../../src/app/classroom-link.js';
import { SessionHolder } from '../../src/app/session-holder.js';
import { startHost } from '../../src/classroom/host.js';
import { RoomStore } from '../../src/classroom/store.js';
import type { JoinPorts } from '../../src/ui/JoinScreen.js';
import { standInOpen, standInSession } from '../app/fixtures/stand-in-session.js';

const temp = tempDir;
const cleanup = { push: afterThisTest };

/** Polls `check` until it holds (real HTTP needs real turns of the loop); fails after `ms`. */
async function until<T>(what: string, check: () => T | undefined | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('joining from the TUI, against the real host', () => {
  it('the learner appears in the host table, and a step passed in the lesson reaches it', async () => {
    const host = await startHost({ store: RoomStore.open(temp('rooms-')), lessons: [{ id: 'first-daemonset', steps: ['create', 'why-not-control-plane', 'node-joins'] }] });
    cleanup.push(() => host.stop());
    host.broadcast('Welcome — start with lesson 1');
    const env = { XDG_CONFIG_HOME: temp('learner-') };
    const holder = new SessionHolder();
    const link = new ClassroomLink();
    cleanup.push(() => link.close());
    const session = standInSession(temp('progress-'));
    cleanup.push(() => session.close());
    let ports: JoinPorts | undefined;
    const machine = appMachine.provide({
      actors: {
        loadJoin: fromPromise<void>(async () => void (ports = tuiJoinPorts({ env, holder, link, log: () => undefined }))),
        openLesson: fromPromise<void, { id: string }>(async () => void holder.set(standInOpen(session))),
      },
    });
    const app = createActor(machine, { input: { lessonIds: ['first-daemonset'] } }).start();
    cleanup.push(() => void app.stop());
    const ui = render(h(App, { app, holder, course: () => ({ items: [{ id: 'first-daemonset', title: 'Your first DaemonSet', minutes: 10, state: 'new' as const, progress: 'not started' }] }), color: false, broadcast: link, join: () => ports }));
    cleanup.push(() => ui.unmount());
    const flat = () => stripVTControlCharacters(ui.lastFrame() ?? '').replace(/\s+/g, ' ');
    const shows = async (text: string) => {
      await until(`the screen to show "${text}":\n${flat()}`, () => flat().includes(text));
      // A field that has just appeared subscribes to keys a few turns after it is drawn.
      for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
    };

    expect(host.table().rows).toEqual([]);
    ui.stdin.write('c');
    await shows('Classroom address:');
    ui.stdin.write(host.joinUrl);
    await shows(`address: ${host.joinUrl}`);
    ui.stdin.write('\r');
    await shows(`are sent to ${host.code} at 127.0.0.1:${host.port}. Nothing else.`);
    ui.stdin.write('Ada\r');
    await shows(`Classroom ${host.code}: your name and lesson progress`);
    expect(flat()).toContain(`Joined classroom ${host.code} at http://127.0.0.1:${host.port}.`);
    expect(host.table().rows.map((r) => r.name)).toEqual(['Ada']);
    await shows('📣 Welcome — start with lesson 1');

    ui.stdin.write('\r');
    await shows('step 1/3');
    await until('lesson-opened at the host', () => host.table().rows[0]?.lesson === 'first-daemonset');
    session.actor.send({ type: 'step.skip' });
    await shows('step 2/3');
    ui.stdin.write('1'); // the question's first choice is the right answer
    const row = await until('the passed step at the host', () => host.table().rows.find((r) => r.cells.some((c) => c.lesson === 'first-daemonset' && c.passed === 1)));
    expect(row).toMatchObject({ name: 'Ada', lesson: 'first-daemonset', cells: [{ lesson: 'first-daemonset', passed: 1, total: 3 }] });
    expect(host.state().learners.size).toBe(1);
  });
});
