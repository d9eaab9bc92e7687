/**
 * The practice pool's file format (`lessons/practice/pool.yaml`): CKA-style tasks, each worth
 * points split over named checks so a half-done task earns half its points. Strict, like the
 * lesson schema, so a misspelt key is an error at load time.
 */
import { z } from 'zod';
import { refSchema } from '../lessons/schema.js';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes');

/** One graded part of a task: what is checked, in the learner's words, and what it is worth. */
export const partSchema = z.strictObject({
  what: z.string().trim().min(1),
  points: z.number().int().positive().max(20),
  check: refSchema,
});

/** A task as an exam states it: no hints, a goal, parts that earn points. */
export const taskSchema = z.strictObject({
  id: slug,
  title: z.string().trim().min(1),
  /** Markdown shown to the learner. */
  prompt: z.string().trim().min(1),
  /** Scripted actions that prepare the cluster for this task (a broken DaemonSet, a labelled node). */
  setup: z.array(refSchema).optional(),
  parts: z.array(partSchema).min(1),
  /** What a prepared candidate would do (kubectl equivalents); `lessons check` proves it scores full marks. */
  solution: z.array(refSchema).min(1),
});

/** The whole pool. */
export const poolSchema = z.strictObject({
  /** The cluster every practice run starts from (a built-in scenario or a file beside the pool). */
  scenario: z.string().min(1),
  tasks: z.array(taskSchema).min(1),
});

/** A parsed pool.yaml. */
export type PoolData = z.infer<typeof poolSchema>;
