import { describe, expect, it } from 'vitest';
import { createActor, transition, type SnapshotFrom } from 'xstate';
import { appMachine, type AppEvent } from '../../src/app/app-machine.js';

type Snap = SnapshotFrom<typeof appMachine>;

function start(openId?: string): Snap {
  const actor = createActor(appMachine, { input: { lessonIds: ['a', 'b', 'c'], cursor: 1, ...(openId ? { openId } : {}) } });
  return actor.getSnapshot();
}

function send(snap: Snap, ...events: AppEvent[]): { snap: Snap; actions: string[] } {
  const actions: string[] = [];
  for (const e of events) {
    const [next, acts] = transition(appMachine, snap, e);
    snap = next;
    actions.push(...acts.map((a) => a.type));
  }
  return { snap, actions };
}

describe('app machine', () => {
  it('starts on the list with the cursor on the next lesson, or opens --lesson at once', () => {
    expect(start().value).toBe('list');
    expect(start().context.cursor).toBe(1);
    const opened = start('c');
    expect(opened.value).toBe('opening');
    expect(opened.context.lessonId).toBe('c');
  });

  it('moves the cursor within bounds and opens the selected lesson', () => {
    const { snap } = send(start(), { type: 'DOWN' }, { type: 'DOWN' }, { type: 'DOWN' });
    expect(snap.context.cursor).toBe(2);
    const { snap: up } = send(snap, { type: 'UP' }, { type: 'UP' }, { type: 'UP' });
    expect(up.context.cursor).toBe(0);
    const { snap: opening } = send(up, { type: 'OPEN' });
    expect(opening.value).toBe('opening');
    expect(opening.context.lessonId).toBe('a');
  });

  it('returns to the list with the error when a lesson fails to open', () => {
    const [failed] = transition(appMachine, start('a'), { type: 'xstate.error.actor.0.app.opening', error: new Error('lesson.yaml: bad') } as never);
    expect(failed.value).toBe('list');
    expect(failed.context.error).toBe('lesson.yaml: bad');
  });

  it('edits, runs and recalls commands, and Esc stops a running one before leaving', () => {
    const [lesson] = transition(appMachine, start('a'), { type: 'xstate.done.actor.0.app.opening' } as never);
    expect(lesson.value).toEqual({ lesson: 'browse' });
    const typed = send(lesson, { type: 'COMMAND' }, { type: 'TYPE', text: 'k get dsx' }, { type: 'BACKSPACE' });
    expect(typed.snap.context.input.text).toBe('k get ds');
    const ran = send(typed.snap, { type: 'RUN' });
    expect(ran.actions).toContain('startCommand');
    expect(ran.snap.context.running).toBe(true);
    expect(ran.snap.context.output).toEqual(['$ k get ds']);
    expect(send(ran.snap, { type: 'HISTORY_PREV' }).snap.context.input.text).toBe('k get ds');
    const stopped = send(ran.snap, { type: 'LEAVE_COMMAND' });
    expect(stopped.actions).toContain('stopCommand');
    expect(stopped.snap.value).toEqual({ lesson: 'command' });
    const out = send(stopped.snap, { type: 'OUTPUT', lines: ['x'] }, { type: 'LEAVE_COMMAND' });
    expect(out.snap.value).toEqual({ lesson: 'browse' });
    expect(out.snap.context.output).toEqual(['$ k get ds', 'x']);
  });

  it('help returns where it came from; reset asks, then reopens the lesson', () => {
    const [lesson] = transition(appMachine, start('b'), { type: 'xstate.done.actor.0.app.opening' } as never);
    const inCommand = send(lesson, { type: 'COMMAND' }).snap;
    const back = send(inCommand, { type: 'LEAVE_COMMAND' }, { type: 'HELP' }, { type: 'CLOSE' }).snap;
    expect(back.value).toEqual({ lesson: 'browse' });
    expect(send(start(), { type: 'HELP' }, { type: 'CLOSE' }).snap.value).toBe('list');
    const asked = send(back, { type: 'RESET_REQUEST' });
    expect(asked.snap.value).toEqual({ lesson: 'confirmReset' });
    expect(send(asked.snap, { type: 'CANCEL' }).snap.value).toEqual({ lesson: 'browse' });
    const reset = send(asked.snap, { type: 'CONFIRM' });
    expect(reset.snap.value).toBe('opening');
    expect(reset.actions).toContain('closeLesson');
  });

  it('goes to the next lesson, back to the list, and quits from anywhere', () => {
    const [lesson] = transition(appMachine, start('b'), { type: 'xstate.done.actor.0.app.opening' } as never);
    const next = send(lesson, { type: 'NEXT_LESSON' });
    expect(next.snap.context.lessonId).toBe('c');
    const [last] = transition(appMachine, next.snap, { type: 'xstate.done.actor.0.app.opening' } as never);
    expect(send(last, { type: 'NEXT_LESSON' }).snap.value).toEqual({ lesson: 'browse' });
    const list = send(last, { type: 'BACK' });
    expect(list.snap.value).toBe('list');
    expect(list.actions).toContain('closeLesson');
    const quit = send(last, { type: 'COMMAND' }, { type: 'QUIT' });
    expect(quit.snap.status).toBe('done');
    expect(quit.actions).toContain('quitApp');
  });
});
