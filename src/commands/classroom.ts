/**
 * `learn-daemonsets classroom host [--port N] [--bind ADDR] [--room CODE] [--web]`: the instructor's
 * side of a classroom. Prints the join command first; then, in a terminal, shows the Ink room
 * screen (src/ui/ClassroomHost.tsx, loaded only here), otherwise prints the plain-text table
 * whenever events arrive and broadcasts each line read on stdin. q or Ctrl+C stops it with exit 0.
 */
import { isIP } from 'node:net';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { UsageError } from '../cli.js';
import { HostError, startHost, type Host } from '../classroom/host.js';
import { renderTable } from '../classroom/render.js';
import { tableCsv, tableJson } from '../classroom/export.js';
import { applyEvents, emptyRoom, type LessonOutline } from '../classroom/room.js';
import { roomTable } from '../classroom/table.js';
import { RoomError, RoomStore, roomsDir } from '../classroom/store.js';
import { BUILTIN_COURSE_DIR, loadCourse } from '../lessons/loader.js';

/** The command's ports, so a test can drive it without a terminal or signals. */
export interface ClassroomIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** stdin and stdout are a terminal: the Ink screen runs. */
  readonly tty: boolean;
  /** Without the screen, each line read here is broadcast to the learners (stdin). */
  readonly input?: NodeJS.ReadableStream;
  /** Resolves when the instructor stops the host (Ctrl+C). */
  readonly stopped: Promise<void>;
  readonly lessons?: readonly LessonOutline[];
}

function defaultIo(): ClassroomIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env: process.env,
    tty: process.stdout.isTTY === true && process.stdin.isTTY === true,
    input: process.stdin,
    stopped: new Promise((resolve) => {
      // Removed a turn later, not at once: Ink's signal-exit kills the process with the signal when
      // it finds itself the only listener, and a stop must go through host.stop() (exit 0).
      const stop = (): void => {
        resolve();
        setImmediate(() => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
  };
}

/** Flags checked once, at the edge, each with a sentence the instructor can act on. */
export function hostOptions(argv: string[]): { port: number; bind: string; room?: string; web: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { port: { type: 'string' }, bind: { type: 'string' }, room: { type: 'string' }, web: { type: 'boolean' } }, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}. Usage: learn-daemonsets classroom host [--port N] [--bind ADDR] [--room CODE] [--web]`);
  }
  const v = parsed.values;
  const port = v.port === undefined ? 0 : /^\d+$/.test(v.port) ? Number(v.port) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number from 1 to 65535, got "${v.port}"`);
  if (v.bind !== undefined && isIP(v.bind) === 0) throw new UsageError(`--bind needs an IP address of this machine (e.g. 192.168.1.20), got "${v.bind}"`);
  return { port, bind: v.bind ?? '127.0.0.1', ...(v.room !== undefined ? { room: v.room.toUpperCase() } : {}), web: v.web === true };
}

function courseOutline(): LessonOutline[] {
  return loadCourse(BUILTIN_COURSE_DIR).lessons.map((l) => ({ id: l.id, steps: l.steps.map((s) => s.id) }));
}

/** `classroom export --room CODE [--format csv|json]`: the room's table on stdout. */
export function exportRoom(argv: string[], io: Pick<ClassroomIo, 'out' | 'err' | 'env' | 'lessons'>, now = new Date()): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { room: { type: 'string' }, format: { type: 'string' } }, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}. Usage: learn-daemonsets classroom export --room CODE [--format csv|json]`);
  }
  const { room, format = 'csv' } = parsed.values;
  if (room === undefined) throw new UsageError('classroom export needs --room CODE (the code the host printed)');
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format is csv or json, got "${format}"`);
  let store: RoomStore;
  try {
    store = RoomStore.open(roomsDir(io.env), room.toUpperCase());
  } catch (err) {
    if (err instanceof RoomError) throw new UsageError(err.message);
    throw err;
  }
  const { events, warnings } = store.replay();
  for (const w of warnings) io.err(`warning: ${w}\n`);
  const table = roomTable(applyEvents(emptyRoom(), events).state, now.getTime(), io.lessons ?? courseOutline());
  io.out(format === 'csv' ? tableCsv(table) : tableJson(store.code, now, table));
  return 0;
}

/** Without the screen: each non-blank line of `input` is one broadcast; returns a function that stops reading. */
function broadcastLines(input: NodeJS.ReadableStream, host: Host, io: Pick<ClassroomIo, 'out' | 'err'>): () => void {
  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    try {
      const m = host.broadcast(line);
      const n = host.state().learners.size;
      io.out(`Message #${m.seq} sent to ${n} learner${n === 1 ? '' : 's'}: ${m.text}\n\n`);
    } catch (err) {
      io.err(`${err instanceof Error ? err.message : String(err)}\n`);
    }
  });
  return () => lines.close();
}

/** Runs `classroom <sub>`; resolves with the exit code once the host stops. */
export async function runClassroom(argv: string[], io: ClassroomIo = defaultIo()): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return exportRoom(rest, io);
  if (sub !== 'host') throw new UsageError(`"classroom" takes "host" (the instructor's side) or "export", not ${sub === undefined ? 'nothing' : `"${sub}"`}. Learners join with \`npx learn-daemonsets --join URL#CODE\``);
  const opts = hostOptions(rest);
  let store: RoomStore;
  try {
    store = RoomStore.open(roomsDir(io.env), opts.room);
  } catch (err) {
    if (err instanceof RoomError) throw new UsageError(err.message);
    throw err;
  }
  let dirty = true;
  let version = 0;
  let host;
  try {
    host = await startHost({ store, lessons: io.lessons ?? courseOutline(), port: opts.port, bind: opts.bind, web: opts.web, onChange: () => ((dirty = true), version++) });
  } catch (err) {
    await store.close();
    if (err instanceof HostError) throw new UsageError(err.message);
    throw err;
  }
  const join = `npx learn-daemonsets --join ${host.joinUrl}`;
  io.out(`${join}\n`);
  if (host.pageUrl !== undefined) io.out(`Projector page: ${host.pageUrl}\n`);
  for (const w of host.warnings) io.err(`warning: ${w}\n`);
  if (io.tty) {
    const running = host;
    // Ink draws only the last frame when CI is set (read once as Ink loads); this is a person's terminal.
    delete process.env['CI'];
    delete process.env['CONTINUOUS_INTEGRATION'];
    const { runHostScreen } = await import('../ui/classroom-host-live.js');
    const feed = { table: () => running.table(), lastBroadcast: () => running.lastBroadcast(), broadcast: (text: string) => running.broadcast(text), version: () => version };
    await runHostScreen({ feed, code: host.code, join, ...(host.pageUrl !== undefined ? { page: host.pageUrl } : {}), env: io.env, stopped: io.stopped }).finally(() => running.stop());
  } else {
    const draw = (): void => {
      if (!dirty) return;
      dirty = false;
      io.out(`${renderTable(host.table()).join('\n')}\n\n`);
    };
    draw();
    const timer = setInterval(draw, 100);
    const stopReading = io.input ? broadcastLines(io.input, host, io) : () => undefined;
    await io.stopped;
    stopReading();
    clearInterval(timer);
    await host.stop();
  }
  io.out(`\nRoom ${host.code} stopped; its events are kept in ${store.dir}.\n`);
  return 0;
}
