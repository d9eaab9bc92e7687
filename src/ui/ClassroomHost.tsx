/**
 * The instructor's screen: the join command on a line of its own, the last broadcast, the room
 * table (learners × lessons, coloured marks, current step, time on it, hints), the room summary
 * and a key bar. ↑/↓ PgUp/PgDn scroll the learners, b opens the message line, q stops the host.
 */
import { useMemo, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { MAX_BROADCAST_CHARS, type BroadcastMessage } from '../classroom/broadcast.js';
import { tableView, type RowView, type TableView } from '../classroom/render.js';
import type { LessonCell, RoomTable } from '../classroom/table.js';
import { clampOffset, fit, hostColumns, hostKey, keyBar, visibleLearners, whereText, type HostColumns, type HostScreenState } from './host-screen.js';
import { useTone, type Tone } from './theme.js';
import { bigEnough, TooSmall } from './TooSmall.js';

/** Props: the room as it is now, how learners join, the terminal size and the two actions. */
export interface ClassroomHostProps {
  readonly table: RoomTable;
  readonly code: string;
  /** The whole `npx learn-daemonsets --join …` command. */
  readonly join: string;
  /** The projector page's URL (`--web`), shown beside "Learners join with". */
  readonly page?: string;
  /** The newest broadcast the host has (also from before a restart). */
  readonly last?: BroadcastMessage;
  readonly columns: number;
  readonly rows: number;
  /** Sends a message to every learner; throws an Error whose message is one sentence. */
  readonly broadcast: (text: string) => BroadcastMessage;
  readonly onQuit: () => void;
}

const MARK_TONE: Record<LessonCell['mark'], Tone | undefined> = { done: 'ok', current: 'accent', stuck: 'error', started: 'progress', none: 'muted' };

/** `10:12`, the instructor's local time. */
function clock(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

function Head(props: { view: TableView; cols: HostColumns }) {
  const { view, cols } = props;
  const lessons = view.lessons.map((l, i) => fit(cols.compact ? String(i + 1) : l.label, cols.cell)).join('');
  return (
    <Text bold wrap="truncate-end">
      {fit('Learner', cols.name)}
      {lessons}
      {fit('Current step', cols.where)}
      {fit('On step', cols.onStep)}
      Hints
    </Text>
  );
}

function Row(props: { row: RowView; cols: HostColumns; lessons: TableView['lessons'] }) {
  const tone = useTone();
  const { row, cols } = props;
  return (
    <Text wrap="truncate-end">
      <Text color={row.stuck ? tone('error') : undefined}>{fit(row.name, cols.name)}</Text>
      {row.cells.map((c, i) => {
        const t = MARK_TONE[c.mark];
        return (
          <Text key={i} color={t ? tone(t) : undefined}>
            {fit(cols.compact ? ([...c.text][0] ?? '') : c.text, cols.cell)}
          </Text>
        );
      })}
      {fit(whereText(row.where, props.lessons, cols.where), cols.where)}
      {fit(row.onStep, cols.onStep)}
      {row.hints}
      {row.stuck ? <Text color={tone('error')}> STUCK</Text> : null}
    </Text>
  );
}

function Bottom(props: { typing: string | undefined; notice: { text: string; tone: Tone } | undefined; columns: number }) {
  const tone = useTone();
  const bar = keyBar(props.typing !== undefined);
  const notice = <Text color={props.notice ? tone(props.notice.tone) : undefined} wrap="truncate-end">{props.notice?.text ?? ' '}</Text>;
  if (props.typing === undefined) {
    return (
      <>
        {notice}
        <Text color={tone('muted')} wrap="truncate-end">
          {bar}
        </Text>
      </>
    );
  }
  const label = 'Message to every learner: ';
  const chars = [...props.typing];
  const count = `${props.typing.length}/${MAX_BROADCAST_CHARS}`;
  const tail = ` ${count} · ${bar}`;
  const room = Math.max(10, props.columns - label.length - tail.length - 1);
  const shown = chars.length > room ? `…${chars.slice(chars.length - room + 1).join('')}` : props.typing;
  return (
    <>
      {notice}
      <Text wrap="truncate-end">
        <Text bold color={tone('accent')}>
          {label}
        </Text>
        {shown}
        <Text inverse> </Text>
        <Text color={props.typing.length > MAX_BROADCAST_CHARS ? tone('error') : tone('muted')}> {count}</Text>
        <Text color={tone('muted')}> · {bar}</Text>
      </Text>
    </>
  );
}

/** The screen; a pure function of its props plus the scroll position and the message line. */
export function ClassroomHost(props: ClassroomHostProps) {
  const tone = useTone();
  const [screen, setScreenState] = useState<HostScreenState>({ offset: 0, typing: undefined });
  // Keys can arrive faster than React renders (a paste, a fast typist): each reads the latest state.
  const current = useRef(screen);
  const setScreen = (next: HostScreenState): void => {
    current.current = next;
    setScreenState(next);
  };
  const [notice, setNotice] = useState<{ text: string; tone: Tone } | undefined>();
  const [sent, setSent] = useState<BroadcastMessage | undefined>();
  const view = useMemo(() => tableView(props.table), [props.table]);
  const total = view.rows.length;
  const visible = visibleLearners(props.rows);

  useInput((input, key) => {
    const before = current.current;
    const { state, effect } = hostKey(before, input, key, total, visible);
    if (effect?.kind === 'quit') return props.onQuit();
    if (effect?.kind === 'cancelled') setNotice(undefined);
    if (effect?.kind === 'send') {
      try {
        const message = props.broadcast(effect.text);
        setSent(message);
        setNotice({ text: `Message #${message.seq} sent to ${plural(total, 'learner')}.`, tone: 'ok' });
        return setScreen({ ...state, typing: undefined });
      } catch (err) {
        setNotice({ text: err instanceof Error ? err.message : String(err), tone: 'error' });
      }
    }
    if (state.typing === '' && before.typing === undefined) setNotice(undefined);
    setScreen(state);
  });

  if (!bigEnough(props.columns, props.rows)) return <TooSmall columns={props.columns} rows={props.rows} />;
  const cols = hostColumns(view, props.columns);
  const offset = clampOffset(screen.offset, total, visible);
  const last = sent && (!props.last || sent.seq >= props.last.seq) ? sent : props.last;
  const stuck = props.table.summary.mostStuck !== undefined;
  const finished = props.table.summary.finished.map((f, i) => `L${i + 1} ${f.count}`).join('  ');
  let scrollLine = ' ';
  if (total === 0) scrollLine = '(no learners yet: they join with the command above)';
  else if (total > visible) scrollLine = `learners ${offset + 1}–${Math.min(total, offset + visible)} of ${total} · ↑/↓ PgUp/PgDn`;
  return (
    <Box flexDirection="column">
      <Text bold color={tone('accent')} wrap="truncate-end">
        Classroom {props.code} · {plural(total, 'learner')} · restart with --room {props.code}
      </Text>
      <Text color={tone('muted')} wrap="truncate-end">
        Learners join with:{props.page !== undefined ? `   (projector page: ${props.page})` : ''}
      </Text>
      <Text>{props.join}</Text>
      {last ? (
        <Text wrap="truncate-end">
          <Text color={tone('muted')}>
            Last message #{last.seq} at {clock(last.at)}:{' '}
          </Text>
          {last.text}
        </Text>
      ) : (
        <Text color={tone('muted')} wrap="truncate-end">
          No message yet: b sends one to every learner&apos;s status bar.
        </Text>
      )}
      <Text> </Text>
      <Head view={view} cols={cols} />
      {view.rows.slice(offset, offset + visible).map((r, i) => (
        <Row key={offset + i} row={r} cols={cols} lessons={view.lessons} />
      ))}
      <Text color={tone('muted')} wrap="truncate-end">
        {scrollLine}
      </Text>
      <Text> </Text>
      <Text wrap="truncate-end">Finished: {finished || 'no lessons'}</Text>
      <Text color={stuck ? tone('error') : tone('ok')} wrap="truncate-end">
        {view.mostStuck}
      </Text>
      <Text wrap="truncate-end">
        Marks:
        {view.legend.map((l) => {
          const t = MARK_TONE[l.mark];
          return (
            <Text key={l.mark}>
              {'  '}
              <Text color={t ? tone(t) : undefined}>{l.symbol}</Text> {l.meaning}
            </Text>
          );
        })}
      </Text>
      <Bottom typing={screen.typing} notice={notice} columns={props.columns} />
    </Box>
  );
}
