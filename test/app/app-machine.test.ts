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

  it('the join key opens the join screen; Esc comes back, a join records the room; in a room it only says so', () => {
    const { snap: joining } = send(start(), { type: 'JOIN' });
    expect(joining.value).toEqual({ joining: 'loading' });
    const { snap: back } = send(joining, { type: 'JOIN_CANCEL' });
    expect(back.value).toBe('list');
    expect(back.context.classroom).toBeUndefined();
    const { snap: joined } = send(joining, { type: 'JOINED', code: 'K7Q2XM', sentence: 'Joined classroom K7Q2XM at http://h:1.' });
    expect(joined.value).toBe('list');
    expect(joined.context).toMatchObject({ classroom: 'K7Q2XM', notice: 'Joined classroom K7Q2XM at http://h:1.' });
    const { snap: again } = send(joined, { type: 'JOIN' });
    expect(again.value).toBe('list');
    expect(again.context.notice).toBe('You are already in classroom K7Q2XM.');
    const { snap: opening } = send(again, { type: 'OPEN' });
    expect(opening.context.notice).toBeUndefined();
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

describe('app machine: the practice exam', () => {
  const listWithPractice = (): Snap => createActor(appMachine, { input: { lessonIds: ['a', 'b'], practiceAvailable: true } }).getSnapshot();
  const opened = (): Snap => {
    const { snap } = send(listWithPractice(), { type: 'DOWN' }, { type: 'DOWN' }, { type: 'DOWN' }, { type: 'OPEN' });
    expect(snap.value).toBe('openingPractice');
    expect(snap.context.practice).toEqual({ minutes: 30 });
    const [practice] = transition(appMachine, snap, { type: 'xstate.done.actor.0.app.openingPractice', output: 3 } as never);
    return practice;
  };

  it('offers the exam as the row after the last lesson, and opens it from there', () => {
    const { snap } = send(listWithPractice(), { type: 'DOWN' }, { type: 'DOWN' }, { type: 'DOWN' });
    expect(snap.context.cursor).toBe(2);
    expect(opened().value).toEqual({ practice: 'browse' });
    const noPool = send(start(), { type: 'DOWN' }, { type: 'DOWN' }, { type: 'DOWN' });
    expect(noPool.snap.context.cursor).toBe(2);
  });

  it('opens at once when the command line asked for it, seed and all', () => {
    const snap = createActor(appMachine, { input: { lessonIds: ['a'], practice: { minutes: 45, seed: 7 } } }).getSnapshot();
    expect(snap.value).toBe('openingPractice');
    expect(snap.context.practice).toEqual({ minutes: 45, seed: 7 });
  });

  it('switches tasks, runs commands, and finishes only after a yes', () => {
    const moved = send(opened(), { type: 'TASK', delta: 1 }, { type: 'TASK', delta: 1 }, { type: 'TASK', delta: -1 });
    expect(moved.snap.context.taskIndex).toBe(1);
    expect(send(opened(), { type: 'TASK', delta: -1 }).snap.context.taskIndex).toBe(2);
    expect(send(opened(), { type: 'TASK', delta: 1 }, { type: 'TASK', delta: 1 }, { type: 'TASK', delta: 1 }).snap.context.taskIndex).toBe(0);
    const cmd = send(moved.snap, { type: 'COMMAND' }, { type: 'TYPE', text: 'k get ds' }, { type: 'RUN' });
    expect(cmd.snap.value).toEqual({ practice: 'command' });
    expect(cmd.actions).toContain('startCommand');
    const asked = send(cmd.snap, { type: 'LEAVE_COMMAND' }, { type: 'LEAVE_COMMAND' }, { type: 'FINISH_REQUEST' });
    expect(asked.snap.value).toEqual({ practice: 'confirmFinish' });
    expect(send(asked.snap, { type: 'CANCEL' }).snap.value).toEqual({ practice: 'browse' });
    const done = send(asked.snap, { type: 'CONFIRM' });
    expect(done.snap.value).toBe('report');
    expect(done.actions).toEqual(expect.arrayContaining(['stopCommand', 'finishPractice']));
    const back = send(done.snap, { type: 'BACK' });
    expect(back.snap.value).toBe('list');
    expect(back.actions).toContain('closeLesson');
  });

  it('goes to the report when time is up, even from the command line', () => {
    const { snap, actions } = send(opened(), { type: 'COMMAND' }, { type: 'TIME_UP' });
    expect(snap.value).toBe('report');
    expect(actions).toContain('stopCommand');
  });

  it('returns to the exam after the help screen', () => {
    const { snap } = send(opened(), { type: 'TASK', delta: 1 }, { type: 'HELP' }, { type: 'CLOSE' });
    expect(snap.value).toEqual({ practice: 'browse' });
    expect(snap.context.taskIndex).toBe(1);
  });
});
