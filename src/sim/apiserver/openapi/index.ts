/**
 * OpenAPI v3 documents for `GET /openapi/v3` and `GET /openapi/v3/<gv>`. kubectl needs them for
 * `apply`/`create`/`edit` (to hand field validation to the server) and renders `explain` from
 * them. Generated from the schema registry once, then served from a cache with a content hash.
 */
import { createHash } from 'node:crypto';
import type { Json } from '../../../cluster/types.js';
import { RESOURCES } from '../../resources.js';
import { schemaFor } from '../schema/index.js';
import { pathsFor } from './paths.js';
import { componentSchemas, schemaRef } from './schemas.js';

/** Group/versions we publish documents for. */
export type OpenApiGroupVersion = 'api/v1' | 'apis/apps/v1';

/** A serialised document with its content hash (for `?hash=`) and ETag. */
export interface OpenApiDocument {
  body: string;
  hash: string;
  etag: string;
}

/** Group/versions in index order. */
export const OPENAPI_GROUP_VERSIONS: readonly OpenApiGroupVersion[] = ['api/v1', 'apis/apps/v1'];

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const cache = new Map<OpenApiGroupVersion, OpenApiDocument>();

function rootTypes(gv: OpenApiGroupVersion): string[] {
  const kinds = RESOURCES.filter((r) => (r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`) === gv).map((r) => r.kind as string);
  if (gv === 'api/v1') kinds.push('Eviction');
  const types = kinds.map((k) => schemaFor(k)?.typeName).filter((t): t is string => t !== undefined);
  return [...types, `${META}.Status`, `${META}.DeleteOptions`];
}

function evictionPath(): { [key: string]: Json } {
  const eviction = schemaFor('Eviction');
  if (!eviction) return {};
  const ref = schemaRef(eviction.typeName);
  return {
    '/api/v1/namespaces/{namespace}/pods/{name}/eviction': {
      post: {
        tags: ['core_v1'],
        description: 'create eviction of a Pod',
        operationId: 'createCoreV1NamespacedPodEviction',
        'x-kubernetes-action': 'post',
        'x-kubernetes-group-version-kind': { group: 'policy', kind: 'Eviction', version: 'v1' },
        parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
        requestBody: { content: { '*/*': { schema: { $ref: ref } } }, required: true },
        responses: { '201': { description: 'Created', content: { 'application/json': { schema: { $ref: ref } } } } },
      },
      parameters: [
        { name: 'name', in: 'path', required: true, description: 'name of the Eviction', schema: { type: 'string', uniqueItems: true } },
        { name: 'namespace', in: 'path', required: true, description: 'object name and auth scope, such as for teams and projects', schema: { type: 'string', uniqueItems: true } },
      ],
    },
  };
}

function buildDocument(gv: OpenApiGroupVersion): Json {
  const schemas = componentSchemas(rootTypes(gv));
  schemas[`${META}.Patch`] = {
    description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
    type: 'object',
  };
  const paths = { ...pathsFor(gv), ...(gv === 'api/v1' ? evictionPath() : {}) };
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas, securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } } },
  };
}

/** The serialised document for one group/version, built on first use and cached. */
export function openApiDocument(groupVersion: OpenApiGroupVersion): OpenApiDocument {
  const hit = cache.get(groupVersion);
  if (hit) return hit;
  const body = JSON.stringify(buildDocument(groupVersion));
  const hash = createHash('sha512').update(body).digest('hex').slice(0, 128).toUpperCase();
  const doc: OpenApiDocument = { body, hash, etag: `"${hash}"` };
  cache.set(groupVersion, doc);
  return doc;
}

/** True for the group/versions `openApiDocument` serves (route helper). */
export function isOpenApiGroupVersion(value: string): value is OpenApiGroupVersion {
  return (OPENAPI_GROUP_VERSIONS as readonly string[]).includes(value);
}

/** `GET /openapi/v3`: where each group/version's document lives, keyed by its current hash. */
export function openApiIndex(): Json {
  const paths: { [key: string]: Json } = {};
  for (const gv of OPENAPI_GROUP_VERSIONS) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${openApiDocument(gv).hash}` };
  return { paths };
}
