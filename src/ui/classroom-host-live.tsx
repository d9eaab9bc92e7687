/**
 * The instructor's screen kept live: it re-reads the room when events arrive (checked every
 * 100 ms, so a burst of events costs one redraw) and once a second so times on step move, and
 * follows the terminal's size. `runHostScreen` mounts it on the alternate screen until the
 * instructor quits or the process is asked to stop.
 */
import { useEffect, useState } from 'react';
import { render, useStdout } from 'ink';
import type { BroadcastMessage } from '../classroom/broadcast.js';
import type { RoomTable } from '../classroom/table.js';
import { ClassroomHost } from './ClassroomHost.js';
import { colorEnabled, ColorContext } from './theme.js';

/** What the screen reads from a running host. */
export interface RoomFeed {
  table(): RoomTable;
  lastBroadcast(): BroadcastMessage | undefined;
  broadcast(text: string): BroadcastMessage;
  /** Counts up whenever events are stored (the host's onChange). */
  version(): number;
}

/** Calls `fn` every `ms` until the returned function is called. */
export type Every = (ms: number, fn: () => void) => () => void;

const realEvery: Every = (ms, fn) => {
  const timer = setInterval(fn, ms);
  return () => clearInterval(timer);
};

/** Redraw checks per second; a quiet room still redraws once a second. */
const TICK_MS = 100;
const TICKS_PER_REDRAW = 10;

/** Props: the feed, the room, how learners join, colour, and the clock's ticker (tests pass their own). */
export interface LiveClassroomHostProps {
  readonly feed: RoomFeed;
  readonly code: string;
  readonly join: string;
  /** The projector page's URL (`--web`). */
  readonly page?: string;
  readonly color: boolean;
  readonly onQuit: () => void;
  readonly every?: Every;
  /** A fixed size instead of the terminal's (tests). */
  readonly size?: { readonly columns: number; readonly rows: number };
}

function useTerminalSize(fixed: LiveClassroomHostProps['size']): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}

/** The screen over a live feed. */
export function LiveClassroomHost(props: LiveClassroomHostProps) {
  const { feed } = props;
  const every = props.every ?? realEvery;
  const { columns, rows } = useTerminalSize(props.size);
  const [room, setRoom] = useState(() => ({ table: feed.table(), last: feed.lastBroadcast() }));
  useEffect(() => {
    let seen = feed.version();
    let ticks = 0;
    return every(TICK_MS, () => {
      ticks++;
      const version = feed.version();
      if (version === seen && ticks < TICKS_PER_REDRAW) return;
      seen = version;
      ticks = 0;
      setRoom({ table: feed.table(), last: feed.lastBroadcast() });
    });
  }, [feed, every]);
  const broadcast = (text: string): BroadcastMessage => {
    const message = feed.broadcast(text);
    setRoom((r) => ({ ...r, last: message }));
    return message;
  };
  return (
    <ColorContext.Provider value={props.color}>
      <ClassroomHost table={room.table} code={props.code} join={props.join} {...(props.page !== undefined ? { page: props.page } : {})} {...(room.last ? { last: room.last } : {})} columns={columns} rows={rows} broadcast={broadcast} onQuit={props.onQuit} />
    </ColorContext.Provider>
  );
}

/** Shows the screen on the alternate screen until q/Ctrl+C or `stopped` (SIGINT, SIGTERM), then gives the terminal back. */
export async function runHostScreen(opts: { feed: RoomFeed; code: string; join: string; page?: string; env: NodeJS.ProcessEnv; stopped: Promise<void> }): Promise<void> {
  let quit: () => void = () => undefined;
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  process.stdout.write('\u001b[?1049h\u001b[H');
  const ink = render(<LiveClassroomHost feed={opts.feed} code={opts.code} join={opts.join} {...(opts.page !== undefined ? { page: opts.page } : {})} color={colorEnabled(opts.env)} onQuit={() => quit()} />, { exitOnCtrlC: false });
  try {
    await Promise.race([quitting, opts.stopped, ink.waitUntilExit()]);
  } finally {
    ink.unmount();
    await ink.waitUntilExit().catch(() => undefined);
    process.stdout.write('\u001b[?1049l');
  }
}
