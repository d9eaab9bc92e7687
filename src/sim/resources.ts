/**
 * The one registry of the kinds the simulator stores: API group/version, plural, short
 * names, scope, and which write rules apply. Discovery and routing (API server) read it too.
 */
import type { Kind } from '../cluster/types.js';

/** Facts about one stored kind. */
export interface ResourceInfo {
  kind: Kind;
  group: string;
  version: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** Writes to the main resource keep the stored status (a `status` subresource exists). */
  hasStatus: boolean;
  /** metadata.generation counts spec changes. */
  tracksGeneration: boolean;
}

/** Every kind in registry order. */
export const RESOURCES: readonly ResourceInfo[] = [
  { kind: 'Namespace', group: '', version: 'v1', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false, hasStatus: true, tracksGeneration: false },
  { kind: 'Node', group: '', version: 'v1', plural: 'nodes', singular: 'node', shortNames: ['no'], namespaced: false, hasStatus: true, tracksGeneration: false },
  { kind: 'Pod', group: '', version: 'v1', plural: 'pods', singular: 'pod', shortNames: ['po'], namespaced: true, hasStatus: true, tracksGeneration: false },
  { kind: 'Event', group: '', version: 'v1', plural: 'events', singular: 'event', shortNames: ['ev'], namespaced: true, hasStatus: false, tracksGeneration: false },
  { kind: 'DaemonSet', group: 'apps', version: 'v1', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], namespaced: true, hasStatus: true, tracksGeneration: true },
  { kind: 'ControllerRevision', group: 'apps', version: 'v1', plural: 'controllerrevisions', singular: 'controllerrevision', shortNames: [], namespaced: true, hasStatus: false, tracksGeneration: false },
];

const BY_KIND = new Map<Kind, ResourceInfo>(RESOURCES.map((r) => [r.kind, r]));
/** `apps/v1`, `v1`: built once (every event's involvedObject carries one). */
const API_VERSIONS = new Map<Kind, string>(RESOURCES.map((r) => [r.kind, r.group ? `${r.group}/${r.version}` : r.version]));

/** Looks up a kind's registry entry. */
export function resourceInfo(kind: Kind): ResourceInfo {
  const info = BY_KIND.get(kind);
  if (!info) throw new Error(`unknown kind ${kind}`);
  return info;
}

/** `daemonsets.apps` / `pods`: the resource name used in apiserver error messages. */
export function qualifiedResource(kind: Kind): string {
  const info = resourceInfo(kind);
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

/** `apps/v1` or `v1`. */
export function apiVersionOf(kind: Kind): string {
  const apiVersion = API_VERSIONS.get(kind);
  if (apiVersion === undefined) throw new Error(`unknown kind ${kind}`);
  return apiVersion;
}
