import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileAction } from '../../src/lessons/actions/index.js';
import { AuditLog } from '../../src/lessons/audit.js';
import { BUILTIN_COURSE_DIR } from '../../src/lessons/loader.js';
import { formatProblem, LessonError } from '../../src/lessons/problems.js';
import { snapshotOf } from '../../src/lessons/sim-runner.js';
import { drawTasks, seededRandom, taskCount } from '../../src/practice/draw.js';
import { loadPool } from '../../src/practice/pool.js';
import { scoreRun } from '../../src/practice/score.js';
import { solveTask, startPracticeCluster } from '../../src/practice/sim.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ld-practice-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function act(name: string, params: Record<string, unknown>) {
  const c = compileAction({ name, params });
  if (!c.ok) throw new Error(c.problems.join('; '));
  return c.run;
}

describe('drawing tasks', () => {
  it('is reproducible for a seed, differs across seeds, and sizes the exam by its minutes', () => {
    const pool = Array.from({ length: 16 }, (_, i) => `t${i}`);
    expect(drawTasks(pool, 30, 42)).toEqual(drawTasks(pool, 30, 42));
    expect(drawTasks(pool, 30, 42)).not.toEqual(drawTasks(pool, 30, 43));
    expect(new Set(drawTasks(pool, 120, 7)).size).toBe(16);
    expect([taskCount(30, 16), taskCount(5, 16), taskCount(60, 16), taskCount(120, 16), taskCount(30, 2)]).toEqual([6, 3, 12, 16, 2]);
    const r = seededRandom(1);
    const xs = Array.from({ length: 1000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('scoring a practice run', () => {
  it('gives partial credit per part and says why each miss missed', () => {
    const pool = loadPool(BUILTIN_COURSE_DIR);
    const ids = ['node-exporter-everywhere', 'ssd-cache-only', 'fix-bad-image'];
    const tasks = ids.map((id) => pool.tasks.find((t) => t.id === id) ?? expect.fail(`no task ${id}`));
    const cluster = startPracticeCluster(pool, tasks);
    const audit = new AuditLog();
    const [exporter, cache] = tasks as [(typeof tasks)[0], (typeof tasks)[0]];

    const nothing = scoreRun(tasks, snapshotOf(cluster), audit.entries());
    expect(nothing.earned).toBe(0);

    // Task 1 done as asked.
    solveTask(pool, exporter, cluster, audit);
    // Task 2: the right nodes, but through node affinity instead of the nodeSelector asked for.
    act('applyManifest', {
      manifest: {
        apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ssd-cache' },
        spec: {
          selector: { matchLabels: { app: 'ssd-cache' } },
          template: {
            metadata: { labels: { app: 'ssd-cache' } },
            spec: {
              affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] }] } } },
              containers: [{ name: 'cache', image: 'redis:7.4' }],
            },
          },
        },
      },
    })({ cluster, lessonDir: pool.dir, audit });
    // Task 3: repaired with set image rather than the rollout undo asked for.
    act('setImage', { daemonSet: 'log-shipper', container: 'shipper', image: 'fluent/fluent-bit:3.1' })({ cluster, lessonDir: pool.dir, audit });
    cluster.runUntil(() => scoreRun(tasks, snapshotOf(cluster), audit.entries()).earned >= 13, 10 * 60_000);

    const score = scoreRun(tasks, snapshotOf(cluster), audit.entries());
    expect(score.tasks.map((t) => [t.id, t.earned, t.points])).toEqual([
      ['node-exporter-everywhere', 6, 6],
      ['ssd-cache-only', 3, 6],
      ['fix-bad-image', 4, 5],
    ]);
    expect({ earned: score.earned, points: score.points, percent: score.percent }).toEqual({ earned: 13, points: 17, percent: 76 });
    const missed = score.tasks.flatMap((t) => t.parts.filter((p) => p.earned === 0).map((p) => [p.what, p.reason]));
    expect(missed).toHaveLength(2);
    expect(missed[0]?.[0]).toBe('the pod template selects disktype=ssd with a nodeSelector');
    expect(missed[0]?.[1]).toMatch(/nodeSelector/);
    expect(missed[1]?.[0]).toBe('it was done with kubectl rollout undo');
    expect(missed[1]?.[1]).toMatch(/rollout undo/);

    // Fixing task 2 as asked earns its missing part; the repair of task 3 cannot be redone.
    solveTask(pool, cache, cluster, audit);
    cluster.runUntil(() => scoreRun(tasks, snapshotOf(cluster), audit.entries()).earned >= 16, 10 * 60_000);
    const after = scoreRun(tasks, snapshotOf(cluster), audit.entries());
    expect(after.tasks.map((t) => t.earned)).toEqual([6, 6, 4]);
    expect(after.percent).toBe(94);
  });
});

describe('loading a pool', () => {
  it('names the file, line and field of every problem', () => {
    const course = path.join(tmp, 'course');
    mkdirSync(path.join(course, 'practice'), { recursive: true });
    writeFileSync(
      path.join(course, 'practice', 'pool.yaml'),
      [
        'scenario: default',
        'tasks:',
        '  - id: one',
        '    title: One',
        '    prompt: Do it.',
        '    parts:',
        '      - what: exists',
        '        points: 2',
        '        check: { name: daemonSetExist, params: { daemonSet: x } }',
        '    solution:',
        '      - { name: applyManifest, params: {} }',
        '    hints: [no hints in an exam]',
      ].join('\n'),
    );
    let problems: string[] = [];
    try {
      loadPool(course);
    } catch (err) {
      if (!(err instanceof LessonError)) throw err;
      problems = err.problems.map(formatProblem);
    }
    expect(problems).toEqual([expect.stringMatching(/pool\.yaml:12: tasks\[0\]\.hints: unknown field "hints"/)]);
    writeFileSync(path.join(course, 'practice', 'pool.yaml'), 'scenario: default\ntasks:\n  - id: one\n    title: One\n    prompt: Do it.\n    parts:\n      - what: exists\n        points: 2\n        check: { name: daemonSetExist, params: { daemonSet: x } }\n    solution:\n      - { name: applyManifest, params: {} }\n');
    try {
      loadPool(course);
      expect.fail('loadPool accepted a broken pool');
    } catch (err) {
      if (!(err instanceof LessonError)) throw err;
      problems = err.problems.map(formatProblem);
    }
    expect(problems).toEqual([
      expect.stringMatching(/pool\.yaml:9: tasks\[0\]\.parts\[0\]\.check: unknown check "daemonSetExist"/),
      expect.stringMatching(/pool\.yaml:11: tasks\[0\]\.solution\[0\]: action applyManifest: .*give exactly one of file or manifest/),
    ]);
  });
});
