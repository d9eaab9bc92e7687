import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { AuditEntry } from '../../src/lessons/audit.js';
import { BUILTIN_COURSE_DIR, loadCourse, loadLesson } from '../../src/lessons/loader.js';
import { buildLessonMachine, type LessonEvent } from '../../src/lessons/machine.js';
import { runSetup, snapshotOf, startLessonCluster } from '../../src/lessons/sim-runner.js';
import { act } from './fixtures.js';

const lesson = loadLesson(BUILTIN_COURSE_DIR, 'rollback-undo');
const machine = buildLessonMachine(lesson);
type Snap = ReturnType<typeof initialTransition<typeof machine>>[0];

function send(snap: Snap, ...events: LessonEvent[]): Snap {
  let s = snap;
  for (const e of events) s = transition(machine, s, e)[0];
  return s;
}

function command(at: number, text: string): LessonEvent {
  const entry: AuditEntry = { at, source: 'builtin', command: text };
  return { type: 'command.observed', entry };
}

describe('lesson machine (pure transitions, no actors)', () => {
  const cluster = startLessonCluster(lesson);
  runSetup(lesson, cluster, 0);
  const fresh = snapshotOf(cluster);

  it('starts at the first step and asks for its setup without running it', () => {
    const [snap, actions] = initialTransition(machine);
    expect(snap.value).toBe('step0');
    expect(actions.map((a) => a.type)).toContain('runSetup');
    expect(snap.context.lastFailure).toBe('There is no DaemonSet named node-logger in namespace default.');
  });

  it('stays on a step with the reason while its check fails, and reveals hints one at a time up to the last', () => {
    const [start] = initialTransition(machine);
    const s = send(start, { type: 'cluster.changed', snapshot: fresh }, { type: 'hint.request' }, { type: 'hint.request' }, { type: 'hint.request' });
    expect(s.value).toBe('step0');
    expect(s.context.lastFailure).toBe('Container logger of node-logger runs busybox:1.36, not busybox:1.99.');
    expect(s.context.hintsUsed).toEqual([2, ...lesson.steps.slice(1).map(() => 0)]);
  });

  it('walks the lesson: check passes, wrong then right answer, feedback for a hand fix, the undo advances', () => {
    const c = startLessonCluster(lesson);
    runSetup(lesson, c, 0);
    c.advance(5_000);
    act(c, 'setImage', { daemonSet: 'node-logger', container: 'logger', image: 'busybox:1.99' });
    c.advance(60_000);
    let s = send(initialTransition(machine)[0], command(1, 'kubectl set image'), { type: 'cluster.changed', snapshot: snapshotOf(c) });
    expect(s.value).toBe('step1');
    expect(s.context.done).toEqual(['bad-update']);

    s = send(s, { type: 'answer.submitted', choice: 'crash-loop' });
    expect(s.value).toBe('step1');
    expect(s.context.lastFailure).toMatch(/^CrashLoopBackOff means the container started/);
    s = send(s, command(1, 'kubectl describe'));
    expect(s.context.audit.map((e) => e.command)).toEqual(['kubectl set image', 'kubectl describe']);
    s = send(s, { type: 'answer.submitted', choice: 'image-pull' });
    expect(s.value).toBe('step2');
    expect(s.context.lastFailure).toBe('This step wants `kubectl rollout undo`; the last command seen was `kubectl describe`.');
    expect(s.context.feedback).toBeUndefined();

    act(c, 'setImage', { daemonSet: 'node-logger', container: 'logger', image: 'busybox:1.36' });
    c.advance(120_000);
    s = send(s, command(2, 'kubectl set image'), { type: 'cluster.changed', snapshot: snapshotOf(c) });
    expect(s.value).toBe('step2');
    expect(s.context.lastFailure).toBe('This step wants `kubectl rollout undo`; the last command seen was `kubectl set image`.');
    expect(s.context.feedback).toMatch(/^The image is busybox:1.36 again, set by hand/);
    expect(s.context.feedbackShown).toHaveLength(1);
    // Once the wrong turn is no longer true, its message goes (the failure reason stays).
    act(c, 'setImage', { daemonSet: 'node-logger', container: 'logger', image: 'busybox:1.99' });
    c.advance(1_000);
    const turnedAgain = send(s, { type: 'cluster.changed', snapshot: snapshotOf(c) });
    expect(turnedAgain.value).toBe('step2');
    expect(turnedAgain.context.feedback).toBeUndefined();
    expect(turnedAgain.context.lastFailure).toBeDefined();

    s = send(s, command(3, 'kubectl rollout undo'));
    expect(s.value).toBe('step3');
    expect(s.context.done).toEqual(['bad-update', 'what-broke', 'undo']);
    s = send(s, { type: 'answer.submitted', choice: 'two-and-three' });
    expect(s.value).toBe('step4');
    expect(s.context.done).toEqual(['bad-update', 'what-broke', 'undo', 'history-after-undo']);
  });

  it('skips a step and resets the lesson, asking for a cluster reset', () => {
    const [start] = initialTransition(machine);
    const skipped = send(start, { type: 'hint.request' }, { type: 'step.skip' });
    expect(skipped.value).toBe('step1');
    expect(skipped.context.skipped).toEqual(['bad-update']);
    const [reset, actions] = transition(machine, skipped, { type: 'lesson.reset' });
    expect(reset.value).toBe('step0');
    expect(reset.context.hintsUsed).toEqual(lesson.steps.map(() => 0));
    expect(reset.context.skipped).toEqual([]);
    expect(actions.map((a) => a.type)).toEqual(expect.arrayContaining(['resetCluster', 'runSetup']));
  });

  it('never branches on the lesson: every shipped lesson compiles to one state per step', () => {
    for (const id of loadCourse(BUILTIN_COURSE_DIR).lessons.map((l) => l.id)) {
      const l = loadLesson(BUILTIN_COURSE_DIR, id);
      const m = buildLessonMachine(l);
      expect(Object.keys(m.root.states).sort()).toEqual(['complete', ...l.steps.map((_, i) => `step${i}`)].sort());
    }
  });
});
