/**
 * A lesson actor driven by any ClusterBackend: throttled snapshots from the backend's change
 * notifications, kubectl-equivalent audit entries, and step setup through the backend. A step
 * whose setup needs a simulator is skipped with the reason. This is the headless core a real
 * cluster needs from the app (the simulator's session has its own, with pause and rewind).
 */
import { createActor, type Actor } from 'xstate';
import type { ClusterBackend } from '../cluster/backend.js';
import { AuditLog } from './audit.js';
import { runSetupOn, stepUnsupported } from './backend-runner.js';
import type { Lesson } from './lesson.js';
import { buildLessonMachine, type LessonMachine } from './machine.js';

/** How the session reports what the learner should know (one sentence each). */
export interface BackendSessionOptions {
  /** Minimum ms between snapshots sent to the lesson (default 100). */
  readonly throttleMs?: number;
  /** A step skipped because this backend cannot set it up, or a setup that failed. */
  readonly notice?: (message: string) => void;
}

/** A running lesson over a backend. */
export interface BackendSession {
  readonly actor: Actor<LessonMachine>;
  /** What the learner ran (the built-in command line appends here too). */
  readonly audit: AuditLog;
  close(): void;
}

/** Starts the lesson actor over the backend; close() stops it (the backend stays open). */
export function startBackendSession(backend: ClusterBackend, lesson: Lesson, opts: BackendSessionOptions = {}): BackendSession {
  const audit = new AuditLog();
  const notice = opts.notice ?? (() => undefined);
  let closed = false;
  const later = (fn: () => void) => void Promise.resolve().then(() => !closed && fn());
  const actor = createActor(
    buildLessonMachine(lesson, {
      runSetup: (i) => {
        const step = lesson.steps[i];
        const why = step ? stepUnsupported(step, backend) : undefined;
        if (why !== undefined) {
          // Not from inside the machine's own transition: skip on the next tick.
          later(() => {
            notice(why);
            if (actor.getSnapshot().context.stepIndex === i) actor.send({ type: 'step.skip' });
          });
          return;
        }
        runSetupOn(backend, lesson, i).catch((err: unknown) => notice(`The step's setup failed: ${err instanceof Error ? err.message : String(err)}`));
      },
    }),
  );
  const throttleMs = opts.throttleMs ?? 100;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const publish = () => {
    if (actor.getSnapshot().status === 'active') actor.send({ type: 'cluster.changed', snapshot: backend.snapshot() });
  };
  const changed = () => {
    if (pending || closed) return;
    pending = setTimeout(() => {
      pending = undefined;
      last = Date.now();
      publish();
    }, Math.max(0, last + throttleMs - Date.now()));
  };
  actor.start();
  const unwatch = backend.subscribe(changed);
  const unaudit = audit.subscribe((entry) => {
    if (actor.getSnapshot().status === 'active') actor.send({ type: 'command.observed', entry });
  });
  publish();
  return {
    actor,
    audit,
    close() {
      closed = true;
      if (pending) clearTimeout(pending);
      unwatch();
      unaudit();
      actor.stop();
    },
  };
}
