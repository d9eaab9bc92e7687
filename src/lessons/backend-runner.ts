/**
 * Runs a lesson over any ClusterBackend (the real backend through client-node, or anything
 * else satisfying the contract): the scenario as a backend-neutral plan, each step's setup,
 * the solution replayed with its kubectl equivalents recorded in the audit trail, and a wait
 * for each check. Steps whose setup needs what the backend lacks (adding a node on kind) are
 * skipped with the reason instead of failing.
 */
import type { ActionOptions, BackendAction, ClusterBackend, ScenarioPlan } from '../cluster/backend.js';
import { isoSeconds } from '../sim/clock.js';
import { BUILTIN_NAMESPACES, buildNodes, scenarioNamespaces, scenarioObjects } from '../sim/scenario/index.js';
import type { AuditLog } from './audit.js';
import type { Lesson, Step } from './lesson.js';
import { readSolution } from './solution.js';

/** The lesson's starting cluster as nodes to expect and objects to apply (namespaces first). */
export function scenarioPlan(lesson: Lesson, now: number = Date.now()): ScenarioPlan {
  const namespaces = scenarioNamespaces(lesson.scenario)
    .filter((n) => !(BUILTIN_NAMESPACES as readonly string[]).includes(n))
    .map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  const objects = scenarioObjects(lesson.scenario).filter((o) => o['kind'] !== 'Namespace');
  return { nodes: buildNodes(lesson.scenario, isoSeconds(now)), objects: [...namespaces, ...objects] };
}

/** The solution as action references per step (what `loadSolution` compiles for the simulator). */
export function solutionActions(lesson: Lesson): ReadonlyMap<string, readonly BackendAction[]> {
  const out = new Map<string, BackendAction[]>();
  for (const [step, refs] of readSolution(lesson)) out.set(step, refs.map(({ ref }) => ({ name: ref.name, ...(ref.params ? { params: ref.params } : {}) })));
  return out;
}

/** Why a step cannot run on this backend (its setup needs a simulator), or undefined. */
export function stepUnsupported(step: Step, backend: ClusterBackend): string | undefined {
  if (step.kind === 'question') return undefined;
  for (const a of step.setup) {
    const why = backend.unsupported({ name: a.ref.name, ...(a.ref.params ? { params: a.ref.params } : {}) });
    if (why !== undefined) return `Step "${step.title}" runs only in the simulator: ${why}.`;
  }
  return undefined;
}

/** Options that bind audit entries to the backend's clock. */
export function actionOptions(lesson: Lesson, backend: ClusterBackend, audit?: AuditLog): ActionOptions {
  return {
    lessonDir: lesson.dir,
    ...(audit ? { record: (c) => audit.append({ at: backend.snapshot().takenAt, source: 'builtin', ...c }) } : {}),
  };
}

/** Runs a step's setup actions on the backend (the engine first asks `stepUnsupported`). */
export async function runSetupOn(backend: ClusterBackend, lesson: Lesson, stepIndex: number): Promise<void> {
  const step = lesson.steps[stepIndex];
  if (!step || step.kind === 'question') return;
  for (const a of step.setup) await backend.run({ name: a.ref.name, ...(a.ref.params ? { params: a.ref.params } : {}) }, { lessonDir: lesson.dir });
}

/** One step's result when a lesson is played through. */
export interface PlayedStep {
  readonly stepId: string;
  readonly status: 'pass' | 'fail' | 'skipped';
  readonly reason?: string;
}

/** Ports for playing a lesson: the audit trail, and how to wait (tests also move simulated time). */
export interface PlayPorts {
  readonly audit: AuditLog;
  /** Resolves true once `pred` holds, false when it gave up. */
  readonly waitUntil: (pred: () => boolean) => Promise<boolean>;
  /**
   * Time a learner takes before acting (a simulator moves its clock, as `lessons check` does,
   * so objects made in different steps get different timestamps); real clusters need none.
   */
  readonly think?: () => Promise<void> | void;
}

/** Plays the whole lesson with its solution on the backend: prepare, then per step setup → solution → wait for the check. */
export async function playLesson(backend: ClusterBackend, lesson: Lesson, ports: PlayPorts): Promise<PlayedStep[]> {
  const opts = actionOptions(lesson, backend, ports.audit);
  await backend.prepare(scenarioPlan(lesson, backend.snapshot().takenAt), { lessonDir: lesson.dir });
  const solution = solutionActions(lesson);
  const out: PlayedStep[] = [];
  for (const [i, step] of lesson.steps.entries()) {
    if (step.kind === 'question') continue;
    const why = stepUnsupported(step, backend);
    if (why !== undefined) {
      out.push({ stepId: step.id, status: 'skipped', reason: why });
      continue;
    }
    await runSetupOn(backend, lesson, i);
    await ports.think?.();
    for (const a of solution.get(step.id) ?? []) await backend.run(a, opts);
    let last = step.check.run(backend.snapshot(), ports.audit.entries());
    const passed = await ports.waitUntil(() => (last = step.check.run(backend.snapshot(), ports.audit.entries())).status === 'pass');
    out.push(passed ? { stepId: step.id, status: 'pass' } : { stepId: step.id, status: 'fail', reason: last.status === 'fail' ? last.reason : '' });
  }
  return out;
}
