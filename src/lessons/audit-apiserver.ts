/**
 * Turns the simulator API server's request log into audit-trail entries. The server cannot
 * import the lesson engine (sim never imports lessons), so the translation lives here and the
 * app wires `server audit → toAuditEntry → AuditLog.append`.
 */
import type { ApiAuditEntry } from '../sim/apiserver/audit.js';
import type { AuditEntry } from './audit.js';

/** The entry for a kubectl request that succeeded; undefined for other clients and refused requests. */
export function toAuditEntry(e: ApiAuditEntry): AuditEntry | undefined {
  if (e.command === undefined || e.command === '' || e.code >= 400) return undefined;
  return {
    at: e.atMs,
    source: 'apiserver',
    command: e.command,
    verb: e.verb,
    ...(e.resource !== undefined ? { resource: e.resource } : {}),
    ...(e.name !== undefined ? { name: e.name } : {}),
  };
}
