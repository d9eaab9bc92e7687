/**
 * A lesson ready to run: the parsed file with its prose read and every check and action
 * compiled. Machines, graders and `lessons check` consume this, never the raw YAML.
 */
import type { Scenario } from '../sim/scenario/index.js';
import type { CompiledAction } from './actions/index.js';
import type { CompiledCheck } from './checks/index.js';
import type { RefData } from './schema.js';

/** A check reference plus its compiled evaluator. */
export interface StepCheck {
  readonly ref: RefData;
  readonly run: CompiledCheck;
}

/** A feedback rule: `message` is shown when `when` passes while the step's check fails. */
export interface FeedbackRule {
  readonly when: StepCheck;
  readonly message: string;
}

/** A setup action plus its compiled runner. */
export interface StepAction {
  readonly ref: RefData;
  readonly run: CompiledAction;
}

interface StepBase {
  readonly id: string;
  readonly title: string;
  /** Markdown, read from the step's prompt file. */
  readonly prompt: string;
  readonly hints: readonly string[];
}

/** The learner acts; the check decides. */
export interface TaskStep extends StepBase {
  readonly kind: 'task';
  readonly setup: readonly StepAction[];
  readonly check: StepCheck;
  readonly feedback: readonly FeedbackRule[];
}

/** The script acts; the learner watches the cluster react. */
export interface ObserveStep extends StepBase {
  readonly kind: 'observe';
  readonly setup: readonly StepAction[];
  readonly check: StepCheck;
  readonly feedback: readonly FeedbackRule[];
}

/** One choice of a question. */
export interface Choice {
  readonly id: string;
  readonly text: string;
  readonly explanation?: string;
}

/** A multiple-choice question. */
export interface QuestionStep extends StepBase {
  readonly kind: 'question';
  readonly choices: readonly Choice[];
  readonly answer: string;
}

/** Any step. */
export type Step = TaskStep | ObserveStep | QuestionStep;

/** A loaded, compiled lesson. */
export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly estimatedMinutes: number;
  /** The lesson's folder (manifests and solution live here). */
  readonly dir: string;
  /** lesson.yaml, as shown in messages. */
  readonly file: string;
  readonly scenarioName: string;
  readonly scenario: Scenario;
  readonly intro?: string;
  readonly steps: readonly Step[];
}
