/**
 * Errors the store raises, shaped after apiserver `Status` errors so the HTTP layer can
 * serve them unchanged and lessons can show them verbatim.
 */
import type { Kind } from '../cluster/types.js';
import { qualifiedResource, resourceInfo } from './resources.js';

/** The `reason` of a Kubernetes Status failure. */
export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'Expired' | 'BadRequest' | 'Forbidden';

/** One cause inside an Invalid error (`details.causes[]`). */
export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/** The `details` block of a Status. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
}

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Expired: 410,
  BadRequest: 400,
  Forbidden: 403,
};

/** A refused store operation; nothing was changed. */
export class StoreError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details: StatusDetails = {},
  ) {
    super(message);
    this.name = 'StoreError';
    this.code = CODES[reason];
  }
}

function resourceDetails(kind: Kind, name: string): StatusDetails {
  const info = resourceInfo(kind);
  return { name, group: info.group || undefined, kind: info.plural };
}

/** `daemonsets.apps "x" not found` */
export function notFound(kind: Kind, name: string): StoreError {
  return new StoreError('NotFound', `${qualifiedResource(kind)} "${name}" not found`, resourceDetails(kind, name));
}

/** `daemonsets.apps "x" already exists` */
export function alreadyExists(kind: Kind, name: string): StoreError {
  return new StoreError('AlreadyExists', `${qualifiedResource(kind)} "${name}" already exists`, resourceDetails(kind, name));
}

/** The optimistic-concurrency failure every kubectl user has seen. */
export function conflict(kind: Kind, name: string, detail = 'the object has been modified; please apply your changes to the latest version and try again'): StoreError {
  return new StoreError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(kind)} "${name}": ${detail}`, resourceDetails(kind, name));
}

/** A watch asked to resume from a version whose events are no longer kept. */
export function expired(requested: number, oldest: number): StoreError {
  return new StoreError('Expired', `too old resource version: ${requested} (${oldest})`);
}
