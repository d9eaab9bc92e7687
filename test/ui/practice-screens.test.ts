import { stripVTControlCharacters } from 'node:util';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { appMachine } from '../../src/app/app-machine.js';
import { countdownText, practiceScreenProps } from '../../src/app/practice-view.js';
import type { PracticeTask } from '../../src/practice/pool.js';
import { LessonList } from '../../src/ui/LessonList.js';
import { LessonScreen } from '../../src/ui/LessonScreen.js';
import { ReportScreen, type ReportScreenProps } from '../../src/ui/ReportScreen.js';
import { wrapText } from '../../src/ui/wrap.js';
import { ColorContext } from '../../src/ui/theme.js';

const frame = (el: ReturnType<typeof h>): string => stripVTControlCharacters(render(h(ColorContext.Provider, { value: false }, el)).lastFrame() ?? '');

const task = (id: string, title: string, points: number): PracticeTask => ({ id, title, prompt: `Do **${id}**.`, setup: [], parts: [], solution: [], points });

describe('the practice exam screen', () => {
  const app = { ...createActor(appMachine, { input: { lessonIds: [] } }).getSnapshot().context, taskIndex: 1, taskCount: 2 };
  const props = (remainingMs: number, confirmingFinish = false) =>
    practiceScreenProps({
      tasks: [task('one', 'A metrics agent', 6), task('two', 'Repair a rollout', 5)],
      app, commandFocused: false, confirmingFinish, map: { nodes: [], daemonSets: [] }, remainingMs, kubeconfig: '/tmp/k', width: 80, height: 24,
      renderMarkdown: (md) => md.split('\n'),
    });

  it('shows the current task with its points, every task, the countdown and no hints', () => {
    const out = frame(h(LessonScreen, props(23 * 60_000 + 41_500)));
    const lines = out.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines[0]).toMatch(/^Practice exam · task 2\/2 · 5 pts/);
    expect(lines[1]).toBe('· 1. A metrics agent   › 2. Repair a rollout');
    expect(out).toContain('## Task 2 of 2 — Repair a rollout (5 of 11 points)');
    expect(out).toContain('Do **two**.');
    expect(out).toContain('⏱ 23:42 left');
    expect(out).toContain(': command line (kubectl … or k …) · ? keys');
    expect(out).not.toContain('h hint');
  });

  it('asks before finishing', () => {
    expect(frame(h(LessonScreen, props(60_000, true)))).toContain('Finish the exam now and see your score? y finishes · n keeps going');
  });

  it('counts down in minutes and seconds, rounding up, with hours for long exams', () => {
    expect([countdownText(0), countdownText(1), countdownText(59_001), countdownText(30 * 60_000), countdownText(2 * 3600_000 + 5_000)]).toEqual(['0:00', '0:01', '1:00', '30:00', '2:00:05']);
  });
});

describe('the practice report', () => {
  const base: ReportScreenProps = {
    tasks: [
      { title: 'A metrics agent', points: 6, earned: 6, parts: [{ what: 'exists', points: 2, earned: 2 }, { what: 'everywhere', points: 4, earned: 4 }] },
      { title: 'Repair a rollout', points: 5, earned: 3, parts: [{ what: 'image back', points: 2, earned: 2 }, { what: 'rollout finished', points: 2, earned: 0, reason: 'Rollout of log-shipper not finished: 0 of 4 updated pods are available.' }, { what: 'used undo', points: 1, earned: 1 }] },
    ],
    earned: 9, points: 11, percent: 81, time: '12m 3s', timeUp: false, repeat: 'learn-daemonsets practice --minutes 30 --seed 4', scroll: 0, width: 80, height: 23,
  };

  it('gives the score, each task and part, and the reason for every miss', () => {
    const out = frame(h(ReportScreen, base));
    expect(out).toContain('Practice exam finished · score 9/11 (81%) in 12m 3s');
    expect(out).toContain('✔ 1. A metrics agent  6/6');
    expect(out).toContain('◐ 2. Repair a rollout  3/5');
    expect(out).toContain('✗ rollout finished (0/2)');
    // Wrapped to the width, nothing cut off.
    expect(out.replace(/\s*\n\s*/g, ' ')).toContain('Rollout of log-shipper not finished: 0 of 4 updated pods are available.');
    expect(out).toContain('Same exam again: learn-daemonsets practice --minutes 30 --seed 4');
    expect(frame(h(ReportScreen, { ...base, timeUp: true }))).toContain('Practice exam — time is up');
  });

  it('wraps long reasons instead of cutting them', () => {
    expect(wrapText('aaa bbb ccc ddd', 7)).toEqual(['aaa bbb', 'ccc ddd']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});

describe('the lesson list', () => {
  it('says what a joined classroom is told, and nothing more', () => {
    const out = frame(h(LessonList, { items: [{ id: 'a', title: 'First', minutes: 10, state: 'new', progress: 'not started' }], cursor: 0, classroom: '9MK8W4VJ' }));
    expect(out.replace(/\s*\n\s*/g, ' ')).toContain('Classroom 9MK8W4VJ: your name and lesson progress (steps passed, hints, completion, idle) are shared with the instructor — nothing else.');
  });

  it('ends with the practice exam row and its last score', () => {
    const out = frame(h(LessonList, { items: [{ id: 'a', title: 'First', minutes: 10, state: 'new', progress: 'not started' }], cursor: 1, practice: { minutes: 30, tasks: 16, last: 'last 13/17 (76%) on 2026-11-25' } }));
    expect(out).toMatch(/❯ ⏱ Practice exam: timed CKA-style tasks, no hints\s+30 min {2}last 13\/17 \(76%\) on 2026-11-25/);
  });
});
