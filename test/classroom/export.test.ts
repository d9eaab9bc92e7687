import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField } from '../../src/classroom/export.js';
import type { ClassroomEvent } from '../../src/classroom/protocol.js';
import { RoomStore, roomsDir } from '../../src/classroom/store.js';
import { UsageError } from '../../src/cli.js';
import { exportRoom } from '../../src/commands/classroom.js';

const xdg = mkdtempSync(path.join(os.tmpdir(), 'ld-export-'));
afterAll(() => rmSync(xdg, { recursive: true, force: true }));
const env = { XDG_CONFIG_HOME: xdg };
const lessons = [
  { id: 'first-daemonset', steps: ['create', 'why', 'joins'] },
  { id: 'taints', steps: ['taint', 'tolerate'] },
];

function ev(learner: string, name: string, seq: number, kind: ClassroomEvent['kind'], lesson?: string, step?: string): ClassroomEvent {
  return { id: `${learner}-${seq}`, learner, name, seq, at: '2026-11-25T10:00:00.000Z', kind, ...(lesson ? { lesson } : {}), ...(step ? { step } : {}) };
}

describe('classroom export', () => {
  it('writes the room as CSV (formulas defused) and as JSON', async () => {
    const store = RoomStore.open(roomsDir(env));
    await store.append([
      ev('learner-aaaa', 'Ada', 1, 'joined'),
      ev('learner-aaaa', 'Ada', 2, 'lesson-opened', 'first-daemonset'),
      ev('learner-aaaa', 'Ada', 3, 'step-passed', 'first-daemonset', 'create'),
      ev('learner-aaaa', 'Ada', 4, 'hint-used', 'first-daemonset', 'why'),
      ev('learner-bbbb', '=HYPERLINK("x")', 1, 'joined'),
    ]);
    await store.close();
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: () => undefined, env, lessons };
    expect(exportRoom(['--room', store.code.toLowerCase()], io, new Date('2026-11-25T10:00:30.000Z'))).toBe(0);
    const csv = out.join('').trim().split('\n');
    expect(csv[0]).toBe('name,learner,lesson,step,seconds on step,hints,stuck,first-daemonset,taints');
    expect(csv).toContain('Ada,learner-aaaa,first-daemonset,why,30,1,false,1/3,0/2');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",learner-bbbb,,,0,0,false,0/3,0/2`);
    out.length = 0;
    exportRoom(['--room', store.code, '--format', 'json'], io, new Date('2026-11-25T10:00:30.000Z'));
    const json = JSON.parse(out.join('')) as { room: string; rows: { name: string; hints: number }[] };
    expect(json.room).toBe(store.code);
    expect(json.rows.map((r) => [r.name, r.hints])).toEqual(expect.arrayContaining([['Ada', 1]]));
  });

  it('says what is wrong with the flags or the room', () => {
    const io = { out: () => undefined, err: () => undefined, env, lessons };
    expect(() => exportRoom([], io)).toThrow(new UsageError('classroom export needs --room CODE (the code the host printed)'));
    expect(() => exportRoom(['--room', 'ABCDEFGH', '--format', 'xml'], io)).toThrow(/--format is csv or json, got "xml"/);
    expect(() => exportRoom(['--room', 'ZZZZZZZZ'], io)).toThrow(/there is no room ZZZZZZZZ/);
    expect(() => exportRoom(['--room', 'NOPE1234'], io)).toThrow(/"NOPE1234" is not a room code \(8 characters: capital letters and digits 2–9, no I, O, 0 or 1/);
  });

  it('names the rooms that are kept when the code is not one of them', () => {
    const own = { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), 'ld-export-rooms-')) };
    const io = { out: () => undefined, err: () => undefined, env: own, lessons };
    try {
      expect(() => exportRoom(['--room', 'ZZZZZZZZ'], io)).toThrow(/\(no rooms are kept here yet\); leave --room out to start a new one/);
      const a = RoomStore.open(roomsDir(own));
      const b = RoomStore.open(roomsDir(own));
      const message = (() => {
        try {
          exportRoom(['--room', 'ZZZZZZZZ'], io);
          return '';
        } catch (err) {
          return err instanceof Error ? err.message : String(err);
        }
      })();
      expect(message).toContain('rooms kept here: ');
      expect(message).toContain(a.code);
      expect(message).toContain(b.code);
    } finally {
      rmSync(own.XDG_CONFIG_HOME, { recursive: true, force: true });
    }
  });

  it('quotes only what needs quoting', () => {
    expect([csvField('plain'), csvField('a,b'), csvField('say "hi"'), csvField('-1'), csvField(-1), csvField(true)]).toEqual(['plain', '"a,b"', '"say ""hi"""', `"'-1"`, '-1', 'true']);
  });
});
