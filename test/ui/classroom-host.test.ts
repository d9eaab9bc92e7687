import { stripVTControlCharacters } from 'node:util';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { BroadcastError, cleanBroadcast, type BroadcastMessage } from '../../src/classroom/broadcast.js';
import type { ClassroomEvent } from '../../src/classroom/protocol.js';
import { tableView } from '../../src/classroom/render.js';
import { applyEvents, emptyRoom } from '../../src/classroom/room.js';
import { roomTable, type RoomTable } from '../../src/classroom/table.js';
import { ClassroomHost, type ClassroomHostProps } from '../../src/ui/ClassroomHost.js';
import { LiveClassroomHost, type Every, type RoomFeed } from '../../src/ui/classroom-host-live.js';
import { hostColumns, hostKey, keyBar, whereText } from '../../src/ui/host-screen.js';
import { ColorContext } from '../../src/ui/theme.js';

const lessons = [
  { id: 'first-daemonset', steps: ['create', 'inspect'] },
  { id: 'rolling-updates', steps: ['update', 'watch', 'undo'] },
];
const T0 = Date.parse('2026-11-25T10:00:00.000Z');
const JOIN = 'npx learn-daemonsets --join http://192.168.1.20:41234/#K7MPX2QA';

function ev(learner: string, name: string, seq: number, kind: ClassroomEvent['kind'], extra: Partial<ClassroomEvent> = {}, at = T0): ClassroomEvent {
  return { id: `${learner}-event-${seq}`, learner, name, seq, at: new Date(at).toISOString(), kind, ...extra };
}

/** Ada on L1 step 2 (a hint used), Bo stuck on L1 create, Cy done with L1 and on L2. */
function classTable(now = T0 + 754_000): RoomTable {
  const events = [
    ev('learner-ada', 'Ada', 1, 'lesson-opened', { lesson: 'first-daemonset' }),
    ev('learner-ada', 'Ada', 2, 'step-passed', { lesson: 'first-daemonset', step: 'create' }, T0 + 750_000),
    ev('learner-ada', 'Ada', 3, 'hint-used', { lesson: 'first-daemonset', step: 'inspect' }),
    ev('learner-bo', 'Bo', 1, 'lesson-opened', { lesson: 'first-daemonset' }),
    ev('learner-bo', 'Bo', 2, 'idle'),
    ev('learner-cy', 'Cy', 1, 'lesson-complete', { lesson: 'first-daemonset' }),
    ev('learner-cy', 'Cy', 2, 'lesson-opened', { lesson: 'rolling-updates' }, T0 + 700_000),
  ];
  return roomTable(applyEvents(emptyRoom(), events).state, now, lessons);
}

function crowd(n: number): RoomTable {
  const events = Array.from({ length: n }, (_, i) => ev(`learner-${String(i).padStart(3, '0')}`, `Learner ${String(i + 1).padStart(2, '0')}`, 1, 'joined'));
  return roomTable(applyEvents(emptyRoom(), events).state, T0, lessons);
}

const tick = () => new Promise<void>((r) => setImmediate(r));

function screen(props: Partial<ClassroomHostProps> = {}) {
  const broadcast = vi.fn<(text: string) => BroadcastMessage>((text) => ({ seq: 4, text: cleanBroadcast(text), at: '2026-11-25T10:12:00.000Z' }));
  const onQuit = vi.fn<() => void>();
  const ui = render(h(ColorContext.Provider, { value: false }, h(ClassroomHost, { table: classTable(), code: 'K7MPX2QA', join: JOIN, columns: 100, rows: 24, broadcast, onQuit, ...props })));
  const frame = () => stripVTControlCharacters(ui.lastFrame() ?? '');
  /** Types, then waits (a bounded number of turns, never wall time) until the screen shows `want`. */
  const type = async (keys: string, want: (s: string) => boolean = () => true) => {
    ui.stdin.write(keys);
    for (let i = 0; i < 50 && !want(frame()); i++) await tick();
  };
  return { ui, frame, type, broadcast, onQuit };
}

describe('ClassroomHost', () => {
  it('shows the join command on a line of its own, the room, the learners with marks, and the summary', () => {
    const { frame } = screen();
    const lines = frame().split('\n');
    expect(lines[0]).toBe('Classroom K7MPX2QA · 3 learners · restart with --room K7MPX2QA');
    expect(lines).toContain(JOIN);
    expect(frame()).toContain("No message yet: b sends one to every learner's status bar.");
    expect(frame()).toMatch(/Learner\s+L1\s+L2\s+Current step\s+On step\s+Hints/);
    expect(frame()).toMatch(/Ada\s+▶1\/2\s+·0\/3\s+first-daemonset\/inspect\s+4s\s+1\n/);
    expect(frame()).toMatch(/Bo\s+!0\/2\s+·0\/3\s+first-daemonset\/create\s+12m34s\s+0 STUCK/);
    expect(frame()).toMatch(/Cy\s+✓0\/2\s+▶0\/3\s+rolling-updates\/update\s+54s\s+0/);
    expect(frame()).toContain('Finished: L1 1  L2 0');
    expect(frame()).toContain('Most stuck: first-daemonset/create (1).');
    expect(frame()).toContain('Marks:  ✓ done  ▶ current  ! stuck  … started  · not started');
    expect(lines.at(-1)).toBe('↑/↓ scroll · PgUp/PgDn page · b message every learner · q/Ctrl+C stop the host');
    expect(lines.length).toBeLessThan(24);
  });

  it('fits an eleven-lesson course into 80 columns: one mark per lesson, the step kept', () => {
    const course = Array.from({ length: 11 }, (_, i) => ({ id: i === 0 ? 'first-daemonset' : `lesson-${i}`, steps: ['create', ...Array.from({ length: 11 }, (_, s) => `s${s}`)] }));
    const events = [ev('learner-ada', 'Ada Lovelace-Byron', 1, 'lesson-opened', { lesson: 'first-daemonset' })];
    const { frame } = screen({ table: roomTable(applyEvents(emptyRoom(), events).state, T0, course), columns: 80 });
    expect(frame()).toMatch(/Learner\s+1 {2}2 {2}3 .* 10 11 Current step/);
    expect(frame()).toMatch(/Ada Lovelace-B… ▶ {2}· .*L1\/create/);
    expect(Math.max(...frame().split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
  });

  it('names the projector page when the host serves one', () => {
    expect(screen({ page: 'http://192.168.1.20:41234/rooms/K7MPX2QA/' }).frame()).toContain('Learners join with:   (projector page: http://192.168.1.20:41234/rooms/K7MPX2QA/)');
  });

  it('shows the last broadcast under the header', () => {
    const at = new Date(2026, 10, 25, 10, 12).toISOString();
    expect(screen({ last: { seq: 3, text: 'Break until 10:30', at } }).frame()).toContain('Last message #3 at 10:12: Break until 10:30');
  });

  it('asks for a larger window below 80 columns, and q still stops the host', async () => {
    const { frame, type, onQuit } = screen({ columns: 79 });
    expect(frame()).toContain('Please make the window larger.');
    expect(frame()).not.toContain('Ada');
    await type('q');
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('scrolls the learners that do not fit with ↑/↓ and PgUp/PgDn', async () => {
    const { frame, type } = screen({ table: crowd(30), rows: 24 });
    expect(frame()).toContain('learners 1–10 of 30 · ↑/↓ PgUp/PgDn');
    expect(frame()).toContain('Learner 01');
    expect(frame()).not.toContain('Learner 11');
    await type('\u001b[B', (s) => s.includes('learners 2–11 of 30'));
    expect(frame()).not.toContain('Learner 01');
    expect(frame()).toContain('Learner 11');
    await type('\u001b[6~', (s) => s.includes('learners 12–21 of 30'));
    await type('\u001b[6~', (s) => s.includes('learners 21–30 of 30'));
    await type('\u001b[6~');
    expect(frame()).toContain('learners 21–30 of 30');
    await type('\u001b[5~', (s) => s.includes('learners 11–20 of 30'));
    await type('\u001b[A', (s) => s.includes('learners 10–19 of 30'));
    expect(frame()).toContain('Learner 10');
  });

  it('b opens the message line; Enter sends it and says to how many learners', async () => {
    const { frame, type, broadcast } = screen();
    await type('b', (s) => s.includes('Message to every learner:'));
    expect(frame()).toContain('Enter sends · Esc cancels');
    await type('Break until 10:30 q', (s) => s.includes('19/200'));
    await type('\u007f', (s) => s.includes('18/200'));
    await type('\r', (s) => s.includes('sent to'));
    expect(broadcast).toHaveBeenCalledWith('Break until 10:30 ');
    expect(frame()).toContain('Message #4 sent to 3 learners.');
    expect(frame()).toContain('Last message #4 at');
    expect(frame()).not.toContain('Message to every learner:');
  });

  it('keeps the line open with the sentence when the host refuses the message', async () => {
    const refuse = vi.fn<(text: string) => BroadcastMessage>(() => {
      throw new BroadcastError('a broadcast is at most 200 characters; this one has 201');
    });
    const { frame, type } = screen({ broadcast: refuse });
    await type('b', (s) => s.includes('Message to every learner:'));
    await type('x', (s) => s.includes('1/200'));
    await type('\r', (s) => s.includes('at most 200'));
    expect(frame()).toContain('a broadcast is at most 200 characters; this one has 201');
    expect(frame()).toContain('Message to every learner: x');
  });

  it('Esc cancels without sending; q types while the line is open and stops the host once it is closed', async () => {
    const { frame, type, broadcast, onQuit } = screen();
    await type('b', (s) => s.includes('Message to every learner:'));
    await type('q', (s) => s.includes('1/200'));
    expect(onQuit).not.toHaveBeenCalled();
    await type('\u001b', (s) => !s.includes('Message to every learner:'));
    expect(frame()).not.toContain('Message to every learner:');
    expect(broadcast).not.toHaveBeenCalled();
    await type('q');
    expect(onQuit).toHaveBeenCalledTimes(1);
  });
});

describe('LiveClassroomHost', () => {
  it('redraws on the next tick after events arrive, and every tenth tick so time on step moves', async () => {
    let now = T0 + 754_000;
    let version = 0;
    let table = classTable(now);
    const feed: RoomFeed = { table: () => table, lastBroadcast: () => undefined, broadcast: () => ({ seq: 1, text: 'x', at: new Date(T0).toISOString() }), version: () => version };
    const ticks: (() => void)[] = [];
    const every: Every = (_ms, fn) => {
      ticks.push(fn);
      return () => ticks.splice(ticks.indexOf(fn), 1);
    };
    const ui = render(h(LiveClassroomHost, { feed, code: 'K7MPX2QA', join: JOIN, color: false, onQuit: () => undefined, every, size: { columns: 100, rows: 24 } }));
    const frame = () => stripVTControlCharacters(ui.lastFrame() ?? '');
    const waitFor = async (want: (s: string) => boolean) => {
      for (let i = 0; i < 50 && !want(frame()); i++) await tick();
    };
    await waitFor(() => ticks.length === 1);
    expect(frame()).toContain('12m34s');

    table = crowd(2);
    ticks[0]?.();
    await tick();
    expect(frame()).not.toContain('Learner 01');
    version++;
    ticks[0]?.();
    await waitFor((s) => s.includes('Learner 01'));
    expect(frame()).toContain('Classroom K7MPX2QA · 2 learners');

    now += 2000;
    table = classTable(now);
    for (let i = 0; i < 9; i++) ticks[0]?.();
    await tick();
    expect(frame()).not.toContain('Ada');
    ticks[0]?.();
    await waitFor((s) => s.includes('12m36s'));
    expect(frame()).toContain('12m36s');
    ui.unmount();
    expect(ticks).toHaveLength(0);
  });
});

describe('host screen logic', () => {
  it('collapses lessons to one mark each when the full cells do not fit', () => {
    const view = tableView(classTable());
    expect(hostColumns(view, 120).compact).toBe(false);
    const many = tableView(roomTable(emptyRoom(), T0, Array.from({ length: 11 }, (_, i) => ({ id: `lesson-${i}`, steps: Array.from({ length: 12 }, (_, s) => `s${s}`) }))));
    const cols = hostColumns(many, 80);
    expect(cols.compact).toBe(true);
    expect(cols.name + 11 * cols.cell + cols.where + cols.onStep + cols.hints).toBeLessThanOrEqual(80);
  });

  it('names the lesson by its number when lesson/step does not fit, keeping the step', () => {
    const { lessons: labels } = tableView(classTable());
    expect(whereText('first-daemonset/inspect', labels, 40)).toBe('first-daemonset/inspect');
    expect(whereText('first-daemonset/inspect', labels, 18)).toBe('L1/inspect');
    expect(whereText('—', labels, 1)).toBe('—');
  });

  it('drops pasted line breaks and escapes from the message being typed', () => {
    expect(hostKey({ offset: 0, typing: 'a' }, 'b\r\u001b[31mc', {}, 0, 10).state.typing).toBe('ab[31mc');
  });

  it('derives the key bar from the key table', () => {
    expect(keyBar(true)).toBe('Enter sends · Esc cancels');
  });
});
