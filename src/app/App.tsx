/**
 * The root component: reads the app machine and the open session, picks the screen, and sends
 * every key through the dispatcher. It owns no state of its own beyond the terminal size.
 */
import { useSelector } from '@xstate/react';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useInput, useStdout } from 'ink';
import type { Actor } from 'xstate';
import { HelpScreen } from '../ui/HelpScreen.js';
import { JoinScreen, type JoinPorts } from '../ui/JoinScreen.js';
import { LessonList, type LessonListItem, type PracticeRow } from '../ui/LessonList.js';
import { LessonScreen } from '../ui/LessonScreen.js';
import { Loading } from '../ui/Loading.js';
import { ReportScreen } from '../ui/ReportScreen.js';
import { ColorContext } from '../ui/theme.js';
import { bigEnough, TooSmall } from '../ui/TooSmall.js';
import type { AppMachine } from './app-machine.js';
import type { BroadcastFeed } from './classroom-broadcasts.js';
import { dispatchKey } from './dispatch.js';
import type { LessonSession } from './lesson-session.js';
import { lessonScreenProps } from './lesson-view.js';
import type { PracticeSession } from './practice-session.js';
import { practiceScreenProps } from './practice-view.js';
import { formatDuration } from './progress-recorder.js';
import type { Open, SessionHolder } from './session-holder.js';

/** The lesson list's data. */
export interface CourseList {
  readonly items: readonly LessonListItem[];
  readonly next?: number;
  readonly warning?: string;
  /** The practice row (when the course has a pool): its length and the last result. */
  readonly practice?: PracticeRow;
  /** The real cluster lessons run on, as the list names it. */
  readonly cluster?: string;
}

/** What the root needs; everything stateful lives outside React. */
export interface AppProps {
  readonly app: Actor<AppMachine>;
  readonly holder: SessionHolder;
  /** The list's rows, refreshed by the app whenever a lesson closes (progress changed). */
  readonly course: () => CourseList;
  readonly color: boolean;
  /** A joined classroom's instructor messages (the one on show, if any). */
  readonly broadcast?: BroadcastFeed;
  /** The join screen's classroom logic, once the join key has loaded it. */
  readonly join?: () => JoinPorts | undefined;
}

/** No classroom: never a message. */
const NO_BROADCAST: BroadcastFeed = { subscribe: () => () => undefined, get: () => undefined };

/** The status bar's props with the instructor's message on show, if there is one. */
function withBroadcast<T extends object>(status: T, broadcast: string | undefined): T & { broadcast?: string } {
  return broadcast === undefined ? status : { ...status, broadcast };
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

function OpenLesson(props: { open: Open; session: LessonSession; app: Actor<AppMachine>; color: boolean; columns: number; rows: number; broadcast?: string }) {
  const { session } = props;
  const { renderMarkdown } = props.open;
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
    target: session.target,
    timeControls: session.capabilities.timeControls,
    elapsedMs: session.progress.elapsedMs(),
    idle: view.idle,
    hasNext: ids.indexOf(session.lesson.id) + 1 < ids.length,
    ...(view.notice !== undefined || session.progress.error !== undefined ? { message: view.notice ?? session.progress.error } : {}),
    width: props.columns,
    height: props.rows,
    renderMarkdown: (md, width) => renderMarkdown(md, width, props.color),
  });
  return <LessonScreen {...screen} status={withBroadcast(screen.status, props.broadcast)} />;
}

function OpenPractice(props: { open: Open; session: PracticeSession; app: Actor<AppMachine>; color: boolean; columns: number; rows: number; broadcast?: string }) {
  const { session } = props;
  const appState = useSelector(props.app, (s) => s);
  const view = useSyncExternalStore(session.subscribe, session.view);
  const screen = practiceScreenProps({
    tasks: session.tasks,
    app: appState.context,
    commandFocused: appState.matches({ practice: 'command' }),
    confirmingFinish: appState.matches({ practice: 'confirmFinish' }),
    map: view.map,
    remainingMs: session.remainingMs(),
    kubeconfig: session.target.kubeconfig,
    ...(view.notice !== undefined ? { message: view.notice } : {}),
    width: props.columns,
    height: props.rows,
    renderMarkdown: (md, width) => props.open.renderMarkdown(md, width, props.color),
  });
  return <LessonScreen {...screen} status={withBroadcast(screen.status, props.broadcast)} />;
}

function Report(props: { session: PracticeSession; scroll: number; columns: number; rows: number }) {
  const report = props.session.report() ?? props.session.finish();
  const { score } = report;
  return (
    <ReportScreen
      tasks={score.tasks}
      earned={score.earned}
      points={score.points}
      percent={score.percent}
      time={formatDuration(report.elapsedMs)}
      timeUp={report.timeUp}
      repeat={`learn-daemonsets practice --minutes ${report.minutes} --seed ${report.seed}`}
      {...(report.warning !== undefined ? { warning: report.warning } : {})}
      scroll={props.scroll}
      width={props.columns}
      height={props.rows}
    />
  );
}

/** Picks the screen for the app state. */
export function App(props: AppProps) {
  const state = useSelector(props.app, (s) => s);
  const open = useSyncExternalStore(props.holder.subscribe, props.holder.get);
  const feed = props.broadcast ?? NO_BROADCAST;
  const broadcast = useSyncExternalStore(feed.subscribe, feed.get);
  const { columns, rows } = useTerminalSize();
  useInput((input, key) => dispatchKey(props.app, props.holder, input, key));
  const joinPorts = state.matches({ joining: 'form' }) ? props.join?.() : undefined;
  let body;
  if (!bigEnough(columns, rows)) body = <TooSmall columns={columns} rows={rows} />;
  else if (state.matches('help')) body = <HelpScreen width={columns} realCluster={props.course().cluster !== undefined} />;
  else if (state.matches('lesson') && open?.session.kind === 'lesson') body = <OpenLesson open={open} session={open.session} app={props.app} color={props.color} columns={columns} rows={rows - 1} {...(broadcast !== undefined ? { broadcast } : {})} />;
  else if (state.matches('practice') && open?.session.kind === 'practice') body = <OpenPractice open={open} session={open.session} app={props.app} color={props.color} columns={columns} rows={rows - 1} {...(broadcast !== undefined ? { broadcast } : {})} />;
  else if (state.matches('report') && open?.session.kind === 'practice') body = <Report session={open.session} scroll={state.context.proseScroll} columns={columns} rows={rows - 1} />;
  else if (state.matches('opening')) body = <Loading what={state.context.lessonId ?? 'the lesson'} />;
  else if (state.matches('openingPractice')) body = <Loading what="the practice exam" />;
  else if (joinPorts) body = <JoinScreen {...joinPorts} onCancel={() => props.app.send({ type: 'JOIN_CANCEL' })} onJoined={(joined) => props.app.send({ type: 'JOINED', ...joined })} />;
  else {
    const course = props.course();
    body = (
      <LessonList
        items={course.items}
        cursor={state.context.cursor}
        {...(course.next !== undefined ? { nextIndex: course.next } : {})}
        {...(state.context.error !== undefined ? { error: state.context.error } : {})}
        {...(course.warning !== undefined ? { warning: course.warning } : {})}
        {...(course.practice !== undefined ? { practice: course.practice } : {})}
        {...(course.cluster !== undefined ? { cluster: course.cluster } : {})}
        {...(state.context.classroom !== undefined ? { classroom: state.context.classroom } : {})}
        {...(state.context.notice !== undefined ? { notice: state.context.notice } : {})}
        {...(broadcast !== undefined ? { broadcast } : {})}
      />
    );
  }
  return <ColorContext.Provider value={props.color}>{body}</ColorContext.Provider>;
}
