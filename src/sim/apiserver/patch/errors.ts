/**
 * Errors raised while applying a PATCH body, carrying the HTTP code, Status reason and message
 * the real apiserver answers with, so the server can wrap them into a `Status` unchanged.
 */
import type { Json } from '../../../cluster/types.js';

/** Status reasons a patch failure maps to. */
export type PatchErrorReason = 'BadRequest' | 'Invalid' | 'InternalError' | 'UnsupportedMediaType';

/** One `details.causes[]` entry (json-patch failures carry the library's text here). */
export interface PatchErrorCause {
  reason: string;
  message: string;
  field?: string;
}

const CODES: Record<PatchErrorReason, number> = { BadRequest: 400, Invalid: 422, InternalError: 500, UnsupportedMediaType: 415 };

/** A PATCH that cannot be applied; nothing was changed. */
export class PatchError extends Error {
  readonly code: number;
  constructor(
    readonly reason: PatchErrorReason,
    message: string,
    readonly causes: PatchErrorCause[] = [],
  ) {
    super(message);
    this.name = 'PatchError';
    this.code = CODES[reason];
  }
}

/** 400, as apimachinery's `NewBadRequest(err.Error())`. */
export function badRequest(message: string): PatchError {
  return new PatchError('BadRequest', message);
}

/** 500, as the apiserver answers for merge errors it does not classify. */
export function internalError(message: string): PatchError {
  return new PatchError('InternalError', `Internal error occurred: ${message}`, [{ reason: '', message }]);
}

/** 422 from `NewGenericServerResponse(422, …)`: fixed message, library text as the cause. */
export function unprocessable(detail: string): PatchError {
  return new PatchError('Invalid', 'the server rejected our request due to an error in our request', [
    { reason: 'UnexpectedServerResponse', message: detail },
  ]);
}

/** Renders a JSON value the way Go's `%v` prints decoded JSON (`map[a:1 b:[x y]]`), for messages. */
export function goFormat(value: Json | undefined): string {
  if (value === undefined || value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(value[k])}`).join(' ')}]`;
  }
  return String(value);
}
