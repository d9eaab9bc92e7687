/**
 * Reading and validating one learner request, kept apart from the server so each refusal
 * (415, 413, 400, 422) is one obvious line.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { eventSchema, MAX_BATCH, type ClassroomEvent } from './protocol.js';

/** A refusal: the status and a sentence for the learner's tool. */
export interface HttpFailure {
  readonly status: number;
  readonly error: string;
}

const arraySchema = z.array(eventSchema).min(1).max(MAX_BATCH);

/** The JSON body, or a refusal; stops reading as soon as the body passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<{ value: unknown } | HttpFailure> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return { status: 415, error: 'send events as JSON (content-type: application/json)' };
  }
  const declared = Number(req.headers['content-length'] ?? '0');
  const tooBig: HttpFailure = { status: 413, error: `a request may carry at most ${limit} bytes; send fewer events per batch` };
  if (declared > limit) {
    req.resume();
    return tooBig;
  }
  const chunks: Buffer[] = [];
  const within = await new Promise<boolean>((resolve, reject) => {
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      resolve(false);
    };
    req.on('data', onData);
    req.once('end', () => resolve(true));
    req.once('error', reject);
  });
  if (!within) return tooBig;
  try {
    return { value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { status: 400, error: 'the body is not valid JSON' };
  }
}

/** One event or a batch (the batchSchema shapes), with the first field error when invalid. */
export function validateBatch(value: unknown): ClassroomEvent[] | HttpFailure {
  const result = Array.isArray(value) ? arraySchema.safeParse(value) : eventSchema.safeParse(value);
  if (result.success) return Array.isArray(result.data) ? result.data : [result.data];
  const issue = result.error.issues[0];
  const where = issue && issue.path.length ? issue.path.join('.') : 'body';
  return { status: 422, error: `${where}: ${issue?.message ?? 'invalid'}` };
}
