import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runLessons } from '../../src/commands/lessons.js';
import { runVerify } from '../../src/commands/verify.js';
import { BUILTIN_COURSE_DIR, loadCourse } from '../../src/lessons/loader.js';
import { formatProblem } from '../../src/lessons/problems.js';
import { proveLesson } from '../../src/lessons/prove.js';

/** A copy of the shipped course with one file edited. */
function courseWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ld-course-'));
  cpSync(BUILTIN_COURSE_DIR, dir, { recursive: true });
  const full = path.join(dir, file);
  const before = readFileSync(full, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  writeFileSync(full, after);
  return dir;
}

/** Every problem `lessons check` would list, relative to the course dir. */
function problems(dir: string): string[] {
  const { lessons, problems: load } = loadCourse(dir);
  const all = [...load, ...lessons.flatMap((l) => proveLesson(l).problems)];
  return all.map((p) => formatProblem(p).split(`${dir}${path.sep}`).join(''));
}

function capture(): { out: () => string; err: () => string } {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return { out: () => out.mock.calls.map((c) => String(c[0])).join(''), err: () => err.mock.calls.map((c) => String(c[0])).join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('lessons check proves the shipped course', () => {
  it('every shipped lesson loads and its solution passes every step', () => {
    expect(problems(BUILTIN_COURSE_DIR)).toEqual([]);
    const io = capture();
    expect(runLessons(['check'])).toBe(0);
    expect(io.out()).toMatch(/✓ first-daemonset: 3 steps[\s\S]*✓ control-plane-toleration[\s\S]*✓ rollback-undo[\s\S]*is sound \(\d+ lessons\)/);
    // The course in teaching order; every lesson is proven (its start fails, its solution passes).
    const course = [
      'first-daemonset', 'nodes-join-and-leave', 'control-plane-toleration', 'choosing-nodes', 'taints-in-depth', 'rolling-updates',
      'rollback-undo', 'debugging-pods', 'resources-and-priority', 'lifecycle-and-alternatives', 'capstone-log-collector',
    ];
    expect(loadCourse(BUILTIN_COURSE_DIR).lessons.map((l) => l.id)).toEqual(course);
    expect(io.out()).toMatch(new RegExp(`${course.map((id) => `✓ ${id}: \\d+ steps, \\d+ proven with the solution`).join('\\n')}\\n`));
  });

  it('verify fails on the fresh scenario with reasons and passes after the solution', () => {
    const io = capture();
    expect(runVerify(['control-plane-toleration'])).toBe(1);
    expect(io.out()).toContain('✗ tolerate: Tolerate the control-plane taint\n      The pod template of node-agent tolerates nothing with key node-role.kubernetes.io/control-plane');
    expect(runVerify(['rollback-undo', '--apply-solution'])).toBe(0);
    expect(io.out()).toContain(
      '✓ bad-update: Update the image (done before to-revision)\n  ✓ undo: Roll back\n  ✓ change-cause: Record why (done before to-revision)\n  ✓ to-revision: Back to a known-good revision\nAll 4 task steps pass.',
    );
    expect(() => runVerify(['no-such-lesson'])).toThrow(/^unknown lesson "no-such-lesson"; lessons: first-daemonset, .*control-plane-toleration, .*rollback-undo/);
  });
});

describe('lessons check names each kind of defect with file and line', () => {
  const dirs: string[] = [];
  const defect = (file: string, edit: (t: string) => string): string[] => {
    const dir = courseWith(file, edit);
    dirs.push(dir);
    return problems(dir);
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const lesson1 = '01-first-daemonset/lesson.yaml';

  it('a misspelt field', () => {
    expect(defect(lesson1, (t) => t.replace('    prompt: prompts/node-joins.md', '    promt: prompts/node-joins.md'))).toEqual([
      `${lesson1}:46: steps[2].prompt: Invalid input: expected string, received undefined`,
      `${lesson1}:49: steps[2].promt: unknown field "promt" (check the spelling)`,
    ]);
  });

  it('YAML syntax errors', () => {
    expect(defect(lesson1, (t) => t.replace('title: Your first DaemonSet', 'title: [Your first'))).toEqual([
      expect.stringMatching(new RegExp(`^${lesson1}:\\d+: YAML syntax error: `)),
    ]);
  });

  it('an unregistered check, bad check params and an unknown action', () => {
    const found = defect(lesson1, (t) =>
      t.replace('name: podOnNodes', 'name: podOnNode').replace('params: { daemonSet: node-agent, namespace: kube-system }', 'params: { daemonset: node-agent }').replace('name: addNode', 'name: addNodes'),
    );
    expect(found).toEqual([
      `${lesson1}:25: steps[0].feedback[0].when: check daemonSetExists: daemonSet: Invalid input: expected string, received undefined`,
      `${lesson1}:25: steps[0].feedback[0].when: check daemonSetExists: Unrecognized key: "daemonset"`,
      `${lesson1}:51: steps[2].setup[0]: unknown action "addNodes"; known actions: addNode, advanceTime, annotate, applyManifest, breakImage, cordonNode, deleteDaemonPod, deleteObject, fillNode, labelNode, removeNode, rolloutUndo, setImage, setNodeReady, taintNode, untaintNode`,
      expect.stringMatching(/^01-first-daemonset\/lesson\.yaml:53: steps\[2\]\.check: unknown check "podOnNode"; known checks: allOf, anyOf, /),
    ]);
  });

  it('empty hints and a missing prose file', () => {
    expect(defect(lesson1, (t) => t.replace('      - Run `kubectl get nodes`', '      - ""\n      - Run `kubectl get nodes`').replace('prompts/create.md', 'prompts/creat.md'))).toEqual([
      `${lesson1}:57: steps[2].hints[0]: hints must not be empty`,
    ]);
    expect(defect(lesson1, (t) => t.replace('prompts/create.md', 'prompts/creat.md'))).toEqual([`${lesson1}:11: steps[0].prompt: prose file prompts/creat.md does not exist`]);
  });

  it('duplicate lesson ids in the index', () => {
    expect(defect('index.yaml', (t) => `${t}  - rollback-undo\n`)).toEqual(['index.yaml: lesson id "rollback-undo" is listed twice']);
  });

  it('a task check that already passes before the learner acts', () => {
    const alwaysTrue = '          - name: nodeHasLabel\n            params: { node: worker-1, key: kubernetes.io/os }\n';
    const found = defect(lesson1, (t) => t.replace('      name: allOf\n      params:\n        checks:\n', `      name: anyOf\n      params:\n        checks:\n${alwaysTrue}`));
    expect(found).toEqual([`${lesson1}: steps[0]: step "create": its check already passes before the learner does anything`]);
  });

  it('a solution that does not solve its step', () => {
    const found = defect('07-rollback-undo/solution/steps.yaml', (t) => t.replace('name: rolloutUndo\n        params: { daemonSet: node-logger }', 'name: setImage\n        params: { daemonSet: node-logger, container: logger, image: busybox:1.36 }'));
    expect(found).toEqual([
      '07-rollback-undo/lesson.yaml: steps[2]: step "undo": after the solution the check still fails: This step wants `kubectl rollout undo`; the last command seen was `kubectl set image`.',
      '07-rollback-undo/lesson.yaml: steps[5]: step "to-revision": after the solution the check still fails: This step wants another `kubectl rollout undo`: 1 seen so far in this lesson, and it needs 2 in all.',
    ]);
  });

  it('the CLI exits non-zero and lists the problems', () => {
    const dir = courseWith('index.yaml', (t) => `${t}  - rollback-undo\n`);
    dirs.push(dir);
    const io = capture();
    expect(runLessons(['check', dir])).toBe(1);
    expect(io.err()).toContain('1 problem:\n');
    expect(io.err()).toContain('index.yaml: lesson id "rollback-undo" is listed twice');
  });
});
