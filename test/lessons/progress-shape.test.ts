import { describe, expect, it } from 'vitest';
import { checkProgress } from '../../src/lessons/progress-shape.js';

const good = { stepsDone: ['apply'], hintsUsed: 1, timeSpentMs: 1200, completedAt: '2026-11-25T12:00:00.000Z' };

describe('checkProgress', () => {
  it('accepts a well-formed file and keeps every field', () => {
    const r = checkProgress({ version: 1, lessons: { 'first-daemonset': good, other: { stepsDone: [], hintsUsed: 0, timeSpentMs: 0 } } });
    expect(r).toEqual({ ok: true, value: { version: 1, lessons: { 'first-daemonset': good, other: { stepsDone: [], hintsUsed: 0, timeSpentMs: 0 } } } });
  });

  it('keeps finished practice exams', () => {
    const practice = [{ at: '2026-11-25T13:00:00.000Z', seed: 7, minutes: 30, earned: 13, points: 17, tasks: [{ id: 'a', earned: 6, points: 6 }] }];
    expect(checkProgress({ version: 1, lessons: {}, practice })).toEqual({ ok: true, value: { version: 1, lessons: {}, practice } });
    expect(checkProgress({ version: 1, lessons: {}, practice: [{ ...practice[0], earned: -1 }] })).toEqual({ ok: false, problem: 'practice[0].earned: expected a whole number ≥ 0' });
    expect(checkProgress({ version: 1, lessons: {}, practice: [{ ...practice[0], tasks: [{ id: 'a' }] }] })).toEqual({ ok: false, problem: 'practice[0].tasks[0]: expected { id, earned, points }' });
  });

  it.each([
    [[], 'expected an object'],
    [{ version: 2, lessons: {} }, 'version: expected 1, found 2'],
    [{ version: 1 }, 'lessons: expected an object'],
    [{ version: 1, lessons: {}, extra: true }, 'the file: unknown field "extra"'],
    [{ version: 1, lessons: { a: 'x' } }, 'lessons.a: expected an object'],
    [{ version: 1, lessons: { a: { ...good, stepsDone: [1] } } }, 'lessons.a.stepsDone: expected a list of step ids'],
    [{ version: 1, lessons: { a: { ...good, hintsUsed: 1.5 } } }, 'lessons.a.hintsUsed: expected a whole number ≥ 0'],
    [{ version: 1, lessons: { a: { ...good, hintsUsed: -1 } } }, 'lessons.a.hintsUsed: expected a whole number ≥ 0'],
    [{ version: 1, lessons: { a: { ...good, timeSpentMs: 'soon' } } }, 'lessons.a.timeSpentMs: expected a number ≥ 0'],
    [{ version: 1, lessons: { a: { ...good, completedAt: 5 } } }, 'lessons.a.completedAt: expected a timestamp string'],
    [{ version: 1, lessons: { a: { ...good, bonus: 1 } } }, 'lessons.a: unknown field "bonus"'],
  ])('refuses %j with "%s"', (input, problem) => {
    expect(checkProgress(input)).toEqual({ ok: false, problem });
  });
});
