/**
 * The root component: reads the app machine and the open session, picks the screen, and sends
 * every key through the dispatcher. It owns no state of its own beyond the terminal size.
 */
import { useSelector } from '@xstate/react';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useInput, useStdout } from 'ink';
import type { Actor } from 'xstate';
import { HelpScreen } from '../ui/HelpScreen.js';
import { LessonList, type LessonListItem } from '../ui/LessonList.js';
import { LessonScreen } from '../ui/LessonScreen.js';
import { Loading } from '../ui/Loading.js';
import { ColorContext } from '../ui/theme.js';
import { bigEnough, TooSmall } from '../ui/TooSmall.js';
import type { AppMachine } from './app-machine.js';
import { dispatchKey } from './dispatch.js';
import { lessonScreenProps } from './lesson-view.js';
import type { Open, SessionHolder } from './session-holder.js';

/** The lesson list's data. */
export interface CourseList {
  readonly items: readonly LessonListItem[];
  readonly next?: number;
  readonly warning?: string;
}

/** What the root needs; everything stateful lives outside React. */
export interface AppProps {
  readonly app: Actor<AppMachine>;
  readonly holder: SessionHolder;
  /** The list's rows, refreshed by the app whenever a lesson closes (progress changed). */
  readonly course: () => CourseList;
  readonly color: boolean;
}

/** The terminal's size, following resizes (a genuine external effect). */
function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

function OpenLesson(props: { open: Open; app: Actor<AppMachine>; holder: SessionHolder; color: boolean; columns: number; rows: number }) {
  const { session, renderMarkdown } = props.open;
  const lessonState = useSelector(session.actor, (s) => s);
  const appState = useSelector(props.app, (s) => s);
  const view = useSyncExternalStore(session.subscribe, session.view);
  const ids = appState.context.lessonIds;
  const screen = lessonScreenProps({
    lesson: session.lesson,
    context: lessonState.context,
    complete: lessonState.status === 'done',
    app: appState.context,
    commandFocused: appState.matches({ lesson: 'command' }),
    confirmingReset: appState.matches({ lesson: 'confirmReset' }),
    map: view.map,
    paused: view.paused,
    now: view.now,
    kubeconfig: session.paths.kubeconfig,
    elapsedMs: session.progress.elapsedMs(),
    idle: view.idle,
    hasNext: ids.indexOf(session.lesson.id) + 1 < ids.length,
    ...(view.notice !== undefined || session.progress.error !== undefined ? { message: view.notice ?? session.progress.error } : {}),
    width: props.columns,
    height: props.rows,
    renderMarkdown: (md, width) => renderMarkdown(md, width, props.color),
  });
  return <LessonScreen {...screen} />;
}

/** Picks the screen for the app state. */
export function App(props: AppProps) {
  const state = useSelector(props.app, (s) => s);
  const open = useSyncExternalStore(props.holder.subscribe, props.holder.get);
  const { columns, rows } = useTerminalSize();
  useInput((input, key) => dispatchKey(props.app, props.holder, input, key));
  let body;
  if (!bigEnough(columns, rows)) body = <TooSmall columns={columns} rows={rows} />;
  else if (state.matches('help')) body = <HelpScreen width={columns} />;
  else if (state.matches('lesson') && open) body = <OpenLesson open={open} app={props.app} holder={props.holder} color={props.color} columns={columns} rows={rows - 1} />;
  else if (state.matches('opening')) body = <Loading what={state.context.lessonId ?? 'the lesson'} />;
  else {
    const course = props.course();
    body = (
      <LessonList
        items={course.items}
        cursor={state.context.cursor}
        {...(course.next !== undefined ? { nextIndex: course.next } : {})}
        {...(state.context.error !== undefined ? { error: state.context.error } : {})}
        {...(course.warning !== undefined ? { warning: course.warning } : {})}
      />
    );
  }
  return <ColorContext.Provider value={props.color}>{body}</ColorContext.Provider>;
}
