import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { solutionActions } from '../../src/lessons/backend-runner.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { formatProblem, LessonError } from '../../src/lessons/problems.js';
import { loadSolution } from '../../src/lessons/sim-runner.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ld-solution-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof LessonError) return err.problems.map(formatProblem);
    throw err;
  }
  return [];
}

describe('a lesson solution, read once for every runner', () => {
  it('gives the simulator and a real backend the same steps and actions', () => {
    const lesson = loadLesson(BUILTIN_COURSE_DIR, 'rollback-undo');
    const refs = solutionActions(lesson);
    const compiled = loadSolution(lesson);
    expect([...refs.keys()]).toEqual([...compiled.keys()]);
    for (const [step, actions] of refs) expect(actions.length, step).toBe(compiled.get(step)?.length);
    expect(refs.get('undo')).toEqual([{ name: 'rolloutUndo', params: { daemonSet: 'node-logger' } }]);
  });

  it('names the line of an unknown step or action in steps.yaml', () => {
    const course = path.join(tmp, 'course');
    cpSync(BUILTIN_COURSE_DIR, course, { recursive: true });
    const file = path.join(course, '07-rollback-undo', 'solution', 'steps.yaml');
    writeFileSync(file, 'steps:\n  - step: bad-update\n    run:\n      - name: setImgae\n        params: {}\n');
    const lesson = loadLesson(course, 'rollback-undo');
    expect(problemsOf(() => loadSolution(lesson))).toEqual([expect.stringMatching(/steps\.yaml:4: steps\[0\]\.run\[0\]: unknown action "setImgae"/)]);
    writeFileSync(file, 'steps:\n  - step: no-such-step\n    run:\n      - name: setImage\n        params: { daemonSet: node-logger, container: logger, image: busybox:1.99 }\n');
    const problems = problemsOf(() => solutionActions(loadLesson(course, 'rollback-undo')));
    expect(problems).toEqual([expect.stringMatching(/steps\.yaml:2: steps\[0\]\.step: no step "no-such-step" in rollback-undo/)]);
  });
});
