import { describe, expect, it } from 'vitest';
import { gradeLesson } from '../../src/lessons/grade.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { proveLesson } from '../../src/lessons/prove.js';
import { snapshotOf, startLessonCluster } from '../../src/lessons/sim-runner.js';

describe('grading without an audit trail (a real cluster)', () => {
  const lesson = loadLesson(BUILTIN_COURSE_DIR, 'rollback-undo');

  it('leaves a commandUsed step undecided when the cluster state matches, and lets it vouch for earlier steps', () => {
    const { cluster, audit } = proveLesson(lesson);
    const snap = snapshotOf(cluster);
    expect(gradeLesson(lesson, snap, audit.entries()).map((g) => g.result.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    const grades = gradeLesson(lesson, snap, [], { auditAvailable: false });
    expect(grades[0]).toEqual({ stepId: 'bad-update', title: 'Update the image', result: { status: 'pass' }, impliedBy: 'undo' });
    expect(grades[1]?.unjudged).toBe(true);
    expect(grades[1]?.result).toEqual({
      status: 'fail',
      reason:
        "Cannot be judged from the cluster alone: the cluster looks right, but this step also checks that you ran `kubectl rollout undo`, and only the tutorial's own command line or simulated cluster can see which commands you ran.",
    });
  });

  it('still fails a commandUsed step with the cluster\'s own reason when the state is wrong', () => {
    const grades = gradeLesson(lesson, snapshotOf(startLessonCluster(lesson)), [], { auditAvailable: false });
    expect(grades.map((g) => [g.stepId, g.result.status, g.unjudged])).toEqual([['bad-update', 'fail', undefined], ['undo', 'fail', undefined], ['change-cause', 'fail', undefined], ['to-revision', 'fail', undefined]]);
    const undo = grades[1]?.result;
    expect(undo?.status === 'fail' && undo.reason).toMatch(/has not been rolled back to busybox:1\.36|new revision/);
  });

  it('grades steps without commandUsed exactly as before', () => {
    const other = loadLesson(BUILTIN_COURSE_DIR, 'control-plane-toleration');
    const snap = snapshotOf(proveLesson(other).cluster);
    expect(gradeLesson(other, snap, [], { auditAvailable: false })).toEqual(gradeLesson(other, snap, []));
  });
});
