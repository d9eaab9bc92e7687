/**
 * The lesson file format as a zod schema: strict everywhere, so a misspelt key is an error at
 * load time rather than a step that silently never checks anything.
 */
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes');
const markdownFile = z.string().regex(/^[\w./-]+\.md$/, 'a markdown file next to lesson.yaml, e.g. prompts/create.md');

/** A named check or action with its params. */
export const refSchema = z.strictObject({ name: z.string().min(1), params: z.record(z.string(), z.unknown()).optional() });

/** A known wrong turn: when its condition (a check) passes while the step's check fails, say this. */
export const feedbackSchema = z.strictObject({ when: refSchema, message: z.string().trim().min(1) });

const hints = z.array(z.string().trim().min(1, 'hints must not be empty')).min(1, 'give at least one hint');

const common = {
  id: slug,
  title: z.string().trim().min(1),
  prompt: markdownFile,
};

/** The learner changes the cluster until the check passes. */
export const taskStepSchema = z.strictObject({
  ...common,
  kind: z.literal('task'),
  setup: z.array(refSchema).optional(),
  check: refSchema,
  hints,
  feedback: z.array(feedbackSchema).optional(),
});

/** Scripted actions happen; the learner watches until the cluster's reaction (the check) shows. */
export const observeStepSchema = z.strictObject({
  ...common,
  kind: z.literal('observe'),
  setup: z.array(refSchema).optional(),
  check: refSchema,
  hints,
  feedback: z.array(feedbackSchema).optional(),
});

const choiceSchema = z.strictObject({ id: slug, text: z.string().trim().min(1), explanation: z.string().trim().min(1).optional() });

/** A multiple-choice question; every wrong choice explains why it is wrong. */
export const questionStepSchema = z
  .strictObject({
    ...common,
    kind: z.literal('question'),
    choices: z.array(choiceSchema).min(2),
    answer: slug,
    hints: hints.optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.choices.some((c) => c.id === q.answer)) ctx.addIssue({ code: 'custom', path: ['answer'], message: `"${q.answer}" is not one of the choice ids` });
    q.choices.forEach((c, i) => {
      if (c.id !== q.answer && c.explanation === undefined) ctx.addIssue({ code: 'custom', path: ['choices', i, 'explanation'], message: 'a wrong choice needs an explanation' });
    });
  });

/** Any step. */
export const stepSchema = z.discriminatedUnion('kind', [taskStepSchema, observeStepSchema, questionStepSchema]);

/** A whole lesson.yaml. */
export const lessonSchema = z.strictObject({
  id: slug,
  title: z.string().trim().min(1),
  summary: z.string().trim().min(1),
  /** A built-in scenario name, or a scenario file relative to the lesson folder. */
  scenario: z.string().min(1),
  estimatedMinutes: z.number().int().positive().max(240),
  intro: markdownFile.optional(),
  steps: z.array(stepSchema).min(1),
});

/** lessons/index.yaml: lesson ids in course order. */
export const indexSchema = z.strictObject({ lessons: z.array(slug).min(1) });

/** solution/steps.yaml: per step id, the actions (kubectl equivalents) that solve it. */
export const solutionSchema = z.strictObject({
  steps: z.array(z.strictObject({ step: slug, run: z.array(refSchema).min(1) })).min(1),
});

/** A parsed lesson.yaml. */
export type LessonData = z.infer<typeof lessonSchema>;
/** A parsed step. */
export type StepData = z.infer<typeof stepSchema>;
/** A named reference to a check or action. */
export type RefData = z.infer<typeof refSchema>;
/** A parsed solution/steps.yaml. */
export type SolutionData = z.infer<typeof solutionSchema>;
