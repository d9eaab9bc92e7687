/** The course at a glance: each lesson with its time and progress; the next one to do is marked. */
import { Box, Text } from 'ink';
import { keysFor } from './keys.js';
import { useTone } from './theme.js';

/** One lesson as the list shows it. */
export interface LessonListItem {
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  readonly state: 'done' | 'started' | 'new';
  /** e.g. `2/3 steps` or `done 2026-01-04`. */
  readonly progress: string;
}

/** The practice exam's row below the lessons. */
export interface PracticeRow {
  readonly minutes: number;
  readonly tasks: number;
  /** e.g. `last 13/17 (76%)`. */
  readonly last?: string;
}

/** Props: the lessons, where the cursor is, which lesson comes next, and a load error if any. */
export interface LessonListProps {
  readonly items: readonly LessonListItem[];
  readonly cursor: number;
  readonly nextIndex?: number;
  readonly error?: string;
  readonly warning?: string;
  readonly practice?: PracticeRow;
  /** The real cluster the lessons run on (absent: the simulator). */
  readonly cluster?: string;
  /** The classroom joined (its code), to say what is shared with it. */
  readonly classroom?: string;
  /** The instructor's message on show (the lesson screen has it in its status bar). */
  readonly broadcast?: string;
  /** A one-line note (joined a classroom, or already in one). */
  readonly notice?: string;
}

const PRACTICE_LABEL = 'Practice exam: timed CKA-style tasks, no hints';

const MARK: Record<LessonListItem['state'], string> = { done: '✔', started: '›', new: '·' };

/** The list screen. */
export function LessonList(props: LessonListProps) {
  const tone = useTone();
  // Titles share one column, as wide as the longest (the practice row's label included).
  const titleWidth = Math.min(64, Math.max(40, PRACTICE_LABEL.length - 4, ...props.items.map((i) => i.title.length)));
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold color={tone('accent')}>
        learn-daemonsets — Kubernetes DaemonSets, by doing
      </Text>
      <Text color={tone('muted')} wrap="truncate-end">
        ↑/↓ or j/k choose · Enter opens{props.classroom === undefined ? ` · ${keysFor('list', 'join')} joins a classroom` : ''} · ? keys · q quits
      </Text>
      {props.cluster !== undefined ? (
        <Text color={tone('progress')} wrap="truncate-end">
          Real cluster: {props.cluster} · the practice exam runs only in the simulator
        </Text>
      ) : null}
      {props.classroom !== undefined ? (
        <Text color={tone('accent')} wrap="wrap">
          Classroom {props.classroom}: your name and lesson progress (steps passed, hints, completion, idle) are shared with the instructor — nothing else.
        </Text>
      ) : null}
      {props.notice !== undefined ? (
        <Text color={tone('progress')} wrap="wrap">
          {props.notice}
        </Text>
      ) : null}
      {props.broadcast !== undefined ? (
        <Text color={tone('accent')} bold wrap="truncate-end">
          📣 {props.broadcast}
        </Text>
      ) : null}
      <Text> </Text>
      {props.items.length === 0 ? <Text>No lessons found.</Text> : null}
      {props.items.map((item, i) => {
        const selected = i === props.cursor;
        const next = i === props.nextIndex;
        return (
          <Text key={item.id} wrap="truncate-end" inverse={selected} color={item.state === 'done' ? tone('ok') : undefined}>
            {selected ? '❯ ' : '  '}
            {MARK[item.state]} {String(i + 1).padStart(2)}. {item.title.padEnd(titleWidth)} {String(item.minutes).padStart(3)} min  {item.progress}
            {next ? '  ← next' : ''}
          </Text>
        );
      })}
      {props.practice !== undefined ? (
        <Text wrap="truncate-end" inverse={props.cursor === props.items.length}>
          {props.cursor === props.items.length ? '❯ ' : '  '}⏱ {PRACTICE_LABEL.padEnd(titleWidth + 4)} {String(props.practice.minutes).padStart(3)} min  {props.practice.last ?? `${props.practice.tasks} tasks in the pool`}
        </Text>
      ) : null}
      {props.error !== undefined ? (
        <Box marginTop={1} flexDirection="column">
          <Text color={tone('error')}>{props.cursor === props.items.length && props.practice ? 'The practice exam could not be opened:' : 'That lesson could not be opened:'}</Text>
          <Text>{props.error}</Text>
        </Box>
      ) : null}
      {props.warning !== undefined ? <Text color={tone('progress')}>{props.warning}</Text> : null}
    </Box>
  );
}
