/** The resources the real backend reads and writes, and their REST paths. */

/** One resource: where it lives in the API and whether it is namespaced. */
export interface ResourceInfo {
  readonly kind: string;
  readonly apiVersion: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

/** Every kind the backend touches, by kind name. */
export const RESOURCES = {
  Node: { kind: 'Node', apiVersion: 'v1', plural: 'nodes', namespaced: false },
  Namespace: { kind: 'Namespace', apiVersion: 'v1', plural: 'namespaces', namespaced: false },
  Pod: { kind: 'Pod', apiVersion: 'v1', plural: 'pods', namespaced: true },
  Event: { kind: 'Event', apiVersion: 'v1', plural: 'events', namespaced: true },
  DaemonSet: { kind: 'DaemonSet', apiVersion: 'apps/v1', plural: 'daemonsets', namespaced: true },
  ControllerRevision: { kind: 'ControllerRevision', apiVersion: 'apps/v1', plural: 'controllerrevisions', namespaced: true },
} as const satisfies Record<string, ResourceInfo>;

/** A kind the backend knows. */
export type KnownKind = keyof typeof RESOURCES;

/** Whether a manifest's kind is one the backend can write. */
export function isKnownKind(kind: unknown): kind is KnownKind {
  return typeof kind === 'string' && Object.hasOwn(RESOURCES, kind);
}

/** The REST path of a collection or object (all namespaces when a namespaced kind gets none). */
export function resourcePath(info: ResourceInfo, namespace?: string, name?: string, subresource?: string): string {
  const root = info.apiVersion === 'v1' ? '/api/v1' : `/apis/${info.apiVersion}`;
  const ns = info.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const obj = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  return `${root}${ns}/${info.plural}${obj}${subresource ? `/${subresource}` : ''}`;
}
