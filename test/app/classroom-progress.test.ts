import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { reportOpenLessons } from '../../src/app/classroom-progress.js';
import type { LessonSession, SessionView } from '../../src/app/lesson-session.js';
import { SessionHolder } from '../../src/app/session-holder.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { buildLessonMachine } from '../../src/lessons/machine.js';

function fakeSession(id: string) {
  const lesson = loadLesson(BUILTIN_COURSE_DIR, id);
  const actor = createActor(buildLessonMachine(lesson));
  actor.start();
  let view: SessionView = { map: { nodes: [], daemonSets: [] }, paused: false, now: 0, idle: false };
  const listeners = new Set<() => void>();
  const session = {
    kind: 'lesson',
    lesson,
    actor,
    view: () => view,
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  } as unknown as LessonSession;
  const setIdle = (idle: boolean) => {
    view = { ...view, idle };
    for (const l of listeners) l();
  };
  return { session, actor, setIdle };
}

describe('classroom progress from the open lesson', () => {
  it('records lesson opened, hints, idleness and answers as they happen, and nothing else', () => {
    const recorded: string[] = [];
    let flushes = 0;
    let closed = false;
    const reporter = {
      record: (kind: string, lesson?: string, step?: string) => recorded.push([kind, lesson, step].filter(Boolean).join(' ')),
      flush: () => Promise.resolve(++flushes),
      close: () => void (closed = true),
    };
    const holder = new SessionHolder();
    const stop = reportOpenLessons(holder, reporter);
    const first = fakeSession('first-daemonset');
    holder.set({ session: first.session } as never);
    first.actor.send({ type: 'hint.request' });
    first.setIdle(true);
    first.setIdle(true);
    first.actor.send({ type: 'step.skip' });
    first.actor.send({ type: 'answer.submitted', choice: 'taint' });
    expect(recorded).toEqual(['lesson-opened first-daemonset', 'hint-used first-daemonset create', 'idle first-daemonset create', 'step-passed first-daemonset why-not-control-plane']);
    expect(flushes).toBe(4);

    const next = fakeSession('nodes-join-and-leave');
    holder.set({ session: next.session } as never);
    first.actor.send({ type: 'hint.request' }); // the closed lesson no longer reports
    expect(recorded.at(-1)).toBe('lesson-opened nodes-join-and-leave');
    stop();
    expect(closed).toBe(true);
  });
});
