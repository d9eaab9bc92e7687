import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultProgressDir, ProgressStore } from '../../src/lessons/progress.js';

const NOW = new Date(Date.UTC(2026, 4, 1, 12, 30, 0));

function store(): { dir: string; s: ProgressStore } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ld-progress-'));
  return { dir, s: new ProgressStore({ dir, now: () => NOW }) };
}

describe('progress store', () => {
  it('starts empty, saves atomically and reads back', () => {
    const { dir, s } = store();
    expect(s.load()).toEqual({ progress: { version: 1, lessons: {} } });
    const { record } = s.update('first-daemonset', (p) => ({ ...p, stepsDone: ['create'], hintsUsed: 2, timeSpentMs: 1000 }));
    expect(record.stepsDone).toEqual(['create']);
    s.update('first-daemonset', (p) => ({ ...p, completedAt: s.stamp() }));
    expect(s.load().progress.lessons['first-daemonset']).toEqual({ stepsDone: ['create'], hintsUsed: 2, timeSpentMs: 1000, completedAt: '2026-05-01T12:30:00.000Z' });
    expect(readdirSync(dir)).toEqual(['progress.json']);
  });

  it('moves a corrupted file aside with a warning and starts fresh', () => {
    const { dir, s } = store();
    writeFileSync(path.join(dir, 'progress.json'), '{"version": 1, "lessons": {');
    const loaded = s.load();
    const aside = path.join(dir, 'progress.json.corrupt-2026-05-01T12-30-00-000Z');
    expect(loaded.progress).toEqual({ version: 1, lessons: {} });
    expect(loaded.warning).toMatch(/^Your progress file could not be read \(.+\); it was moved to .*progress\.json\.corrupt-2026-05-01T12-30-00-000Z and progress starts fresh\.$/);
    expect(readFileSync(aside, 'utf8')).toBe('{"version": 1, "lessons": {');
    expect(existsSync(path.join(dir, 'progress.json'))).toBe(false);
  });

  it('treats valid JSON of the wrong shape as corrupted too, and keeps a later save', () => {
    const { dir, s } = store();
    writeFileSync(path.join(dir, 'progress.json'), JSON.stringify({ version: 2, lessons: [] }));
    const { warning } = s.update('x', (p) => ({ ...p, hintsUsed: 1 }));
    expect(warning).toMatch(/moved to/);
    expect(s.load()).toEqual({ progress: { version: 1, lessons: { x: { stepsDone: [], hintsUsed: 1, timeSpentMs: 0 } } } });
    expect(readdirSync(dir).sort()).toEqual(['progress.json', 'progress.json.corrupt-2026-05-01T12-30-00-000Z']);
  });

  it('lives under $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(defaultProgressDir({ XDG_CONFIG_HOME: '/x/cfg' })).toBe('/x/cfg/learn-daemonsets');
    expect(defaultProgressDir({ XDG_CONFIG_HOME: 'relative' })).toBe(path.join(os.homedir(), '.config', 'learn-daemonsets'));
    expect(defaultProgressDir({})).toBe(path.join(os.homedir(), '.config', 'learn-daemonsets'));
  });
});

describe('learn-daemonsets lessons', () => {
  it('lists the course with progress from $XDG_CONFIG_HOME, warning about a corrupted file', async () => {
    const { runLessons } = await import('../../src/commands/lessons.js');
    const { vi } = await import('vitest');
    const xdg = mkdtempSync(path.join(os.tmpdir(), 'ld-xdg-'));
    const saved = process.env['XDG_CONFIG_HOME'];
    process.env['XDG_CONFIG_HOME'] = xdg;
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const s = new ProgressStore({ dir: path.join(xdg, 'learn-daemonsets'), now: () => NOW });
      s.update('first-daemonset', (p) => ({ ...p, stepsDone: ['create', 'why-not-control-plane', 'node-joins'], completedAt: s.stamp() }));
      s.update('rollback-undo', (p) => ({ ...p, stepsDone: ['bad-update'] }));
      expect(runLessons([])).toBe(0);
      const text = out.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toMatch(/ 1\. first-daemonset .* done 2026-05-01\n/);
      expect(text).toMatch(/ \d+\. control-plane-toleration .* not started\n/);
      expect(text).toMatch(/ \d+\. rollback-undo .* 1\/\d+ steps\n/);
      writeFileSync(path.join(xdg, 'learn-daemonsets', 'progress.json'), 'not json');
      expect(runLessons([])).toBe(0);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/^warning: Your progress file could not be read/);
    } finally {
      out.mockRestore();
      err.mockRestore();
      if (saved === undefined) delete process.env['XDG_CONFIG_HOME'];
      else process.env['XDG_CONFIG_HOME'] = saved;
    }
  });
});
