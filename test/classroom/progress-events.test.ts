import { describe, expect, it } from 'vitest';
import { progressEvents, type ProgressEvent, type ProgressSnapshot } from '../../src/classroom/progress-events.js';

const L = '01-first-daemonset';
const base: ProgressSnapshot = {
  lessonId: L,
  stepIds: ['create-it', 'check-pods', 'quiz'],
  stepIndex: 0,
  done: [],
  hintsUsed: [0, 0, 0],
  status: 'active',
  idle: false,
};
const at = (over: Partial<ProgressSnapshot>): ProgressSnapshot => ({ ...base, ...over });

const cases: Array<[string, ProgressSnapshot | undefined, ProgressSnapshot | undefined, ProgressEvent[]]> = [
  ['first lesson opened', undefined, base, [{ kind: 'lesson-opened', lesson: L }]],
  ['another lesson opened (restored progress is not re-reported)', base, at({ lessonId: '02-node-selection', done: ['a'], hintsUsed: [2, 0, 0] }), [{ kind: 'lesson-opened', lesson: '02-node-selection' }]],
  ['lesson closed', base, undefined, []],
  ['nothing changed', base, at({}), []],
  ['a cluster change that passes nothing', base, at({ stepIndex: 0 }), []],
  ['a step passed', base, at({ stepIndex: 1, done: ['create-it'] }), [{ kind: 'step-passed', lesson: L, step: 'create-it' }]],
  ['a skipped step is not a pass', base, at({ stepIndex: 1 }), []],
  ['two steps passed in one change, in order', base, at({ stepIndex: 2, done: ['create-it', 'check-pods'] }), [
    { kind: 'step-passed', lesson: L, step: 'create-it' },
    { kind: 'step-passed', lesson: L, step: 'check-pods' },
  ]],
  ['a hint', at({ stepIndex: 1, hintsUsed: [0, 1, 0] }), at({ stepIndex: 1, hintsUsed: [0, 2, 0] }), [{ kind: 'hint-used', lesson: L, step: 'check-pods' }]],
  ['two hints then a pass in one change: hints first', base, at({ stepIndex: 1, done: ['create-it'], hintsUsed: [2, 0, 0] }), [
    { kind: 'hint-used', lesson: L, step: 'create-it' },
    { kind: 'hint-used', lesson: L, step: 'create-it' },
    { kind: 'step-passed', lesson: L, step: 'create-it' },
  ]],
  ['last step passed completes the lesson', at({ stepIndex: 2, done: ['create-it', 'check-pods'] }), at({ stepIndex: 3, done: ['create-it', 'check-pods', 'quiz'], status: 'complete' }), [
    { kind: 'step-passed', lesson: L, step: 'quiz' },
    { kind: 'lesson-complete', lesson: L },
  ]],
  ['complete stays complete', at({ status: 'complete' }), at({ status: 'complete' }), []],
  ['idle turns on, naming the current step', at({ stepIndex: 1 }), at({ stepIndex: 1, idle: true }), [{ kind: 'idle', lesson: L, step: 'check-pods' }]],
  ['idle stays on', at({ idle: true }), at({ idle: true }), []],
  ['idle turns off', at({ idle: true }), at({}), []],
  ['idle after completing names no step', at({ status: 'complete' }), at({ status: 'complete', idle: true, stepIndex: 3 }), [{ kind: 'idle', lesson: L }]],
  ['a reset clears done without events', at({ done: ['create-it'], stepIndex: 1 }), base, []],
];

describe('progress events from lesson state changes', () => {
  it.each(cases)('%s', (_name, before, after, expected) => {
    expect(progressEvents(before, after)).toEqual(expected);
  });
});
