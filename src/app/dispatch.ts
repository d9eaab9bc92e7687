/**
 * Turns a key press into machine events through the keybinding table: the app machine for
 * screens and the command line, the lesson actor for hints and answers, the session for time.
 */
import type { Key } from 'ink';
import type { Actor, SnapshotFrom } from 'xstate';
import { resolveKey, type KeyScope } from '../ui/keys.js';
import type { AppMachine } from './app-machine.js';
import type { SessionHolder } from './session-holder.js';

/** Which part of the keybinding table applies in this app state. */
export function scopeOf(state: SnapshotFrom<AppMachine>): KeyScope {
  if (state.matches('list')) return 'list';
  if (state.matches('help')) return 'help';
  // The join screen's fields read the keys themselves; only the global ones (Ctrl+C) apply.
  if (state.matches('joining')) return 'global';
  if (state.matches({ lesson: 'command' })) return 'command';
  if (state.matches({ lesson: 'confirmReset' })) return 'confirm';
  if (state.matches('lesson')) return 'lesson';
  if (state.matches({ practice: 'command' })) return 'command';
  if (state.matches({ practice: 'confirmFinish' })) return 'confirm';
  if (state.matches('practice')) return 'practice';
  if (state.matches('report')) return 'report';
  return 'global';
}

/** Rows a page key moves. */
export const PAGE = 8;

/**
 * Typed text; a fast typist, a paste or a busy event loop can deliver `text⏎` as one chunk,
 * so each line break inside it runs the line before it.
 */
function typeChunk(send: Actor<AppMachine>['send'], input: string): void {
  const lines = input.split(/\r\n?|\n/);
  lines.forEach((line, i) => {
    if (line) send({ type: 'TYPE', text: line });
    if (i < lines.length - 1) send({ type: 'RUN' });
  });
}

/** Handles one key press. */
export function dispatchKey(app: Actor<AppMachine>, holder: SessionHolder, input: string, key: Key): void {
  const state = app.getSnapshot();
  const scope = scopeOf(state);
  const binding = resolveKey(scope, input, key);
  const open = holder.get()?.session;
  const session = open?.kind === 'lesson' ? open : undefined;
  const lesson = session?.actor;
  const send = app.send.bind(app);
  if (!binding) {
    if (scope === 'command' && input && !key.ctrl && !key.meta) typeChunk(send, input);
    // A busy event loop can deliver `:k get ds` as one chunk: open the command line, then type.
    else if (input.length > 1 && input.startsWith(':') && !key.ctrl && !key.meta && resolveKey(scope, ':', {})?.action === 'command') {
      send({ type: 'COMMAND' });
      typeChunk(send, input.slice(1));
    }
    return;
  }
  switch (binding.action) {
    case 'quit':
      return send({ type: 'QUIT' });
    case 'help':
      return send({ type: 'HELP' });
    case 'close':
      return send({ type: 'CLOSE' });
    case 'up':
      return send({ type: 'UP' });
    case 'down':
      return send({ type: 'DOWN' });
    case 'open':
      return send({ type: 'OPEN' });
    case 'join':
      return send({ type: 'JOIN' });
    case 'back':
      return send({ type: 'BACK' });
    case 'command':
      return send({ type: 'COMMAND' });
    case 'hint':
      if (lesson?.getSnapshot().status === 'active') lesson.send({ type: 'hint.request' });
      return;
    case 'answer': {
      const ctx = lesson?.getSnapshot();
      const step = ctx && session ? session.lesson.steps[ctx.context.stepIndex] : undefined;
      const choice = step?.kind === 'question' ? step.choices[Number(input) - 1] : undefined;
      if (lesson && choice && ctx?.status === 'active') lesson.send({ type: 'answer.submitted', choice: choice.id });
      return;
    }
    case 'reset':
      return send({ type: 'RESET_REQUEST' });
    case 'next-lesson':
      if (lesson?.getSnapshot().status === 'done') send({ type: 'NEXT_LESSON' });
      return;
    case 'scroll-up':
      return send({ type: 'SCROLL', pane: 'prose', delta: -1 });
    case 'scroll-down':
      return send({ type: 'SCROLL', pane: 'prose', delta: 1 });
    case 'page-up':
      return send(scope === 'command' ? { type: 'SCROLL', pane: 'output', delta: PAGE } : { type: 'SCROLL', pane: 'prose', delta: -PAGE });
    case 'page-down':
      return send(scope === 'command' ? { type: 'SCROLL', pane: 'output', delta: -PAGE } : { type: 'SCROLL', pane: 'prose', delta: PAGE });
    case 'map-up':
      return send({ type: 'SCROLL', pane: 'map', delta: -1 });
    case 'map-down':
      return send({ type: 'SCROLL', pane: 'map', delta: 1 });
    case 'pause':
      return session?.togglePause();
    case 'step-time':
      return session?.stepTime();
    case 'rewind':
      return session?.rewind();
    case 'run':
      return send({ type: 'RUN' });
    case 'history-prev':
      return send({ type: 'HISTORY_PREV' });
    case 'history-next':
      return send({ type: 'HISTORY_NEXT' });
    case 'erase':
      return send({ type: 'BACKSPACE' });
    case 'leave-command':
      return send({ type: 'LEAVE_COMMAND' });
    case 'confirm':
      return send({ type: 'CONFIRM' });
    case 'cancel':
      return send({ type: 'CANCEL' });
    case 'next-task':
      return send({ type: 'TASK', delta: 1 });
    case 'prev-task':
      return send({ type: 'TASK', delta: -1 });
    case 'finish':
      return send({ type: 'FINISH_REQUEST' });
  }
}
