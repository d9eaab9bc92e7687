/**
 * Compiles a lesson into an xstate v5 machine. One state per step plus `complete`; a task or
 * observe step leaves through an eventless transition guarded by its named check, so it
 * advances the moment the cluster (or the audit trail) satisfies it. Guards are the registry's
 * checks by name; nothing here knows which lesson it is building.
 */
import { assign, setup } from 'xstate';
import type { AuditTrail } from './audit.js';
import { CHECKS, compileCheck, type CheckResult, type CompiledCheck } from './checks/index.js';
import type { Lesson, Step } from './lesson.js';
import type { LessonContext, LessonEffects, LessonEvent } from './machine-types.js';
import { EMPTY_SNAPSHOT, type ClusterSnapshot } from './snapshot.js';

export type { LessonContext, LessonEffects, LessonEvent } from './machine-types.js';

type Params = Record<string, unknown>;

/** Compiled checks keyed by the params object the machine config holds (stable identity). */
const compiledByParams = new WeakMap<object, CompiledCheck>();

function evaluator(name: string, params: Params): CompiledCheck {
  const key = params;
  let run = compiledByParams.get(key);
  if (!run) {
    const c = compileCheck({ name, params });
    run = c.ok ? c.run : () => ({ status: 'fail', reason: c.problems.join('; ') });
    compiledByParams.set(key, run);
  }
  return run;
}

/** Results per snapshot and audit trail, so the guard and the feedback evaluation share one run. */
const results = new WeakMap<ClusterSnapshot, WeakMap<AuditTrail, Map<CompiledCheck, CheckResult>>>();

function evaluate(run: CompiledCheck, snapshot: ClusterSnapshot, audit: AuditTrail): CheckResult {
  let byAudit = results.get(snapshot);
  if (!byAudit) results.set(snapshot, (byAudit = new WeakMap()));
  let byCheck = byAudit.get(audit);
  if (!byCheck) byAudit.set(audit, (byCheck = new Map()));
  let result = byCheck.get(run);
  if (!result) byCheck.set(run, (result = run(snapshot, audit)));
  return result;
}

function checkGuards(): Record<string, (args: { context: LessonContext }, params: Params) => boolean> {
  const guards: Record<string, (args: { context: LessonContext }, params: Params) => boolean> = {};
  for (const name of CHECKS.keys()) {
    guards[name] = ({ context }, params) => evaluate(evaluator(name, params), context.snapshot, context.audit).status === 'pass';
  }
  return guards;
}

/** The starting context (also what `lesson.reset` restores). */
export function initialContext(lesson: Lesson, snapshot: ClusterSnapshot = EMPTY_SNAPSHOT, audit: AuditTrail = []): LessonContext {
  return { stepIndex: 0, hintsUsed: lesson.steps.map(() => 0), feedbackShown: [], done: [], skipped: [], snapshot, audit };
}

/** Where the step's check stands and which feedback rule (if any) matches: what the learner sees. */
function judge(step: Step, ctx: LessonContext): Pick<LessonContext, 'lastFailure' | 'feedback' | 'feedbackShown'> {
  if (step.kind === 'question') return { feedbackShown: ctx.feedbackShown };
  const result = evaluate(step.check.run, ctx.snapshot, ctx.audit);
  if (result.status === 'pass') return { feedbackShown: ctx.feedbackShown, lastFailure: undefined, feedback: undefined };
  const rule = step.feedback.find((f) => evaluate(f.when.run, ctx.snapshot, ctx.audit).status === 'pass');
  const shown = rule && !ctx.feedbackShown.includes(rule.message) ? [...ctx.feedbackShown, rule.message] : ctx.feedbackShown;
  // A wrong turn the learner has since undone no longer shows its message.
  return { lastFailure: result.reason, feedbackShown: shown, feedback: rule?.message };
}

function stateId(i: number, count: number): string {
  return i >= count ? 'complete' : `step${i}`;
}

/** The machine for a lesson; `effects` perform setup and reset (omitted in pure tests). */
export function buildLessonMachine(lesson: Lesson, effects: LessonEffects = {}) {
  const steps = lesson.steps;
  const count = steps.length;
  const stepAt = (i: number): Step => {
    const s = steps[i];
    if (!s) throw new Error(`lesson ${lesson.id} has no step ${i}`);
    return s;
  };
  const machineSetup = setup({
    types: { context: {} as LessonContext, events: {} as LessonEvent },
    guards: {
      ...checkGuards(),
      isAnswer: ({ event }, params: { answer: string }) => event.type === 'answer.submitted' && event.choice === params.answer,
    },
    actions: {
      enterStep: assign((_, params: { index: number }) => ({ stepIndex: params.index, lastFailure: undefined, feedback: undefined })),
      runSetup: (_, params: { index: number }) => effects.runSetup?.(params.index),
      resetCluster: () => effects.resetCluster?.(),
      storeSnapshot: assign(({ event }) => (event.type === 'cluster.changed' ? { snapshot: event.snapshot } : {})),
      storeCommand: assign(({ context, event }) => (event.type === 'command.observed' ? { audit: [...context.audit, event.entry] } : {})),
      evaluate: assign(({ context }, params: { index: number }) => judge(stepAt(params.index), context)),
      revealHint: assign(({ context }, params: { index: number; max: number }) => ({
        hintsUsed: context.hintsUsed.map((n, i) => (i === params.index ? Math.min(n + 1, params.max) : n)),
      })),
      markDone: assign(({ context }, params: { id: string }) => ({ done: [...context.done, params.id], lastFailure: undefined, feedback: undefined })),
      markSkipped: assign(({ context }, params: { id: string }) => ({ skipped: [...context.skipped, params.id] })),
      wrongAnswer: assign(({ event }, params: { index: number }) => {
        const step = stepAt(params.index);
        if (event.type !== 'answer.submitted' || step.kind !== 'question') return {};
        const choice = step.choices.find((c) => c.id === event.choice);
        return { lastFailure: choice?.explanation ?? `"${event.choice}" is not one of the choices.` };
      }),
      resetContext: assign(({ context }) => initialContext(lesson, context.snapshot)),
    },
  });
  const states: Record<string, object> = { complete: { type: 'final' } };
  steps.forEach((step, i) => {
    const next = `#lesson.${stateId(i + 1, count)}`;
    const leave = { type: 'markDone', params: { id: step.id } } as const;
    const common = {
      'hint.request': { actions: { type: 'revealHint', params: { index: i, max: step.hints.length } } },
      'step.skip': { target: next, actions: { type: 'markSkipped', params: { id: step.id } } },
    };
    if (step.kind === 'question') {
      states[stateId(i, count)] = {
        entry: { type: 'enterStep', params: { index: i } },
        on: {
          ...common,
          'answer.submitted': [{ guard: { type: 'isAnswer', params: { answer: step.answer } }, target: next, actions: leave }, { actions: { type: 'wrongAnswer', params: { index: i } } }],
        },
      };
      return;
    }
    const evaluate = { type: 'evaluate', params: { index: i } } as const;
    const guardParams = step.check.ref.params ?? {};
    compiledByParams.set(guardParams, step.check.run);
    states[stateId(i, count)] = {
      entry: [{ type: 'enterStep', params: { index: i } }, ...(step.setup.length ? [{ type: 'runSetup', params: { index: i } }] : []), evaluate],
      always: { guard: { type: step.check.ref.name, params: guardParams }, target: next, actions: leave },
      on: {
        ...common,
        'cluster.changed': { actions: ['storeSnapshot', evaluate] },
        'command.observed': { actions: ['storeCommand', evaluate] },
      },
    };
  });
  return machineSetup.createMachine({
    id: 'lesson',
    context: initialContext(lesson),
    initial: stateId(0, count),
    on: {
      'lesson.reset': { target: `.${stateId(0, count)}`, reenter: true, actions: ['resetContext', 'resetCluster'] },
      // Questions and the final state still keep the view current; task states also evaluate.
      'cluster.changed': { actions: 'storeSnapshot' },
      'command.observed': { actions: 'storeCommand' },
    },
    // The per-step states are built from data; xstate's config types cannot follow a dynamic record.
    states: states as never,
  });
}

/** The machine type, for actor refs in the app. */
export type LessonMachine = ReturnType<typeof buildLessonMachine>;
