/**
 * Derives the lesson screen's props from the machines' state: which step's prose to show, the
 * checklist, revealed hints, question choices, completion. Pure, so the screen is tested by
 * feeding it states rather than by driving a cluster.
 */
import type { Lesson } from '../lessons/lesson.js';
import type { LessonContext } from '../lessons/machine-types.js';
import type { ChecklistStep, LessonScreenProps } from '../ui/LessonScreen.js';
import type { AppContext } from './app-machine.js';
import type { ClusterView } from './cluster-view.js';
import type { KubectlTarget } from './lesson-session.js';
import { formatDuration } from './progress-recorder.js';

/** Everything the derivation reads. */
export interface LessonViewInput {
  readonly lesson: Lesson;
  readonly context: LessonContext;
  readonly complete: boolean;
  readonly app: AppContext;
  readonly commandFocused: boolean;
  readonly confirmingReset: boolean;
  readonly map: ClusterView;
  readonly paused: boolean;
  readonly now: number;
  /** Where kubectl points (the status bar tells a second terminal). */
  readonly target: KubectlTarget;
  /** Pause, step and rewind exist (the simulator); false on a real cluster. */
  readonly timeControls?: boolean;
  readonly elapsedMs: number;
  readonly hasNext: boolean;
  /** The learner has done nothing for a while on this step. */
  readonly idle?: boolean;
  readonly message?: string;
  readonly width: number;
  readonly height: number;
  readonly renderMarkdown: (markdown: string, width: number) => readonly string[];
}

/** The markdown shown for step `i`: the lesson intro leads into the first step. */
export function stepMarkdown(lesson: Lesson, i: number): string {
  const step = lesson.steps[i];
  const prompt = step?.prompt ?? '';
  return i === 0 && lesson.intro ? `${lesson.intro.trimEnd()}\n\n${prompt}` : prompt;
}

/** The screen's props. */
export function lessonScreenProps(v: LessonViewInput): LessonScreenProps {
  const { lesson, context: ctx } = v;
  // Once complete, the last step the learner did (a skipped simulator-only step has nothing to show).
  const lastDone = lesson.steps.reduce((at, st, i) => (ctx.skipped.includes(st.id) ? at : i), lesson.steps.length - 1);
  const index = v.complete ? lastDone : ctx.stepIndex;
  const step = lesson.steps[index];
  const steps: ChecklistStep[] = lesson.steps.map((s, i) => ({
    title: s.title,
    state: ctx.skipped.includes(s.id) ? 'skipped' : ctx.done.includes(s.id) ? 'done' : i === index && !v.complete ? 'current' : 'todo',
  }));
  const hints = step && !v.complete ? step.hints.slice(0, ctx.hintsUsed[index] ?? 0) : [];
  const choices = step?.kind === 'question' && !v.complete ? step.choices.map((c) => c.text) : undefined;
  const totalHints = ctx.hintsUsed.reduce((a, b) => a + b, 0);
  const hintsLeft = step ? step.hints.length - hints.length : 0;
  const time = v.timeControls !== false;
  const nudge = !v.idle || v.complete
    ? undefined
    : hintsLeft > 0
      ? `A while on this step? Press h for a hint (${hintsLeft} left)${time ? ', or p to pause time and look around' : ''}.`
      : `Still stuck? Read the ✗ reason again and look at that object with kubectl describe${time ? '; u undoes your last change' : ''}.`;
  return {
    title: lesson.title,
    steps,
    prose: v.renderMarkdown(stepMarkdown(lesson, index), Math.max(40, v.width - 2)),
    proseScroll: v.app.proseScroll,
    ...(choices ? { choices } : {}),
    ...(v.complete ? { complete: { time: formatDuration(v.elapsedMs), hintsUsed: totalHints, hasNext: v.hasNext } } : {}),
    map: { nodes: v.map.nodes, daemonSets: v.map.daemonSets, offset: v.app.mapScroll },
    feedback: {
      ...(ctx.lastFailure !== undefined && !v.complete ? { failure: ctx.lastFailure } : {}),
      ...(ctx.feedback !== undefined && !v.complete ? { feedback: ctx.feedback } : {}),
      hints,
      hintsTotal: v.complete ? 0 : (step?.hints.length ?? 0),
      ...(nudge !== undefined ? { nudge } : {}),
    },
    command: { focused: v.commandFocused, text: v.app.input.text, running: v.app.running, output: v.app.output, scroll: v.app.outputScroll },
    confirmingReset: v.confirmingReset,
    status: {
      kubeconfig: v.target.kubeconfig,
      ...(v.target.context !== undefined ? { context: v.target.context } : {}),
      paused: v.paused,
      time: new Date(v.now).toISOString().slice(11, 19),
    },
    ...(v.message !== undefined ? { message: v.message } : {}),
    width: v.width,
    height: v.height,
  };
}
