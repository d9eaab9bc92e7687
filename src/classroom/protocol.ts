/**
 * The classroom wire format: what a learner's tool may send a host, and nothing else. Small,
 * strict and size-limited, so a room can accept events from a LAN without trusting them; every
 * event carries an id so redelivery after a reconnect is idempotent.
 */
import { z } from 'zod';

/** Largest request body a host accepts (a batch of events). */
export const MAX_BODY_BYTES = 16 * 1024;
/** Most events in one request. */
export const MAX_BATCH = 50;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(64);

/** What happened, as the instructor's table needs it. */
export const eventSchema = z.strictObject({
  /** Unique per event (the learner's tool makes it); the host ignores an id it has seen. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** A random id per learner install, stable across runs, so two learners may share a name. */
  learner: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** The display name the learner chose. */
  name: z.string().trim().min(1).max(40),
  /** Per learner, counting up from 1: the host shows events in this order. */
  seq: z.number().int().positive(),
  /** When it happened on the learner's machine (ISO time). */
  at: z.string().datetime(),
  kind: z.enum(['joined', 'lesson-opened', 'step-passed', 'hint-used', 'lesson-complete', 'idle']),
  lesson: slug.optional(),
  step: slug.optional(),
});

/** One event. */
export type ClassroomEvent = z.infer<typeof eventSchema>;

/** A request body: one event or a batch, in order. */
export const batchSchema = z.union([eventSchema, z.array(eventSchema).min(1).max(MAX_BATCH)]);

/** What the host answers to a batch. */
export interface BatchReply {
  /** Events stored now. */
  readonly accepted: number;
  /** Events the host already had (same id): redelivery is harmless. */
  readonly duplicates: number;
}

/** `https?://host:port/#CODE` → the base URL and the code; undefined when malformed. */
export function parseJoin(target: string): { url: string; code: string } | undefined {
  const hash = target.lastIndexOf('#');
  if (hash < 0) return undefined;
  const code = target.slice(hash + 1);
  let url: URL;
  try {
    url = new URL(target.slice(0, hash));
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !/^[A-Z0-9]{6,12}$/.test(code)) return undefined;
  return { url: url.origin, code };
}
