import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { App } from '../../src/app/App.js';
import { appMachine } from '../../src/app/app-machine.js';
import { BroadcastBoard, SHOW_MS, type Timer } from '../../src/app/classroom-broadcasts.js';
import { SessionHolder } from '../../src/app/session-holder.js';
import { standInOpen, standInSession } from './fixtures/stand-in-session.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ld-broadcast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Timers that fire only when the test says time has passed. */
function manualTimer() {
  let now = 0;
  const pending: { at: number; fire: () => void; live: boolean }[] = [];
  const timer: Timer = (ms, fire) => {
    const t = { at: now + ms, fire, live: true };
    pending.push(t);
    return () => void (t.live = false);
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of pending.filter((p) => p.live && p.at <= now)) {
      t.live = false;
      t.fire();
    }
  };
  return { timer, advance, live: () => pending.filter((p) => p.live).length };
}

describe('BroadcastBoard', () => {
  it('shows a message for a minute, then nothing; a newer one replaces it and restarts the minute', () => {
    const { timer, advance, live } = manualTimer();
    const board = new BroadcastBoard(timer);
    let changes = 0;
    board.subscribe(() => changes++);
    expect(board.get()).toBeUndefined();
    board.show('Break until 10:30');
    expect(board.get()).toBe('Break until 10:30');
    advance(SHOW_MS - 1_000);
    board.show('Back in 5');
    expect(live()).toBe(1);
    advance(SHOW_MS - 1);
    expect(board.get()).toBe('Back in 5');
    advance(1);
    expect(board.get()).toBeUndefined();
    expect(changes).toBe(3);
  });

  it('close() cancels the take-down', () => {
    const { timer, live } = manualTimer();
    const board = new BroadcastBoard(timer);
    board.show('x');
    board.close();
    expect(live()).toBe(0);
  });
});

const tick = () => new Promise<void>((r) => setImmediate(r));

describe("the instructor's broadcast in the App", () => {
  const items = [{ id: 'first-daemonset', title: 'Your first DaemonSet', minutes: 10, state: 'new' as const, progress: 'not started' }];

  it('appears on the list, and in the lesson status bar in place of the export line until it is taken down', async () => {
    const { timer, advance } = manualTimer();
    const board = new BroadcastBoard(timer);
    const holder = new SessionHolder();
    const session = standInSession(dir);
    const app = createActor(appMachine.provide({ actors: { openLesson: fromPromise<void, { id: string }>(async () => void holder.set(standInOpen(session))) } }), { input: { lessonIds: ['first-daemonset'], classroom: 'K7Q2XM' } }).start();
    const ui = render(h(App, { app, holder, course: () => ({ items }), color: false, broadcast: board }));
    const frame = () => stripVTControlCharacters(ui.lastFrame() ?? '');
    const waitFor = async (want: (screen: string) => boolean) => {
      for (let i = 0; i < 100 && !want(frame()); i++) await tick();
      return frame();
    };
    expect(frame()).toContain('Classroom K7Q2XM');
    expect(frame()).not.toContain('📣');

    board.show('Break until 10:30');
    expect(await waitFor((s) => s.includes('📣'))).toContain('📣 Break until 10:30');

    ui.stdin.write('\r');
    const lesson = await waitFor((s) => s.includes('step 1/3'));
    const statusLine = lesson.trimEnd().split('\n').at(-1) ?? '';
    expect(statusLine).toMatch(/^📣 Break until 10:30\s+▶ 09:30:00 · \? keys$/);

    advance(SHOW_MS);
    const after = await waitFor((s) => !s.includes('📣'));
    expect(after.trimEnd().split('\n').at(-1)).toMatch(/^export KUBECONFIG=\/tmp\/x\/kubeconfig\s+▶ 09:30:00 · \? keys$/);
    ui.unmount();
    app.stop();
    await session.close();
  });
});
