/**
 * Discovery documents kubectl reads before anything else: /version, aggregated discovery v2
 * for /api and /apis (so kubectl needs no per-group requests), and the legacy per-group
 * APIResourceLists that `kubectl drain` still asks for. All derived from the one resource
 * registry in ../resources.ts.
 */
import type { Json } from '../../cluster/types.js';
import { RESOURCES, type ResourceInfo } from '../resources.js';

/** Verbs a full resource supports. */
const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface Subresource {
  name: string;
  kind: { group: string; version: string; kind: string };
  verbs: string[];
}

/** Discovery facts beyond the store's registry (verbs, categories, subresources). */
function extras(r: ResourceInfo): { verbs: string[]; categories: string[]; subresources: Subresource[] } {
  const self = { group: r.group, version: r.version, kind: r.kind };
  const status: Subresource = { name: 'status', kind: self, verbs: ['get', 'patch', 'update'] };
  switch (r.kind) {
    case 'Pod':
      return {
        verbs: ALL_VERBS,
        categories: ['all'],
        subresources: [
          { name: 'eviction', kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
          { name: 'exec', kind: { group: '', version: 'v1', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
          { name: 'log', kind: self, verbs: ['get'] },
          status,
        ],
      };
    case 'DaemonSet':
      return { verbs: ALL_VERBS, categories: ['all'], subresources: [status] };
    case 'Node':
      return { verbs: ALL_VERBS, categories: [], subresources: [status] };
    case 'Namespace':
      return { verbs: ALL_VERBS.filter((v) => v !== 'deletecollection'), categories: [], subresources: [{ name: 'finalize', kind: self, verbs: ['update'] }, status] };
    case 'Event':
    case 'ControllerRevision':
      return { verbs: ALL_VERBS, categories: [], subresources: [] };
  }
}

/** The `/version` answer; `minor` selects which real kubectl the dispatcher runs. */
export function versionInfo(minor: number): Json {
  const patch = { 27: 16, 28: 15, 29: 14, 30: 13, 31: 9, 32: 4, 33: 1 }[minor] ?? 0;
  return {
    major: '1',
    minor: String(minor),
    gitVersion: `v1.${minor}.${patch}`,
    gitCommit: '4cb5f07b4d3e1e6e8d1c2a0f9b8e7d6c5a4b3c2d',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T15:55:00Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** Content type of an aggregated discovery answer (v2; v2beta1 for kubectl 1.28/1.29). */
export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** The aggregated discovery version the client accepts (v2 preferred), parsed per media type. */
export function wantsAggregated(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  const offered = new Set<string>();
  for (const media of (accept ?? '').split(',')) {
    const params = new Map(media.split(';').slice(1).map((p) => p.trim().split('=') as [string, string | undefined]));
    if (params.get('as') === 'APIGroupDiscoveryList' && params.get('g') === 'apidiscovery.k8s.io') offered.add(params.get('v') ?? '');
  }
  return offered.has('v2') ? 'v2' : offered.has('v2beta1') ? 'v2beta1' : undefined;
}

/** The content type of an aggregated answer in one version. */
export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return AGGREGATED_CONTENT_TYPE.replace('v=v2;', `v=${version};`);
}

/**
 * `/openapi/v2`: kubectl 1.28 loads it (protobuf) before apply and falls back to the Go types'
 * patch metadata for built-in kinds when it holds no definition, so a document with no
 * definitions is enough: protobuf `Document{swagger: "2.0"}`, or the same as JSON.
 */
export function openApiV2(accept: string | undefined): { contentType: string; body: Buffer } {
  if (accept?.includes('protobuf')) {
    return { contentType: 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', body: Buffer.from([0x0a, 0x03, ...Buffer.from('2.0')]) };
  }
  return { contentType: 'application/json', body: Buffer.from('{"swagger":"2.0","info":{"title":"Kubernetes","version":"unversioned"},"paths":{},"definitions":{}}') };
}

function groups(): Map<string, ResourceInfo[]> {
  const byGroup = new Map<string, ResourceInfo[]>();
  for (const r of RESOURCES) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  return byGroup;
}

/** `/api` (core group only) or `/apis` (named groups) as APIGroupDiscoveryList. */
export function aggregatedDiscovery(core: boolean, version: 'v2' | 'v2beta1' = 'v2'): Json {
  const items: Json[] = [];
  for (const [group, resources] of groups()) {
    if ((group === '') !== core) continue;
    items.push({
      metadata: { name: group, creationTimestamp: null },
      versions: [
        {
          version: resources[0]?.version ?? 'v1',
          freshness: 'Current',
          resources: [...resources]
            .sort((a, b) => a.plural.localeCompare(b.plural))
            .map((r) => {
              const x = extras(r);
              const entry: { [key: string]: Json } = {
                resource: r.plural,
                responseKind: { group: r.group, version: r.version, kind: r.kind },
                scope: r.namespaced ? 'Namespaced' : 'Cluster',
                singularResource: r.singular,
                verbs: x.verbs,
              };
              if (r.shortNames.length) entry['shortNames'] = r.shortNames;
              if (x.categories.length) entry['categories'] = x.categories;
              if (x.subresources.length) {
                entry['subresources'] = x.subresources.map((s) => ({ subresource: s.name, responseKind: s.kind, verbs: s.verbs }));
              }
              return entry;
            }),
        },
      ],
    });
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

/** Legacy `/api`: APIVersions. */
export function legacyCoreVersions(): Json {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] };
}

/** Legacy `/apis`: APIGroupList. */
export function legacyGroupList(): Json {
  const out: Json[] = [];
  for (const [group, resources] of groups()) {
    if (group === '') continue;
    const version = resources[0]?.version ?? 'v1';
    const gv = { groupVersion: `${group}/${version}`, version };
    out.push({ name: group, versions: [gv], preferredVersion: gv });
  }
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: out };
}

/** `/api/v1` or `/apis/<group>/<version>`: APIResourceList, or undefined when unknown. */
export function resourceList(group: string, version: string): Json | undefined {
  const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) return undefined;
  const list: Json[] = [];
  for (const r of resources) {
    const x = extras(r);
    const entry: { [key: string]: Json } = { name: r.plural, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: x.verbs };
    if (r.shortNames.length) entry['shortNames'] = r.shortNames;
    if (x.categories.length) entry['categories'] = x.categories;
    list.push(entry);
    for (const s of x.subresources) {
      const sub: { [key: string]: Json } = { name: `${r.plural}/${s.name}`, singularName: r.singular, namespaced: r.namespaced, kind: s.kind.kind, verbs: s.verbs };
      if (s.kind.group !== r.group || s.kind.version !== r.version) {
        sub['group'] = s.kind.group;
        sub['version'] = s.kind.version;
      }
      list.push(sub);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: list };
}
