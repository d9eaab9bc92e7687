import { describe, expect, it } from 'vitest';
import { checkProgress } from '../../src/lessons/progress-shape.js';

const good = { stepsDone: ['apply'], hintsUsed: 1, timeSpentMs: 1200, completedAt: '2026-11-25T12:00:00.000Z' };

describe('checkProgress', () => {
  it('accepts a well-formed file and keeps every field', () => {
    const r = checkProgress({ version: 1, lessons: { 'first-daemonset': good, other: { stepsDone: [], hintsUsed: 0, timeSpentMs: 0 } } });
    expect(r).toEqual({ ok: true, value: { version: 1, lessons: { 'first-daemonset': good, other: { stepsDone: [], hintsUsed: 0, timeSpentMs: 0 } } } });
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
