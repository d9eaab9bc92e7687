import { describe, expect, it } from 'vitest';
import { openApiDocument, openApiIndex } from '../../../../src/sim/apiserver/openapi/index.js';

type Obj = Record<string, unknown>;
const parse = (gv: 'api/v1' | 'apis/apps/v1'): Obj => JSON.parse(openApiDocument(gv).body) as Obj;
const schemas = (doc: Obj): Record<string, Obj> => (doc.components as { schemas: Record<string, Obj> }).schemas;

describe('OpenAPI v3 index', () => {
  it('points at both group/versions with their hashes', () => {
    const index = openApiIndex() as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths)).toStrictEqual(['api/v1', 'apis/apps/v1']);
    expect(index.paths['apis/apps/v1']?.serverRelativeURL).toBe(`/openapi/v3/apis/apps/v1?hash=${openApiDocument('apis/apps/v1').hash}`);
  });
  it('caches documents and gives them an ETag', () => {
    const a = openApiDocument('api/v1');
    expect(openApiDocument('api/v1')).toBe(a);
    expect(a.etag).toBe(`"${a.hash}"`);
  });
});

describe('apps/v1 document', () => {
  const doc = parse('apis/apps/v1');
  const paths = doc.paths as Record<string, Record<string, Obj>>;
  it('has a PATCH operation per kind with GVK, fieldValidation and strategic merge', () => {
    for (const [path, kind] of [
      ['/apis/apps/v1/namespaces/{namespace}/daemonsets/{name}', 'DaemonSet'],
      ['/apis/apps/v1/namespaces/{namespace}/controllerrevisions/{name}', 'ControllerRevision'],
    ] as const) {
      const patch = paths[path]?.patch as { parameters: Obj[]; requestBody: { content: Obj } } & Obj;
      expect(patch['x-kubernetes-group-version-kind']).toStrictEqual({ group: 'apps', kind, version: 'v1' });
      expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
      expect(Object.keys(patch.requestBody.content)).toContain('application/strategic-merge-patch+json');
    }
  });
  it('describes DaemonSet with its GVK and updateStrategy text', () => {
    const s = schemas(doc);
    expect(s['io.k8s.api.apps.v1.DaemonSet']?.['x-kubernetes-group-version-kind']).toStrictEqual([{ group: 'apps', kind: 'DaemonSet', version: 'v1' }]);
    const spec = s['io.k8s.api.apps.v1.DaemonSetSpec'] as { properties: Record<string, Obj>; required: string[] };
    expect(spec.properties.updateStrategy).toStrictEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DaemonSetUpdateStrategy' }],
      description: 'An update strategy to replace existing DaemonSet pods with new pods.',
    });
    expect(spec.required).toStrictEqual(['selector', 'template']);
    const strategy = s['io.k8s.api.apps.v1.DaemonSetUpdateStrategy'] as { description: string; properties: Record<string, Obj> };
    expect(strategy.description).toBe('DaemonSetUpdateStrategy is a struct used to control the update strategy for a DaemonSet.');
    expect(strategy.properties.type?.description).toBe('Type of daemon set update. Can be "RollingUpdate" or "OnDelete". Default is RollingUpdate.');
    expect(strategy.properties.rollingUpdate?.description).toBe('Rolling update config params. Present only if type = "RollingUpdate".');
  });
  it('carries patch extensions and formats like the real spec', () => {
    const s = schemas(doc);
    const podSpec = s['io.k8s.api.core.v1.PodSpec'] as { properties: Record<string, Obj> };
    expect(podSpec.properties.containers).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', type: 'array' });
    expect(podSpec.properties.volumes).toMatchObject({ 'x-kubernetes-patch-strategy': 'merge,retainKeys' });
    expect(podSpec.properties.tolerations?.['x-kubernetes-patch-strategy']).toBeUndefined();
    expect(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] });
    expect(s['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ oneOf: [{ type: 'string' }, { type: 'number' }] });
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
  });
  it('resolves every $ref', () => {
    const names = new Set(Object.keys(schemas(doc)));
    const refs = [...openApiDocument('apis/apps/v1').body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(names.has(ref ?? '')).toBe(true);
  });
});

describe('core/v1 document', () => {
  const doc = parse('api/v1');
  const paths = doc.paths as Record<string, Record<string, Obj>>;
  it('has namespaced and cluster-scoped item paths and the eviction subresource', () => {
    expect(paths['/api/v1/namespaces/{namespace}/pods/{name}']?.patch).toBeDefined();
    expect(paths['/api/v1/nodes/{name}']?.patch).toMatchObject({ 'x-kubernetes-group-version-kind': { group: '', kind: 'Node', version: 'v1' } });
    expect(paths['/api/v1/namespaces/{name}']?.patch).toBeDefined();
    expect(paths['/api/v1/namespaces/{namespace}/events/{name}']?.patch).toBeDefined();
    expect(paths['/api/v1/namespaces/{namespace}/pods/{name}/eviction']?.post).toBeDefined();
  });
  it('does not carry apps types', () => {
    expect(Object.keys(schemas(doc)).some((k) => k.startsWith('io.k8s.api.apps'))).toBe(false);
  });
});
