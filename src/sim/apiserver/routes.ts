/**
 * URL → what is being asked for: a discovery document, or a resource collection / object /
 * subresource, resolved through the resource registry (the same one discovery publishes).
 */
import { RESOURCES, type ResourceInfo } from '../resources.js';

/** A resolved API request path. */
export type Route =
  | { type: 'version' }
  | { type: 'healthz' }
  | { type: 'discovery'; core: boolean }
  | { type: 'resource-list'; group: string; version: string }
  | { type: 'openapi-index' }
  | { type: 'openapi-v2' }
  | { type: 'openapi'; groupVersion: string }
  | { type: 'lease'; namespace: string; name?: string }
  | { type: 'resource'; info: ResourceInfo; namespace?: string; name?: string; subresource?: string }
  | { type: 'not-found' };

function findResource(group: string, version: string, plural: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

/** Resolves a request path (without the query string). */
export function route(pathname: string): Route {
  let parts: string[];
  try {
    parts = pathname.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  } catch {
    return { type: 'not-found' }; // malformed percent-encoding names nothing we serve
  }
  const [root] = parts;
  if (parts.length === 1 && root === 'version') return { type: 'version' };
  if (parts.length >= 1 && (root === 'healthz' || root === 'livez' || root === 'readyz')) return { type: 'healthz' };
  if (root === 'openapi') {
    if (parts[1] === 'v2' && parts.length === 2) return { type: 'openapi-v2' };
    if (parts[1] !== 'v3') return { type: 'not-found' };
    if (parts.length === 2) return { type: 'openapi-index' };
    return { type: 'openapi', groupVersion: parts.slice(2).join('/') };
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (root === 'api') {
    if (parts.length === 1) return { type: 'discovery', core: true };
    group = '';
    version = parts[1] ?? '';
    rest = parts.slice(2);
  } else if (root === 'apis') {
    if (parts.length === 1) return { type: 'discovery', core: false };
    if (parts.length === 2) return { type: 'not-found' };
    group = parts[1] ?? '';
    version = parts[2] ?? '';
    rest = parts.slice(3);
  } else {
    return { type: 'not-found' };
  }
  if (rest.length === 0) return { type: 'resource-list', group, version };
  if (group === 'coordination.k8s.io' && version === 'v1' && rest[0] === 'namespaces' && rest[2] === 'leases') {
    return { type: 'lease', namespace: rest[1] ?? '', name: rest[3] };
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    // /namespaces/{ns}/{resource}[/{name}[/{sub}]] for namespaced resources
    const info = findResource(group, version, rest[2] ?? '');
    if (info?.namespaced && rest.length <= 5) return { type: 'resource', info, namespace: rest[1], name: rest[3], subresource: rest[4] };
  }
  const info = findResource(group, version, rest[0] ?? '');
  if (!info || rest.length > 3) return { type: 'not-found' };
  if (info.namespaced && rest.length > 1) return { type: 'not-found' };
  return { type: 'resource', info, name: rest[1], subresource: rest[2] };
}
