import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { clusterView, podTone, shortReason } from '../../src/app/cluster-view.js';
import { lessonScreenProps, stepMarkdown } from '../../src/app/lesson-view.js';
import { createActor } from 'xstate';
import { appMachine } from '../../src/app/app-machine.js';
import { formatDuration, ProgressRecorder } from '../../src/app/progress-recorder.js';
import { PausableClock } from '../../src/app/pausable-clock.js';
import { listItems, readCourseSummary } from '../../src/app/course-summary.js';
import { AuditLog } from '../../src/lessons/audit.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { initialContext } from '../../src/lessons/machine.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import { loadSolution, runSolutionStep, snapshotOf, startLessonCluster } from '../../src/lessons/sim-runner.js';

const lesson = loadLesson(BUILTIN_COURSE_DIR, 'first-daemonset');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ld-views-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('clusterView', () => {
  it('puts each DaemonSet pod on its node and says why control-plane has none', () => {
    const cluster = startLessonCluster(lesson);
    expect(clusterView(snapshotOf(cluster)).daemonSets).toEqual([]);
    runSolutionStep(lesson, loadSolution(lesson), cluster, 'create', new AuditLog());
    cluster.advance(60_000);
    const view = clusterView(snapshotOf(cluster));
    const cp = view.nodes.find((n) => n.name === 'control-plane');
    expect(cp).toMatchObject({ role: 'control-plane', ready: true, pods: [], absent: ['node-agent: taint control-plane:NoSchedule'], taints: [] });
    const w1 = view.nodes.find((n) => n.name === 'worker-1');
    expect(w1?.pods).toEqual([expect.objectContaining({ status: 'Running', tone: 'ok', revision: 1 })]);
  });
  it('shortens reasons and colours statuses', () => {
    expect(shortReason('nodeSelector disktype=ssd does not match (node has no disktype label)')).toBe('nodeSelector disktype=ssd');
    expect(podTone('ImagePullBackOff', '0/1')).toBe('error');
    expect(podTone('Running', '0/1')).toBe('progress');
    expect(podTone('ContainerCreating', '0/1')).toBe('progress');
  });
});

describe('lessonScreenProps', () => {
  it('shows the intro with the first step, the checklist and revealed hints', () => {
    const app = createActor(appMachine, { input: { lessonIds: ['first-daemonset'] } }).getSnapshot().context;
    const ctx = { ...initialContext(lesson), hintsUsed: [1, 0, 0], lastFailure: 'no node-agent' };
    const props = lessonScreenProps({
      lesson, context: ctx, complete: false, app, commandFocused: false, confirmingReset: false, map: { nodes: [], daemonSets: [] },
      paused: true, now: Date.UTC(2026, 0, 1, 9, 0, 5), target: { kubeconfig: '/k', cacheDir: '/c' }, elapsedMs: 0, hasNext: true, width: 80, height: 24,
      renderMarkdown: (md) => md.split('\n'),
    });
    expect(stepMarkdown(lesson, 0)).toContain('# Your first DaemonSet');
    expect(props.steps.map((s) => s.state)).toEqual(['current', 'todo', 'todo']);
    expect(props.feedback).toMatchObject({ failure: 'no node-agent', hints: [lesson.steps[0]?.hints[0]], hintsTotal: 3 });
    expect(props.status).toEqual({ kubeconfig: '/k', paused: true, time: '09:00:05' });
    expect(props.feedback.nudge).toBeUndefined();
  });

  it('nudges an idle learner towards the hints left, then towards the reason once they run out', () => {
    const app = createActor(appMachine, { input: { lessonIds: ['first-daemonset'] } }).getSnapshot().context;
    const input = (hintsUsed: number[], extra: { idle: boolean; complete?: boolean }) =>
      lessonScreenProps({
        lesson, context: { ...initialContext(lesson), hintsUsed }, complete: extra.complete ?? false, app, commandFocused: false, confirmingReset: false,
        map: { nodes: [], daemonSets: [] }, paused: false, now: 0, target: { kubeconfig: '/k', cacheDir: '/c' }, elapsedMs: 0, hasNext: true, width: 80, height: 24,
        renderMarkdown: (md) => md.split('\n'), idle: extra.idle,
      });
    expect(input([1, 0, 0], { idle: true }).feedback.nudge).toBe('A while on this step? Press h for a hint (2 left), or p to pause time and look around.');
    expect(input([3, 0, 0], { idle: true }).feedback.nudge).toMatch(/^Still stuck\? Read the ✗ reason again/);
    expect(input([1, 0, 0], { idle: false }).feedback.nudge).toBeUndefined();
    expect(input([1, 0, 0], { idle: true, complete: true }).feedback.nudge).toBeUndefined();
  });
});

describe('progress', () => {
  it('saves steps, hints and time; completion freezes the clock', () => {
    let t = 1_000;
    const store = new ProgressStore({ dir: tmp, now: () => new Date(t) });
    const rec = new ProgressRecorder(lesson, store, () => t);
    const ctx = initialContext(lesson);
    t += 5_000;
    rec.observe({ ...ctx, done: ['create'] }, false);
    t += 5_000;
    rec.observe({ ...ctx, done: ['create', 'why-not-control-plane', 'node-joins'], hintsUsed: [1, 0, 0] }, true);
    t += 60_000;
    rec.flush();
    const saved = store.load().progress.lessons['first-daemonset'];
    expect(saved).toMatchObject({ stepsDone: ['create', 'why-not-control-plane', 'node-joins'], hintsUsed: 1, timeSpentMs: 10_000 });
    expect(saved?.completedAt).toBeDefined();
    expect(formatDuration(rec.elapsedMs())).toBe('10s');
    expect(formatDuration(252_000)).toBe('4m 12s');
    const { items, next } = listItems(readCourseSummary(BUILTIN_COURSE_DIR), store.load().progress);
    expect(items[0]).toMatchObject({ id: 'first-daemonset', state: 'done', minutes: 10 });
    expect(next).toBe(1);
  });
});

describe('PausableClock', () => {
  it('stops while paused, fires due timers on jumpTo, and resumes from where it stood', () => {
    let real = 0;
    const clock = new PausableClock(1, 1_000, () => real);
    const fired: number[] = [];
    clock.setTimer(1_500, () => fired.push(clock.now()));
    clock.setTimer(3_000, () => fired.push(clock.now()));
    real = 200;
    clock.pause();
    real = 10_000;
    expect(clock.now()).toBe(1_200);
    clock.jumpTo(2_000);
    expect(fired).toEqual([1_500]);
    expect(clock.now()).toBe(2_000);
    clock.resume();
    real = 10_500;
    expect(clock.now()).toBe(2_500);
    clock.pause();
  });

  it('moves back with setTime and re-arms pending timers from the new time', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const clock = new PausableClock(1, 4_000);
      const fired: number[] = [];
      clock.setTimer(5_000, () => fired.push(clock.now()));
      clock.setTime(500);
      expect(clock.now()).toBe(500);
      vi.advanceTimersByTime(4_499);
      expect(fired).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(fired).toEqual([5_000]);
      clock.pause();
      clock.setTime(100);
      expect(clock.now()).toBe(100);
    } finally {
      vi.useRealTimers();
    }
  });
});
