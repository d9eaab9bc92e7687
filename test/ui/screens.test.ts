import { stripVTControlCharacters } from 'node:util';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ClusterMap, type MapNode } from '../../src/ui/ClusterMap.js';
import { CommandOutput, CommandPrompt } from '../../src/ui/CommandLine.js';
import { FeedbackPanel } from '../../src/ui/FeedbackPanel.js';
import { HelpScreen } from '../../src/ui/HelpScreen.js';
import { LessonList } from '../../src/ui/LessonList.js';
import { StatusBar } from '../../src/ui/StatusBar.js';
import { ColorContext } from '../../src/ui/theme.js';
import { TooSmall, bigEnough } from '../../src/ui/TooSmall.js';

const frame = (el: ReturnType<typeof h>): string => stripVTControlCharacters(render(h(ColorContext.Provider, { value: false }, el)).lastFrame() ?? '');

const node = (name: string, extra: Partial<MapNode> = {}): MapNode => ({ name, role: 'worker', ready: true, cordoned: false, taints: [], labels: [], pods: [], absent: [], ...extra });

describe('LessonList', () => {
  const items = [
    { id: 'a', title: 'First', minutes: 10, state: 'done' as const, progress: 'done 2026-01-01' },
    { id: 'b', title: 'Second', minutes: 12, state: 'new' as const, progress: 'not started' },
  ];
  it('shows titles, minutes, progress marks and the next lesson', () => {
    const out = frame(h(LessonList, { items, cursor: 1, nextIndex: 1 }));
    expect(out).toMatch(/✔\s+1\. First\s+10 min {2}done 2026-01-01/);
    expect(out).toMatch(/❯ ·\s+2\. Second\s+12 min {2}not started {2}← next/);
  });
  it('names the real cluster the lessons run on', () => {
    expect(frame(h(LessonList, { items, cursor: 0, cluster: 'context lab at https://10.0.0.1:6443' }))).toContain('Real cluster: context lab at https://10.0.0.1:6443 · the practice exam runs only in the simulator');
  });
  it("shows the instructor's broadcast under the classroom line", () => {
    const out = frame(h(LessonList, { items, cursor: 0, classroom: 'K7Q2XM', broadcast: 'Break until 10:30' }));
    expect(out).toMatch(/nothing else\.\n\s*📣 Break until 10:30\n/);
  });
  it('shows why a lesson could not open', () => {
    expect(frame(h(LessonList, { items, cursor: 0, error: 'lesson.yaml:3 bad check' }))).toContain('lesson.yaml:3 bad check');
  });
});

describe('ClusterMap', () => {
  const nodes = [
    node('control-plane', { role: 'control-plane', absent: ['node-agent: taint control-plane:NoSchedule'] }),
    node('worker-1', { pods: [{ name: 'node-agent-abc', status: 'Running', tone: 'ok', revision: 2 }], labels: ['disk=ssd'] }),
    node('worker-2', { ready: false, cordoned: true, taints: ['gpu=true:NoSchedule'], pods: [{ name: 'node-agent-def', status: 'ImagePullBackOff', tone: 'error' }] }),
  ];
  it('draws one row per node with pods, revisions and reasons', () => {
    const out = frame(h(ClusterMap, { nodes, daemonSets: ['node-agent'], height: 5, offset: 0 }));
    expect(out).toContain('DaemonSets: node-agent');
    expect(out).toMatch(/control-plane\s+control-plane\s+Ready\s+○ node-agent: taint control-plane:NoSchedule/);
    expect(out).toMatch(/worker-1\s+worker\s+Ready\s+● node-agent-abc Running r2 disk=ssd/);
    expect(out).toMatch(/worker-2\s+worker\s+NotReady cordoned ● node-agent-def ImagePullBackOff taint gpu=true:NoS/);
  });
  it('scrolls when the nodes do not fit', () => {
    const out = frame(h(ClusterMap, { nodes, daemonSets: [], height: 3, offset: 5 }));
    expect(out).toContain('nodes 2–3 of 3');
    expect(out).not.toContain('control-plane  ');
    expect(out).toContain('no DaemonSets yet');
  });
});

describe('FeedbackPanel', () => {
  it('shows the failing reason, the fired feedback and the newest hint', () => {
    const out = frame(h(FeedbackPanel, { failure: 'no DaemonSet node-agent', feedback: 'wrong namespace', hints: ['one', 'two'], hintsTotal: 3, height: 5 }));
    expect(out).toContain('✗ no DaemonSet node-agent');
    expect(out).toContain('→ wrong namespace');
    expect(out).toContain('Hint 2/3: two');
    expect(out).toContain('h: another hint (1 left)');
  });
});

describe('StatusBar', () => {
  it('gives the second-terminal line and the clock state', () => {
    const out = frame(h(StatusBar, { kubeconfig: '/tmp/x/kubeconfig', paused: true, time: '09:00:00', width: 80 }));
    expect(out).toMatch(/^export KUBECONFIG=\/tmp\/x\/kubeconfig\s+⏸ paused 09:00:00 · \? keys$/);
  });  it("puts the instructor's broadcast in place of the left part, the clock kept", () => {
    const out = frame(h(StatusBar, { kubeconfig: '/tmp/x/kubeconfig', paused: false, time: '09:00:00', broadcast: 'Break until 10:30', width: 80 }));
    expect(out).toMatch(/^📣 Break until 10:30\s+▶ 09:00:00 · \? keys$/);
    expect(out).not.toContain('KUBECONFIG');
  });
  it('cuts a long broadcast short and keeps the clock in view', () => {
    const out = frame(h(StatusBar, { paused: false, time: '09:00:00', broadcast: `Read ${'very '.repeat(30)}carefully`, width: 60 }));
    expect(out).toMatch(/^📣 Read very .*…\s?▶ 09:00:00 · \? keys$/);
  });
});

describe('CommandLine', () => {
  it('shows the prompt, the running state and the last output lines', () => {
    expect(frame(h(CommandPrompt, { focused: true, text: 'k get ds', running: true }))).toContain(': k get ds  running… Esc stops it');
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const out = frame(h(CommandOutput, { lines, height: 4, scroll: 0 }));
    expect(out).toContain('17 earlier lines (PgUp)');
    expect(out).toContain('line 19');
    expect(out).not.toContain('line 16');
    expect(frame(h(CommandOutput, { lines, height: 4, scroll: 5 }))).toContain('line 14');
  });
});

describe('HelpScreen and TooSmall', () => {
  it('lists keys from the table within 80×24', () => {
    const out = frame(h(HelpScreen, { width: 80 }));
    expect(out).toContain('Ctrl+C');
    expect(out).toContain('command line: kubectl/k');
    expect(out.split('\n').length).toBeLessThanOrEqual(24);
  });
  it('notes on a real cluster that the time keys are the simulator’s, still within 80×24', () => {
    const out = frame(h(HelpScreen, { width: 80, realCluster: true }));
    expect(out.split('\n')[0]).toContain('Keys (Esc or ? closes) · real cluster: p . u (time) work only in the simulat');
    expect(out.split('\n').length).toBeLessThanOrEqual(24);
  });
  it('asks for a larger window below 80×24', () => {
    expect(bigEnough(79, 30)).toBe(false);
    expect(bigEnough(80, 24)).toBe(true);
    expect(frame(h(TooSmall, { columns: 60, rows: 20 }))).toContain('Please make the window larger');
  });
});
