import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClassroomEvent } from '../../src/classroom/protocol.js';
import { isCode, newCode, RoomError, RoomStore, roomsDir } from '../../src/classroom/store.js';

const dirs: string[] = [];
function base(): string {
  const d = mkdtempSync(join(tmpdir(), 'rooms-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function ev(seq: number): ClassroomEvent {
  return { id: `event-0000${seq}`, learner: 'learner-a', name: 'Ada', seq, at: '2026-11-25T10:00:00.000Z', kind: 'joined' };
}

describe('RoomStore', () => {
  it('makes unambiguous 8-character codes', () => {
    for (let i = 0; i < 200; i++) {
      const code = newCode();
      expect(isCode(code)).toBe(true);
      expect(code).not.toMatch(/[01OI]/);
    }
  });

  it('keeps the room and its events across a reopen', async () => {
    const b = base();
    const store = RoomStore.open(b);
    await store.append([ev(1), ev(2)]);
    await store.append([ev(3)]);
    await store.close();
    const again = RoomStore.open(b, store.code);
    expect(again.replay()).toEqual({ events: [ev(1), ev(2), ev(3)], warnings: [] });
  });

  it('skips a torn last line with a warning and appends on a fresh line', async () => {
    const b = base();
    const store = RoomStore.open(b);
    await store.append([ev(1)]);
    await store.close();
    appendFileSync(join(store.dir, 'events.jsonl'), '{"id":"event-00002","lear');
    const again = RoomStore.open(b, store.code);
    const replay = again.replay();
    expect(replay.events).toEqual([ev(1)]);
    expect(replay.warnings).toEqual([expect.stringContaining(':2: skipped a line that is not JSON')]);
    await again.append([ev(3)]);
    await again.close();
    expect(RoomStore.open(b, store.code).replay().events).toEqual([ev(1), ev(3)]);
    expect(readFileSync(join(store.dir, 'events.jsonl'), 'utf8').split('\n')).toHaveLength(4);
  });

  it('skips a line that is JSON but not an event', async () => {
    const b = base();
    const store = RoomStore.open(b);
    appendFileSync(join(store.dir, 'events.jsonl'), '{"kind":"rm -rf"}\n');
    expect(store.replay().warnings).toEqual([expect.stringContaining('not a classroom event')]);
  });

  it('refuses a code that is malformed or unknown', () => {
    const b = base();
    expect(() => RoomStore.open(b, '../etc')).toThrow(RoomError);
    expect(() => RoomStore.open(b, 'ABCDEFGH')).toThrow(/no room ABCDEFGH/);
  });

  it('lives under the XDG config dir', () => {
    expect(roomsDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/learn-daemonsets/rooms');
  });
});
