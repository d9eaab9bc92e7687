import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { practicePoolSize, readCourseSummary } from '../../src/app/course-summary.js';
import { BUILTIN_COURSE_DIR } from '../../src/lessons/loader.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ld-summary-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the lesson list summary (read without the YAML parser when it can)', () => {
  it('agrees with the full YAML parse on every shipped lesson', () => {
    const dirs = readdirSync(BUILTIN_COURSE_DIR);
    for (const s of readCourseSummary(BUILTIN_COURSE_DIR)) {
      const dir = dirs.find((d) => d.replace(/^\d+-/, '') === s.id) ?? '';
      const full = load(readFileSync(path.join(BUILTIN_COURSE_DIR, dir, 'lesson.yaml'), 'utf8')) as { title: string; estimatedMinutes: number; steps: unknown[] };
      expect(s, s.id).toEqual({ id: s.id, title: full.title, minutes: full.estimatedMinutes, steps: full.steps.length });
    }
    const pool = load(readFileSync(path.join(BUILTIN_COURSE_DIR, 'practice', 'pool.yaml'), 'utf8')) as { tasks: unknown[] };
    expect(practicePoolSize(BUILTIN_COURSE_DIR)).toBe(pool.tasks.length);
  });

  it('handles quoted titles, falls back to the parser for unusual layouts, and lists broken files by id', () => {
    const course = path.join(tmp, 'course');
    const lesson = (dir: string, text: string) => {
      mkdirSync(path.join(course, dir), { recursive: true });
      writeFileSync(path.join(course, dir, 'lesson.yaml'), text);
    };
    mkdirSync(course, { recursive: true });
    writeFileSync(path.join(course, 'index.yaml'), 'lessons: [quoted, folded, broken]\n');
    lesson('01-quoted', 'id: quoted\ntitle: "Taints: the basics"  \nestimatedMinutes: 12\nsteps:\n  - id: a\n  - id: b\n');
    lesson('02-folded', 'id: folded\ntitle: >-\n  A folded\n  title\nestimatedMinutes: 7\nsteps: [{ id: a }]\n');
    lesson('03-broken', 'id: broken\ntitle: [unclosed\n');
    expect(readCourseSummary(course)).toEqual([
      { id: 'quoted', title: 'Taints: the basics', minutes: 12, steps: 2 },
      { id: 'folded', title: 'A folded title', minutes: 7, steps: 1 },
      { id: 'broken', title: 'broken', minutes: 0, steps: 0 },
    ]);
    expect(practicePoolSize(course)).toBe(0);
  });
});
