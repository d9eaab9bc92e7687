/**
 * Which screen the learner is on and what the keys mean there: list → opening → lesson
 * (browse / command line / confirm reset, which reopens it), help over either, quit. Side effects (starting a
 * lesson's cluster, running kubectl) are named actions and an invoked actor that the app
 * provides, so `transition()` tests run the machine without any IO.
 */
import { assign, fromPromise, setup } from 'xstate';
import { backspace, EMPTY_INPUT, historyNext, historyPrev, submit, typeText, type CommandInput } from './command-input.js';

/** Output lines kept for the command pane; older lines scroll away for good. */
export const OUTPUT_LIMIT = 2000;

/** What the app machine remembers. */
export interface AppContext {
  readonly lessonIds: readonly string[];
  readonly cursor: number;
  readonly lessonId?: string;
  /** Why the last lesson could not open (shown on the list). */
  readonly error?: string;
  readonly returnTo: 'list' | 'lesson' | 'practice';
  /** Whether the course has a practice exam (the list's last row). */
  readonly practiceAvailable: boolean;
  /** A practice exam asked for (from the command line or the list). */
  readonly practice?: PracticeRequest;
  /** The task shown during a practice exam, and how many there are. */
  readonly taskIndex: number;
  readonly taskCount: number;
  readonly proseScroll: number;
  readonly mapScroll: number;
  /** Lines scrolled up from the bottom of the command output. */
  readonly outputScroll: number;
  readonly input: CommandInput;
  readonly output: readonly string[];
  readonly running: boolean;
  /** The classroom joined (its code), from `--join` or the join screen. */
  readonly classroom?: string;
  /** A one-line note for the list (joined a classroom, or already in one). */
  readonly notice?: string;
}

/** What the keys, the command runner and the lesson loader tell the machine. */
export type AppEvent =
  | { type: 'UP' }
  | { type: 'DOWN' }
  | { type: 'OPEN' }
  | { type: 'OPEN_ID'; id: string }
  | { type: 'JOIN' }
  | { type: 'JOIN_CANCEL' }
  | { type: 'JOINED'; code: string; sentence: string }
  | { type: 'NEXT_LESSON' }
  | { type: 'BACK' }
  | { type: 'HELP' }
  | { type: 'CLOSE' }
  | { type: 'COMMAND' }
  | { type: 'LEAVE_COMMAND' }
  | { type: 'TYPE'; text: string }
  | { type: 'BACKSPACE' }
  | { type: 'HISTORY_PREV' }
  | { type: 'HISTORY_NEXT' }
  | { type: 'RUN' }
  | { type: 'OUTPUT'; lines: readonly string[] }
  | { type: 'COMMAND_DONE' }
  | { type: 'SCROLL'; pane: 'prose' | 'map' | 'output'; delta: number }
  | { type: 'RESET_REQUEST' }
  | { type: 'CONFIRM' }
  | { type: 'CANCEL' }
  | { type: 'TASK'; delta: number }
  | { type: 'FINISH_REQUEST' }
  | { type: 'TIME_UP' }
  | { type: 'QUIT' };

/** How long, and which draw, a practice exam is. */
export interface PracticeRequest {
  readonly minutes: number;
  readonly seed?: number;
}

/** Input of the app: the course's lesson ids and an optional lesson to open at once. */
export interface AppInput {
  readonly lessonIds: readonly string[];
  readonly openId?: string;
  /** Index the list cursor starts on (the next lesson to do). */
  readonly cursor?: number;
  readonly practiceAvailable?: boolean;
  /** Open a practice exam at once. */
  readonly practice?: PracticeRequest;
  /** The classroom already joined (`--join`). */
  readonly classroom?: string;
}

/** The exam length offered from the list. */
export const LIST_PRACTICE_MINUTES = 30;

const clampIndex = (i: number, n: number): number => Math.max(0, Math.min(i, n - 1));

/** What the list shows when opening failed. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The list's rows: the lessons, then the practice exam when the course has one. */
function rows(lessonIds: readonly string[], practiceAvailable: boolean): number {
  return lessonIds.length + (practiceAvailable ? 1 : 0);
}


const appSetup = setup({
  types: { context: {} as AppContext, events: {} as AppEvent, input: {} as AppInput },
  actors: {
    openLesson: fromPromise<void, { id: string }>(async () => undefined),
    /** Resolves to the number of tasks drawn. */
    openPractice: fromPromise<number, PracticeRequest>(async () => 0),
    /** Loads the join screen's classroom logic (kept off the first frame's path). */
    loadJoin: fromPromise<void>(async () => undefined),
  },
  actions: {
    startCommand: (_, _params: { line: string }) => undefined,
    stopCommand: () => undefined,
    closeLesson: () => undefined,
    finishPractice: () => undefined,
    quitApp: () => undefined,
  },
  guards: {
    hasLessons: ({ context }) => context.lessonIds.length > 0,
    hasNext: ({ context }) => nextId(context) !== undefined,
    hasLine: ({ context }) => context.input.text.trim() !== '',
    running: ({ context }) => context.running,
    fromLesson: ({ context }) => context.returnTo === 'lesson',
    openRequested: ({ context }) => context.lessonId !== undefined,
    practiceRequested: ({ context }) => context.practice !== undefined,
    onPracticeRow: ({ context }) => context.practiceAvailable && context.cursor === context.lessonIds.length,
    fromPractice: ({ context }) => context.returnTo === 'practice',
    inClassroom: ({ context }) => context.classroom !== undefined,
  },
});

/** The command line, the same in a lesson and in a practice exam. */
const commandState = appSetup.createStateConfig({
  on: {
    TYPE: { actions: assign(({ context, event }) => ({ input: typeText(context.input, event.text) })) },
    BACKSPACE: { actions: assign(({ context }) => ({ input: backspace(context.input) })) },
    HISTORY_PREV: { actions: assign(({ context }) => ({ input: historyPrev(context.input) })) },
    HISTORY_NEXT: { actions: assign(({ context }) => ({ input: historyNext(context.input) })) },
    RUN: {
      guard: 'hasLine',
      actions: [
        'stopCommand',
        { type: 'startCommand', params: ({ context }) => ({ line: context.input.text.trim() }) },
        assign(({ context }) => ({ input: submit(context.input), running: true, outputScroll: 0, output: [...context.output, `$ ${context.input.text.trim()}`].slice(-OUTPUT_LIMIT) })),
      ],
    },
    LEAVE_COMMAND: [{ guard: 'running', actions: ['stopCommand', assign({ running: false })] }, { target: 'browse' }],
  },
});

/** The machine; `provide()` real actions and the `openLesson` actor in the app. */
export const appMachine = appSetup.createMachine({
  id: 'app',
  context: ({ input }) => ({
    lessonIds: input.lessonIds,
    cursor: clampIndex(input.cursor ?? 0, rows(input.lessonIds, input.practiceAvailable ?? false)),
    practiceAvailable: input.practiceAvailable ?? false,
    ...(input.practice !== undefined ? { practice: input.practice } : {}),
    taskIndex: 0,
    taskCount: 0,
    ...(input.openId !== undefined ? { lessonId: input.openId } : {}),
    ...(input.classroom !== undefined ? { classroom: input.classroom } : {}),
    returnTo: 'list',
    proseScroll: 0,
    mapScroll: 0,
    outputScroll: 0,
    input: EMPTY_INPUT,
    output: [],
    running: false,
  }),
  initial: 'start',
  on: {
    QUIT: { target: '.quit' },
    OUTPUT: { actions: assign(({ context, event }) => ({ output: [...context.output, ...event.lines].slice(-OUTPUT_LIMIT) })) },
    COMMAND_DONE: { actions: assign({ running: false }) },
  },
  states: {
    start: { always: [{ guard: 'practiceRequested', target: 'openingPractice' }, { guard: 'openRequested', target: 'opening' }, { target: 'list' }] },
    list: {
      entry: assign({ returnTo: 'list' as const }),
      on: {
        UP: { actions: assign(({ context }) => ({ cursor: clampIndex(context.cursor - 1, rows(context.lessonIds, context.practiceAvailable)) })) },
        DOWN: { actions: assign(({ context }) => ({ cursor: clampIndex(context.cursor + 1, rows(context.lessonIds, context.practiceAvailable)) })) },
        OPEN: [
          { guard: 'onPracticeRow', target: 'openingPractice', actions: assign({ practice: { minutes: LIST_PRACTICE_MINUTES } }) },
          { guard: 'hasLessons', target: 'opening', actions: assign(({ context }) => ({ lessonId: context.lessonIds[context.cursor] })) },
        ],
        OPEN_ID: { target: 'opening', actions: assign(({ event }) => ({ lessonId: event.id })) },
        JOIN: [{ guard: 'inClassroom', actions: assign(({ context }) => ({ notice: `You are already in classroom ${context.classroom ?? ''}.` })) }, { target: 'joining' }],
        HELP: 'help',
      },
    },
    // The join screen: loading its logic, then the address and name; Esc comes back with nothing sent.
    joining: {
      entry: assign({ error: undefined, notice: undefined }),
      initial: 'loading',
      on: {
        JOIN_CANCEL: 'list',
        JOINED: { target: 'list', actions: assign(({ event }) => ({ classroom: event.code, notice: event.sentence })) },
      },
      states: {
        loading: { invoke: { src: 'loadJoin', onDone: 'form', onError: { target: '#app.list', actions: assign(({ event }) => ({ notice: `The join screen could not load: ${errorText(event.error)}` })) } } },
        form: {},
      },
    },
    opening: {
      entry: assign(({ context }) => ({ error: undefined, notice: undefined, proseScroll: 0, mapScroll: 0, cursor: Math.max(0, context.lessonIds.indexOf(context.lessonId ?? '')) })),
      invoke: {
        src: 'openLesson',
        input: ({ context }) => ({ id: context.lessonId ?? '' }),
        onDone: 'lesson',
        onError: { target: 'list', actions: assign(({ event }) => ({ error: errorText(event.error), lessonId: undefined })) },
      },
    },
    lesson: {
      entry: assign({ returnTo: 'lesson' as const }),
      initial: 'browse',
      on: {
        SCROLL: { actions: assign(({ context, event }) => scrolled(context, event.pane, event.delta)) },
      },
      states: {
        hist: { type: 'history' },
        browse: {
          on: {
            COMMAND: 'command',
            HELP: '#app.help',
            BACK: { target: '#app.list', actions: ['stopCommand', 'closeLesson', assign({ lessonId: undefined })] },
            NEXT_LESSON: { guard: 'hasNext', target: '#app.opening', actions: ['stopCommand', 'closeLesson', assign(({ context }) => ({ lessonId: nextId(context) }))] },
            RESET_REQUEST: 'confirmReset',
          },
        },
        command: commandState,
        confirmReset: {
          on: {
            // A reset reopens the lesson: a fresh cluster from its scenario, same kubeconfig path.
            CONFIRM: { target: '#app.opening', actions: ['stopCommand', 'closeLesson', assign({ output: [], running: false })] },
            CANCEL: 'browse',
          },
        },
      },
    },
    openingPractice: {
      entry: assign({ error: undefined, notice: undefined, proseScroll: 0, mapScroll: 0, taskIndex: 0, output: [], running: false }),
      invoke: {
        src: 'openPractice',
        input: ({ context }) => context.practice ?? { minutes: LIST_PRACTICE_MINUTES },
        onDone: { target: 'practice', actions: assign(({ event }) => ({ taskCount: event.output })) },
        onError: { target: 'list', actions: assign(({ event }) => ({ error: errorText(event.error), practice: undefined })) },
      },
    },
    practice: {
      entry: assign({ returnTo: 'practice' as const }),
      initial: 'browse',
      on: {
        SCROLL: { actions: assign(({ context, event }) => scrolled(context, event.pane, event.delta)) },
        TIME_UP: { target: 'report', actions: 'stopCommand' },
      },
      states: {
        hist: { type: 'history' },
        browse: {
          on: {
            COMMAND: 'command',
            HELP: '#app.help',
            // ←/→ wrap around the exam's tasks.
            TASK: { actions: assign(({ context, event }) => ({ taskIndex: context.taskCount ? (context.taskIndex + event.delta + context.taskCount) % context.taskCount : 0, proseScroll: 0 })) },
            FINISH_REQUEST: 'confirmFinish',
          },
        },
        command: commandState,
        confirmFinish: {
          on: {
            CONFIRM: { target: '#app.report', actions: ['stopCommand', 'finishPractice'] },
            CANCEL: 'browse',
          },
        },
      },
    },
    report: {
      entry: assign({ returnTo: 'list' as const, proseScroll: 0 }),
      on: {
        BACK: { target: 'list', actions: ['closeLesson', assign({ practice: undefined })] },
        SCROLL: { actions: assign(({ context, event }) => scrolled(context, event.pane, event.delta)) },
      },
    },
    help: {
      on: {
        CLOSE: [{ guard: 'fromLesson', target: 'lesson.hist' }, { guard: 'fromPractice', target: 'practice.hist' }, { target: 'list' }],
      },
    },
    quit: { type: 'final', entry: ['stopCommand', 'quitApp'] },
  },
});

function nextId(context: AppContext): string | undefined {
  const i = context.lessonIds.indexOf(context.lessonId ?? '');
  return i >= 0 ? context.lessonIds[i + 1] : undefined;
}

function scrolled(context: AppContext, pane: 'prose' | 'map' | 'output', delta: number): Partial<AppContext> {
  switch (pane) {
    case 'prose':
      return { proseScroll: Math.max(0, context.proseScroll + delta) };
    case 'map':
      return { mapScroll: Math.max(0, context.mapScroll + delta) };
    case 'output':
      return { outputScroll: Math.max(0, Math.min(context.outputScroll + delta, context.output.length)) };
  }
}

/** The machine's type, for actor refs in the app. */
export type AppMachine = typeof appMachine;
