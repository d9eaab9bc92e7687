/**
 * Who may ask and what they asked: bearer-token checks, and the audit trail entry of a request
 * (kubectl's `Kubectl-Command` header included) that the lesson engine reads to see which
 * learner command produced which requests.
 */
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Route } from './routes.js';

/** One request kubectl made, for the lesson engine's audit trail. */
export interface ApiAuditEntry {
  atMs: number;
  /** kubectl's `Kubectl-Command` header, e.g. `kubectl rollout undo`. */
  command?: string;
  session?: string;
  verb: string;
  resource?: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  code: number;
}

/** Methods that change state (logged one line each). */
export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the request carries the run's bearer token (constant-time compare). */
export function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(header);
  if (!m?.[1]) return false;
  const given = Buffer.from(m[1].trim());
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

function verbOf(method: string, r: Route, query: URLSearchParams): string {
  if (r.type !== 'resource') return method.toLowerCase();
  switch (method) {
    case 'GET':
      return query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : r.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return r.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

/** The audit entry of a request, or undefined when it is neither mutating nor a kubectl resource request. */
export function auditEntry(req: IncomingMessage, method: string, r: Route, query: URLSearchParams, code: number, atMs: number): ApiAuditEntry | undefined {
  if (!MUTATING.has(method) && !(req.headers['kubectl-command'] && r.type === 'resource')) return undefined;
  const entry: ApiAuditEntry = { atMs, verb: verbOf(method, r, query), code };
  const command = req.headers['kubectl-command'];
  if (typeof command === 'string') entry.command = command;
  const session = req.headers['kubectl-session'];
  if (typeof session === 'string') entry.session = session;
  if (r.type === 'resource') {
    entry.resource = r.info.group ? `${r.info.plural}.${r.info.group}` : r.info.plural;
    if (r.namespace) entry.namespace = r.namespace;
    if (r.name) entry.name = r.name;
    if (r.subresource) entry.subresource = r.subresource;
  }
  return entry;
}
