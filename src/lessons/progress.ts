/**
 * Progress across runs: per lesson, steps done, hints used, time spent, completion. Stored as
 * JSON under the XDG config dir and written atomically (temp file, fsync, rename), so a crash
 * never leaves half a file. A file that does not parse is moved aside with a warning and the
 * learner starts fresh: never a crash, never silent loss.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import { checkProgress, type LessonProgress, type PracticeRecord, type Progress } from './progress-shape.js';

export type { LessonProgress, PracticeRecord, Progress } from './progress-shape.js';

/** Where and when: injected so tests use a temp dir and a fixed clock. */
export interface ProgressOptions {
  /** The directory holding progress.json; default `$XDG_CONFIG_HOME/learn-daemonsets` or `~/.config/learn-daemonsets`. */
  readonly dir?: string;
  readonly now?: () => Date;
  readonly env?: NodeJS.ProcessEnv;
}

/** What `load` found; `warning` says a corrupted file was moved aside. */
export interface LoadedProgress {
  readonly progress: Progress;
  readonly warning?: string;
}

/** The default directory per the XDG base-directory spec. */
export function defaultProgressDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CONFIG_HOME'];
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.config');
  return path.join(base, 'learn-daemonsets');
}

/** An empty record for a lesson. */
export function emptyLessonProgress(): LessonProgress {
  return { stepsDone: [], hintsUsed: 0, timeSpentMs: 0 };
}

/** Reads and writes progress.json. */
export class ProgressStore {
  readonly file: string;
  private readonly now: () => Date;

  constructor(opts: ProgressOptions = {}) {
    this.file = path.join(opts.dir ?? defaultProgressDir(opts.env), 'progress.json');
    this.now = opts.now ?? (() => new Date());
  }

  /** The saved progress, or fresh progress (with a warning) when the file is corrupted. */
  load(): LoadedProgress {
    if (!existsSync(this.file)) return { progress: { version: 1, lessons: {} } };
    const text = readFileSync(this.file, 'utf8');
    let problem: string | undefined;
    try {
      const checked = checkProgress(JSON.parse(text));
      if (checked.ok) return { progress: checked.value };
      problem = checked.problem;
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const aside = `${this.file}.corrupt-${stamp}`;
    renameSync(this.file, aside);
    return {
      progress: { version: 1, lessons: {} },
      warning: `Your progress file could not be read (${problem}); it was moved to ${aside} and progress starts fresh.`,
    };
  }

  /** Writes atomically: a temp file in the same directory, fsync, then rename over the old file. */
  save(progress: Progress): void {
    writeFileAtomic(this.file, `${JSON.stringify(progress, undefined, 2)}\n`);
  }

  /** Loads, applies `change` to one lesson's record, saves; returns the new record and any load warning. */
  update(lessonId: string, change: (p: LessonProgress) => LessonProgress): { record: LessonProgress; warning?: string } {
    const { progress, warning } = this.load();
    const record = change(progress.lessons[lessonId] ?? emptyLessonProgress());
    this.save({ ...progress, lessons: { ...progress.lessons, [lessonId]: record } });
    return { record, ...(warning !== undefined ? { warning } : {}) };
  }

  /** Appends a finished practice exam (keeping the newest 50). */
  addPractice(record: PracticeRecord): { warning?: string } {
    const { progress, warning } = this.load();
    this.save({ ...progress, practice: [...(progress.practice ?? []), record].slice(-50) });
    return warning !== undefined ? { warning } : {};
  }

  /** The timestamp a completed lesson records. */
  stamp(): string {
    return this.now().toISOString();
  }
}
