/**
 * The outbox on disk: an append-only JSONL file of events (fsynced per append), a `delivered`
 * watermark (the highest seq the host has acknowledged or we dropped, written atomically) and the
 * learner's identity. Synchronous on purpose: a few hundred bytes per event, and no await between
 * reading and rewriting means a flush can never interleave with an append in this process.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventSchema, type ClassroomEvent } from './protocol.js';
import { syncDirectory, writeFileAtomic } from '../atomic-file.js';

/** Where a room's outbox lives, so a restart finds the same queue: `<XDG config>/learn-daemonsets/classroom/<code>`. */
export function outboxDir(code: string, env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CONFIG_HOME'];
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.config');
  return path.join(base, 'learn-daemonsets', 'classroom', code);
}

/** Who this learner is in a room, kept so a restart reuses the id the host already knows. */
export interface LearnerIdentity {
  readonly learner: string;
  readonly name: string;
}

/** What a room's outbox holds when opened. */
export interface LoadedOutbox {
  /** Events not yet delivered, in seq order. */
  readonly pending: ClassroomEvent[];
  /** The highest seq handled (delivered or dropped); 0 when none. */
  readonly delivered: number;
  /** The highest seq ever written, so new events continue after it. */
  readonly lastSeq: number;
}

const OUTBOX = 'outbox.jsonl';
const DELIVERED = 'delivered';
const LEARNER = 'learner.json';
const LOCK = 'lock';

/** One room's files. */
export class OutboxStore {
  constructor(
    readonly dir: string,
    private readonly warn: (message: string) => void,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /**
   * Claims the room's queue for this process, so two running tools cannot interleave seqs or
   * trim each other's events. Returns the pid holding it when another live process does.
   */
  lock(): number | undefined {
    const file = path.join(this.dir, LOCK);
    for (let tries = 0; tries < 2; tries++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        return undefined;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (holder === process.pid) return undefined;
      if (Number.isSafeInteger(holder) && holder > 0 && alive(holder)) return holder;
      unlinkSync(file); // left by a tool that crashed
    }
    return undefined;
  }

  /** Releases the claim if this process holds it. */
  unlock(): void {
    const file = path.join(this.dir, LOCK);
    try {
      if (Number(readFileSync(file, 'utf8').trim()) === process.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  }

  /** The identity stored for this room, or undefined (first join, or an unreadable file). */
  readLearner(): LearnerIdentity | undefined {
    const file = path.join(this.dir, LEARNER);
    if (!existsSync(file)) return undefined;
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<LearnerIdentity>;
      const learner = eventSchema.shape.learner.safeParse(raw.learner);
      const name = eventSchema.shape.name.safeParse(raw.name);
      if (learner.success && name.success) return { learner: learner.data, name: name.data };
    } catch {
      // fall through: a new identity is made
    }
    this.warn(`classroom: ${file} is unreadable; joining with a new learner id`);
    return undefined;
  }

  writeLearner(identity: LearnerIdentity): void {
    writeFileAtomic(path.join(this.dir, LEARNER), `${JSON.stringify(identity)}\n`);
  }

  /** Reads the queue; corrupt lines are skipped with a warning and the file is rewritten clean. */
  load(): LoadedOutbox {
    const delivered = this.readDelivered();
    const file = path.join(this.dir, OUTBOX);
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const pending: ClassroomEvent[] = [];
    let lastSeq = delivered;
    let dirty = text.length > 0 && !text.endsWith('\n');
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const event = parseLine(line);
      if (!event) {
        this.warn(`classroom: skipped corrupt line ${i + 1} of ${file}`);
        dirty = true;
        return;
      }
      lastSeq = Math.max(lastSeq, event.seq);
      if (event.seq > delivered) pending.push(event);
      else dirty = true;
    });
    pending.sort((a, b) => a.seq - b.seq);
    // A torn last line would swallow the next append; rewrite before anything is added.
    if (dirty) this.rewrite(pending);
    return { pending, delivered, lastSeq };
  }

  /** Appends one event durably (fsync) before the caller counts it recorded. */
  append(event: ClassroomEvent): void {
    const file = path.join(this.dir, OUTBOX);
    const fresh = !existsSync(file);
    const fd = openSync(file, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(event)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (fresh) syncDirectory(this.dir);
  }

  /** Records that every event up to `seq` is handled; written before the queue is trimmed. */
  writeDelivered(seq: number): void {
    writeFileAtomic(path.join(this.dir, DELIVERED), `${seq}\n`);
  }

  /** Replaces the queue with the still-pending events (drops delivered ones from disk). */
  rewrite(pending: readonly ClassroomEvent[]): void {
    writeFileAtomic(path.join(this.dir, OUTBOX), pending.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }

  private readDelivered(): number {
    const file = path.join(this.dir, DELIVERED);
    if (!existsSync(file)) return 0;
    const n = Number(readFileSync(file, 'utf8').trim());
    if (Number.isSafeInteger(n) && n >= 0) return n;
    this.warn(`classroom: ${file} is unreadable; events may be sent again (the host ignores repeats)`);
    return 0;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLine(line: string): ClassroomEvent | undefined {
  try {
    const parsed = eventSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
