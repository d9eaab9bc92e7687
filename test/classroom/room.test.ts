import { describe, expect, it } from 'vitest';
import type { ClassroomEvent } from '../../src/classroom/protocol.js';
import { applyEvents, emptyRoom, type LessonOutline } from '../../src/classroom/room.js';
import { roomTable } from '../../src/classroom/table.js';

const T0 = Date.parse('2026-11-25T10:00:00Z');
const lessons: LessonOutline[] = [
  { id: 'first-daemonset', steps: ['create', 'inspect', 'delete'] },
  { id: 'taints', steps: ['taint', 'tolerate'] },
];

let n = 0;
function ev(learner: string, seq: number, kind: ClassroomEvent['kind'], extra: Partial<ClassroomEvent> = {}, minute = seq): ClassroomEvent {
  return { id: `ev-${learner}-${seq}-${n++}`, learner, name: learner === 'learner-a' ? 'Ada' : 'Bo', seq, at: new Date(T0 + minute * 60_000).toISOString(), kind, ...extra };
}

describe('applyEvents', () => {
  it('accepts new events and counts a redelivered id as a duplicate', () => {
    const e1 = ev('learner-a', 1, 'joined');
    const e2 = ev('learner-a', 2, 'lesson-opened', { lesson: 'first-daemonset' });
    const first = applyEvents(emptyRoom(), [e1, e2]);
    expect([first.accepted, first.duplicates]).toEqual([2, 0]);
    const again = applyEvents(first.state, [e2, e1]);
    expect([again.accepted, again.duplicates, again.fresh]).toEqual([0, 2, []]);
    expect(roomTable(again.state, T0, lessons)).toEqual(roomTable(first.state, T0, lessons));
  });

  it('folds each learner in seq order whatever the arrival order', () => {
    const events = [
      ev('learner-a', 1, 'joined'),
      ev('learner-a', 2, 'lesson-opened', { lesson: 'first-daemonset' }),
      ev('learner-a', 3, 'step-passed', { lesson: 'first-daemonset', step: 'create' }),
      ev('learner-a', 4, 'idle'),
    ];
    const inOrder = applyEvents(emptyRoom(), events).state;
    const shuffled = applyEvents(applyEvents(emptyRoom(), [events[3]!, events[1]!]).state, [events[2]!, events[0]!]).state;
    const now = T0 + 5 * 60_000;
    expect(roomTable(shuffled, now, lessons)).toEqual(roomTable(inOrder, now, lessons));
    expect(roomTable(inOrder, now, lessons).rows[0]?.stuck).toBe(true);
  });

  it('never changes the state it was given', () => {
    const start = applyEvents(emptyRoom(), [ev('learner-a', 1, 'joined')]).state;
    applyEvents(start, [ev('learner-a', 2, 'lesson-opened', { lesson: 'taints' })]);
    expect(roomTable(start, T0, lessons).rows[0]?.lesson).toBeUndefined();
  });

  it('keeps two continuations of one state apart (the shared log is only extended by its owner)', () => {
    const start = applyEvents(emptyRoom(), [ev('learner-a', 1, 'joined')]).state;
    const e2 = ev('learner-a', 2, 'lesson-opened', { lesson: 'taints' });
    const left = applyEvents(start, [e2]).state;
    const right = applyEvents(start, [ev('learner-a', 2, 'lesson-opened', { lesson: 'first-daemonset' })]).state;
    expect(applyEvents(right, [e2]).accepted).toBe(1);
    expect(applyEvents(left, [e2]).duplicates).toBe(1);
    expect(applyEvents(start, [e2]).accepted).toBe(1);
    expect([left, right].map((s) => roomTable(s, T0, lessons).rows[0]?.lesson)).toEqual(['taints', 'first-daemonset']);
  });
});

describe('roomTable', () => {
  const events = [
    ev('learner-a', 1, 'joined', {}, 0),
    ev('learner-a', 2, 'lesson-opened', { lesson: 'first-daemonset' }, 1),
    ev('learner-a', 3, 'step-passed', { lesson: 'first-daemonset', step: 'create' }, 2),
    ev('learner-a', 4, 'hint-used', { lesson: 'first-daemonset', step: 'inspect' }, 3),
    ev('learner-b', 1, 'joined', {}, 0),
    ev('learner-b', 2, 'lesson-opened', { lesson: 'first-daemonset' }, 1),
    ev('learner-b', 3, 'step-passed', { lesson: 'first-daemonset', step: 'create' }, 2),
    ev('learner-b', 4, 'step-passed', { lesson: 'first-daemonset', step: 'inspect' }, 3),
    ev('learner-b', 5, 'step-passed', { lesson: 'first-daemonset', step: 'delete' }, 4),
    ev('learner-b', 6, 'lesson-complete', { lesson: 'first-daemonset' }, 4),
    ev('learner-b', 7, 'lesson-opened', { lesson: 'taints' }, 5),
  ];
  const state = applyEvents(emptyRoom(), events).state;

  it.each([
    // minutes after T0, Ada's marks, Ada stuck, Bo's marks, Bo stuck
    { at: 6, ada: ['current', 'none'], adaStuck: false, bo: ['done', 'current'], boStuck: false, adaOnStep: 4 },
    { at: 12, ada: ['stuck', 'none'], adaStuck: true, bo: ['done', 'current'], boStuck: false, adaOnStep: 10 },
    { at: 16, ada: ['stuck', 'none'], adaStuck: true, bo: ['done', 'stuck'], boStuck: true, adaOnStep: 14 },
  ])('at +$at min: Ada $ada, Bo $bo', ({ at, ada, adaStuck, bo, boStuck, adaOnStep }) => {
    const table = roomTable(state, T0 + at * 60_000, lessons);
    const [a, b] = table.rows;
    expect(a?.name).toBe('Ada');
    expect(a?.cells.map((c) => c.mark)).toEqual(ada);
    expect([a?.stuck, a?.step, a?.hints, a?.onStepMs]).toEqual([adaStuck, 'inspect', 1, adaOnStep * 60_000]);
    expect(b?.cells.map((c) => c.mark)).toEqual(bo);
    expect([b?.stuck, b?.step, b?.cells[0]?.passed]).toEqual([boStuck, 'taint', 3]);
  });

  it('summarises who finished and where most are stuck', () => {
    expect(roomTable(state, T0 + 6 * 60_000, lessons).summary).toEqual({
      learners: 2,
      finished: [{ lesson: 'first-daemonset', count: 1 }, { lesson: 'taints', count: 0 }],
      mostStuck: undefined,
    });
    expect(roomTable(state, T0 + 12 * 60_000, lessons).summary.mostStuck).toEqual({ lesson: 'first-daemonset', step: 'inspect', count: 1 });
  });

  it('shows zero time on step when the learner clock runs ahead', () => {
    expect(roomTable(state, T0, lessons).rows[0]?.onStepMs).toBe(0);
  });
});
