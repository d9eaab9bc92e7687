/**
 * Saves a lesson's progress when it changes (a step passes, a hint is revealed, the lesson
 * completes) and the time spent when the lesson closes, so quitting at any moment loses nothing.
 */
import type { Lesson } from '../lessons/lesson.js';
import type { LessonContext } from '../lessons/machine-types.js';
import type { LessonProgress, ProgressStore } from '../lessons/progress.js';

/** Formats a duration the way the completion line shows it: `4m 12s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h ? `${h}h ${m}m` : m ? `${m}m ${sec}s` : `${sec}s`;
}

/** Tracks one lesson run against the store; `now` is wall time (time spent is the learner's, not the cluster's). */
export class ProgressRecorder {
  private done = 0;
  private hints = 0;
  private completed = false;
  private lastSave: number;
  /** Time spent before this run, from the saved record. */
  readonly earlierMs: number;
  private readonly startedAt: number;
  private completedIn?: number;
  /** Time stops counting once the lesson is complete. */
  private frozen = false;
  /** The last save error, shown to the learner instead of crashing. */
  error?: string;

  constructor(
    private readonly lesson: Lesson,
    private readonly store: ProgressStore,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = this.lastSave = now();
    let earlier = 0;
    try {
      earlier = store.load().progress.lessons[lesson.id]?.timeSpentMs ?? 0;
    } catch {
      earlier = 0;
    }
    this.earlierMs = earlier;
  }

  /** Called on every lesson-actor snapshot; saves only when something worth keeping changed. */
  observe(ctx: LessonContext, complete: boolean): void {
    const hints = ctx.hintsUsed.reduce((a, b) => a + b, 0);
    if (ctx.done.length === this.done && hints === this.hints && complete === this.completed) return;
    this.done = ctx.done.length;
    this.hints = hints;
    if (complete && !this.completed) this.completedIn = this.earlierMs + (this.now() - this.startedAt);
    this.completed = complete;
    this.save(ctx.done, hints);
  }

  /** Total time on the lesson: earlier runs plus this one (frozen at completion). */
  elapsedMs(): number {
    return this.completedIn ?? this.earlierMs + (this.now() - this.startedAt);
  }

  /** Hints revealed in this run. */
  hintsUsed(): number {
    return this.hints;
  }

  /** Saves the time spent since the last save (on close). */
  flush(): void {
    this.save(undefined, undefined);
  }

  private save(done: readonly string[] | undefined, hints: number | undefined): void {
    const t = this.now();
    const spent = this.frozen ? 0 : t - this.lastSave;
    this.lastSave = t;
    const completed = this.completed;
    this.frozen = completed;
    try {
      this.store.update(this.lesson.id, (p): LessonProgress => ({
        stepsDone: done ? [...new Set([...p.stepsDone, ...done])] : p.stepsDone,
        hintsUsed: hints === undefined ? p.hintsUsed : Math.max(p.hintsUsed, hints),
        timeSpentMs: p.timeSpentMs + spent,
        ...(completed ? { completedAt: p.completedAt ?? this.store.stamp() } : p.completedAt ? { completedAt: p.completedAt } : {}),
      }));
    } catch (err) {
      this.error = `progress not saved: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
}
