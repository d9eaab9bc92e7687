/**
 * A room on disk, so a host restart loses nothing: `room.json` (the join code, made once) and
 * `events.jsonl`, an append-only log of accepted events fsynced per batch and replayed on start.
 * A line that does not parse (a crash mid-write leaves a torn last line) is skipped with a
 * warning, never a crash.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { readJsonl } from './jsonl.js';
import { open, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { eventSchema, type ClassroomEvent } from './protocol.js';

/** No 0/O or 1/I: a code read aloud or off a projector is typed right the first time. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_RE = /^[A-HJ-NP-Z2-9]{8}$/;

/** `$XDG_CONFIG_HOME/learn-daemonsets/rooms` (or ~/.config/...): where every room lives. */
export function roomsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'learn-daemonsets', 'rooms');
}

/** A fresh 8-character join code from the unambiguous alphabet. */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** True when a string could be a join code (checked before it becomes a path). */
export function isCode(code: string): boolean {
  return CODE_RE.test(code);
}

/** A room that cannot be opened: the message says what to do. */
export class RoomError extends Error {}

/** What replay found. */
export interface Replay {
  readonly events: ClassroomEvent[];
  readonly warnings: string[];
}

/** One room's directory: its code, its replayed events, and the append handle. */
/** The codes of the rooms kept under `base`, oldest first. */
function existingRooms(base: string): string[] {
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((name) => isCode(name) && existsSync(join(base, name, 'room.json')))
    .map((name) => ({ name, at: statSync(join(base, name, 'room.json')).mtimeMs }))
    .sort((a, b) => a.at - b.at)
    .map((r) => r.name);
}

export class RoomStore {
  private handle: FileHandle | undefined;
  private endsWithNewline = true;

  private constructor(
    readonly code: string,
    readonly dir: string,
  ) {}

  /** Opens the room `code` under `base`, or creates a new room (new code) when code is undefined. */
  static open(base: string, code?: string): RoomStore {
    if (code !== undefined) {
      if (!isCode(code)) throw new RoomError(`"${code}" is not a room code (8 characters: capital letters and digits 2–9, no I, O, 0 or 1; e.g. K7MPX2QA)`);
      const dir = join(base, code);
      if (!existsSync(join(dir, 'room.json'))) {
        const rooms = existingRooms(base);
        const known = rooms.length ? `rooms kept here: ${rooms.join(', ')}` : 'no rooms are kept here yet';
        throw new RoomError(`there is no room ${code} under ${base} (${known}); leave --room out to start a new one`);
      }
      return new RoomStore(code, dir);
    }
    mkdirSync(base, { recursive: true, mode: 0o700 });
    const taken = new Set(readdirSync(base));
    let fresh = newCode();
    while (taken.has(fresh)) fresh = newCode();
    const dir = join(base, fresh);
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'room.json'), `${JSON.stringify({ code: fresh })}\n`, { mode: 0o600 });
    return new RoomStore(fresh, dir);
  }

  /** Every stored event in file order; unreadable lines become warnings. */
  replay(): Replay {
    const log = readJsonl(join(this.dir, 'events.jsonl'), eventSchema, 'a classroom event');
    this.endsWithNewline = log.endsWithNewline;
    return { events: log.values, warnings: log.warnings };
  }

  /** Appends events and fsyncs before resolving: once it resolves, a crash cannot lose them. */
  async append(events: readonly ClassroomEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.handle ??= await open(join(this.dir, 'events.jsonl'), 'a', 0o600);
    const lead = this.endsWithNewline ? '' : '\n';
    this.endsWithNewline = true;
    await this.handle.write(lead + events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    await this.handle.datasync();
  }

  /** Closes the append handle (the host calls it on stop). */
  async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    await h?.close();
  }
}
