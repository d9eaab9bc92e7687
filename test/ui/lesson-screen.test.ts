import { stripVTControlCharacters } from 'node:util';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { LessonScreen, type LessonScreenProps } from '../../src/ui/LessonScreen.js';
import { ColorContext } from '../../src/ui/theme.js';

const base: LessonScreenProps = {
  title: 'Your first DaemonSet',
  steps: [
    { title: 'Create a DaemonSet', state: 'done' },
    { title: 'Three pods, four nodes', state: 'current' },
    { title: 'A node joins', state: 'todo' },
  ],
  prose: Array.from({ length: 30 }, (_, i) => `prose line ${i}`),
  proseScroll: 0,
  choices: ['A taint', 'Never'],
  map: { nodes: [{ name: 'worker-1', role: 'worker', ready: true, cordoned: false, taints: [], labels: [], pods: [{ name: 'node-agent-x', status: 'Running', tone: 'ok' }], absent: [] }], daemonSets: ['node-agent'], offset: 0 },
  feedback: { failure: 'not yet', hints: [], hintsTotal: 1 },
  command: { focused: false, text: '', running: false, output: [], scroll: 0 },
  confirmingReset: false,
  status: { kubeconfig: '/tmp/k', paused: false, time: '09:00:00' },
  width: 80,
  height: 24,
};

const frame = (p: Partial<LessonScreenProps>): string =>
  stripVTControlCharacters(render(h(ColorContext.Provider, { value: false }, h(LessonScreen, { ...base, ...p }))).lastFrame() ?? '');

describe('LessonScreen', () => {
  it('fits 80×24 with the checklist, prose, map, feedback, prompt and status line', () => {
    const out = frame({});
    const lines = out.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines[0]).toMatch(/^Your first DaemonSet · step 2\/3 · ↑\/↓ scroll \(1–\d+ of 34\)/);
    expect(lines[1]).toBe('✔ Create a DaemonSet   › Three pods, four nodes   · A node joins');
    expect(out).toContain('prose line 0');
    expect(out).toContain('● node-agent-x Running');
    expect(out).toContain('✗ not yet');
    expect(out).toContain('export KUBECONFIG=/tmp/k');
  });
  it('scrolls the prose to the question choices', () => {
    const out = frame({ proseScroll: 100 });
    expect(out).toContain('1) A taint');
    expect(out).toContain('Press 1–2 to answer.');
    expect(out).not.toContain('prose line 0\n');
  });
  it('wraps a long question choice under its number instead of cutting it', () => {
    const long = 'The control-plane node has a NoSchedule taint that node-agent does not tolerate, so the controller never creates a pod for it';
    const out = frame({ proseScroll: 100, choices: [long, 'Never'] });
    expect(out).toContain('  1) The control-plane node has a NoSchedule taint');
    expect(out.replace(/\n\s+/g, ' ')).toContain('never creates a pod for it');
    expect(out).toContain('  2) Never');
  });
  it('shows the command output while the command line is focused', () => {
    const out = frame({ command: { focused: true, text: 'k get ds', running: false, output: ['$ k get ds', 'NAME  DESIRED'], scroll: 0 } });
    expect(out).toContain('NAME  DESIRED');
    expect(out).toContain(': k get ds');
    expect(out).not.toContain('prose line 0');
  });
  it('announces completion with time and hints', () => {
    const out = frame({ complete: { time: '4m 12s', hintsUsed: 1, hasNext: true }, choices: [], steps: base.steps.map((s) => ({ ...s, state: 'done' as const })) });
    expect(out).toContain('✔ Lesson complete in 4m 12s · hints used: 1');
    expect(out).toContain('n opens the next lesson');
    expect(out.split('\n')[0]).toMatch(/· complete/);
  });
  it('shows a nudge in place of the hint count', () => {
    const out = frame({ feedback: { failure: 'not yet', hints: [], hintsTotal: 2, nudge: 'A while on this step? Press h for a hint (2 left).' } });
    expect(out).toContain('… A while on this step? Press h for a hint (2 left).');
    expect(out).not.toContain('h: a hint');
    expect(out.split('\n').length).toBeLessThanOrEqual(24);
  });
  it('asks before a reset', () => {
    expect(frame({ confirmingReset: true })).toContain('Reset this lesson?');
  });
});
