/**
 * One open lesson: its cluster environment (simulated cluster, API server, audit trail, views)
 * plus the lesson actor fed with throttled cluster snapshots and audit entries, and progress
 * saved as steps pass. Loaded lazily (the simulator is not needed for the list).
 */
import { createActor, type Actor } from 'xstate';
import { buildLessonMachine, type LessonMachine } from '../lessons/machine.js';
import type { ProgressStore } from '../lessons/progress.js';
import { runSetup } from '../lessons/sim-runner.js';
import type { SimCluster } from '../sim/cluster.js';
import { startClusterEnv, type ClusterEnvOptions, type SessionPaths } from './cluster-env.js';
import { loadLessonOrExplain, type LessonSession } from './lesson-session.js';
import { ProgressRecorder } from './progress-recorder.js';

export { renderMarkdown } from '../ui/markdown.js';
export type { SessionPaths, SessionView } from './cluster-env.js';

/** Ports the session needs from the app. */
export interface SessionOptions extends Omit<ClusterEnvOptions, 'scenario'> {
  readonly courseDir: string;
  readonly progress: ProgressStore;
}

/** A running lesson on the simulator (tests reach into its cluster). */
export interface Session extends LessonSession {
  readonly actor: Actor<LessonMachine>;
  readonly paths: SessionPaths;
  readonly cluster: SimCluster;
}

/** Loads the lesson, starts its cluster and API server, and wires the lesson actor. */
export async function openSession(id: string, opts: SessionOptions): Promise<Session> {
  const lesson = loadLessonOrExplain(opts.courseDir, id);
  const env = await startClusterEnv({ ...opts, scenario: lesson.scenario });
  const { cluster, audit } = env;
  const actor = createActor(buildLessonMachine(lesson, { runSetup: (i) => runSetup(lesson, cluster, i) }));
  const progress = new ProgressRecorder(lesson, opts.progress);
  actor.subscribe((s) => progress.observe(s.context, s.status === 'done'));
  actor.start();
  env.onSnapshot((snapshot) => {
    if (actor.getSnapshot().status === 'active') actor.send({ type: 'cluster.changed', snapshot });
  });
  const unaudit = audit.subscribe((entry) => {
    if (actor.getSnapshot().status === 'active') actor.send({ type: 'command.observed', entry });
  });
  // A step passed or a hint asked for is activity too.
  let progressMark = '';
  const unprogress = actor.subscribe((s) => {
    const mark = `${s.context.stepIndex}/${s.context.hintsUsed.join(',')}/${s.status}`;
    if (mark !== progressMark) env.touch();
    progressMark = mark;
  });
  env.publish();

  return {
    kind: 'lesson',
    lesson,
    actor,
    audit,
    paths: opts.paths,
    target: opts.paths,
    capabilities: { timeControls: true, practice: true },
    now: () => env.clock.now(),
    cluster,
    progress,
    view: env.view,
    subscribe: env.subscribe,
    togglePause: env.togglePause,
    stepTime: env.stepTime,
    rewind: env.rewind,
    async close() {
      unaudit();
      unprogress.unsubscribe();
      progress.flush();
      actor.stop();
      await env.close();
    },
  };
}
