/**
 * A timed practice exam: the pool's scenario with the drawn tasks' setup applied, a wall-clock
 * countdown, no hints, and grading when the learner finishes or time runs out; the result is
 * saved with progress. Shares the cluster environment with lessons (loaded lazily too).
 */
import type { AuditLog } from '../lessons/audit.js';
import { formatProblem, LessonError } from '../lessons/problems.js';
import type { ProgressStore } from '../lessons/progress.js';
import type { SimCluster } from '../sim/cluster.js';
import { drawTasks } from '../practice/draw.js';
import { loadPool, type PracticeTask } from '../practice/pool.js';
import { scoreRun, type Score } from '../practice/score.js';
import { setUpTasks } from '../practice/sim.js';
import { startClusterEnv, type ClusterEnvOptions, type SessionPaths, type SessionView } from './cluster-env.js';

/** How the exam is set. */
export interface PracticeOptions extends Omit<ClusterEnvOptions, 'scenario'> {
  readonly courseDir: string;
  readonly progress: ProgressStore;
  readonly minutes: number;
  readonly seed: number;
}

/** The outcome the report screen shows. */
export interface PracticeReport {
  readonly score: Score;
  readonly seed: number;
  readonly minutes: number;
  readonly elapsedMs: number;
  /** Whether the countdown ended it. */
  readonly timeUp: boolean;
  /** A progress file problem, if saving hit one. */
  readonly warning?: string;
}

/** A running exam. */
export interface PracticeSession {
  readonly kind: 'practice';
  readonly tasks: readonly PracticeTask[];
  readonly seed: number;
  readonly minutes: number;
  readonly audit: AuditLog;
  readonly paths: SessionPaths;
  readonly target: SessionPaths;
  readonly cluster: SimCluster;
  /** The cluster's clock, for audit timestamps. */
  now(): number;
  view(): SessionView;
  subscribe(listener: () => void): () => void;
  /** Wall ms left (0 once time is up). */
  remainingMs(): number;
  /** Grades and saves once; later calls return the same report. */
  finish(timeUp?: boolean): PracticeReport;
  report(): PracticeReport | undefined;
  /** Called once when the countdown reaches zero. */
  onTimeUp(fn: () => void): void;
  close(): Promise<void>;
}

/** Draws the exam, starts its cluster, and starts the countdown. */
export async function openPractice(opts: PracticeOptions): Promise<PracticeSession> {
  let pool;
  try {
    pool = loadPool(opts.courseDir);
  } catch (err) {
    if (err instanceof LessonError) throw new Error(err.problems.map(formatProblem).join('\n'));
    throw err;
  }
  const tasks = drawTasks(pool.tasks, opts.minutes, opts.seed);
  const env = await startClusterEnv({ ...opts, scenario: pool.scenario });
  setUpTasks(pool, tasks, env.cluster);
  env.publish();
  const started = env.realNow();
  const deadline = started + opts.minutes * 60_000;
  let report: PracticeReport | undefined;
  const timeUpHooks: (() => void)[] = [];
  const finish = (timeUp = false): PracticeReport => {
    if (report) return report;
    const score = scoreRun(tasks, env.snapshot(), env.audit.entries());
    const elapsedMs = Math.min(env.realNow(), deadline) - started;
    let warning: string | undefined;
    try {
      warning = opts.progress.addPractice({
        at: new Date(env.realNow()).toISOString(),
        seed: opts.seed,
        minutes: opts.minutes,
        earned: score.earned,
        points: score.points,
        tasks: score.tasks.map((t) => ({ id: t.id, earned: t.earned, points: t.points })),
      }).warning;
    } catch (err) {
      warning = `the result could not be saved: ${err instanceof Error ? err.message : String(err)}`;
    }
    report = { score, seed: opts.seed, minutes: opts.minutes, elapsedMs, timeUp, ...(warning !== undefined ? { warning } : {}) };
    return report;
  };
  env.onTick(() => {
    if (report || env.realNow() < deadline) return;
    finish(true);
    for (const fn of timeUpHooks) fn();
  });
  return {
    kind: 'practice',
    tasks,
    seed: opts.seed,
    minutes: opts.minutes,
    audit: env.audit,
    paths: opts.paths,
    target: opts.paths,
    cluster: env.cluster,
    now: () => env.clock.now(),
    view: env.view,
    subscribe: env.subscribe,
    remainingMs: () => (report ? 0 : Math.max(0, deadline - env.realNow())),
    finish,
    report: () => report,
    onTimeUp: (fn) => void timeUpHooks.push(fn),
    close: () => env.close(),
  };
}
