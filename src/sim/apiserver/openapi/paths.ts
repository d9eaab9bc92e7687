/**
 * `paths` of our OpenAPI v3 documents: one collection and one item path per served kind, with
 * operations shaped like a real apiserver's. kubectl 1.32 only trusts server-side field
 * validation when the item PATCH operation for the object's GVK declares `fieldValidation`.
 */
import type { Json } from '../../../cluster/types.js';
import { RESOURCES, type ResourceInfo } from '../../resources.js';
import { schemaFor } from '../schema/index.js';
import { schemaRef } from './schemas.js';

type JsonObject = { [key: string]: Json };

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

function query(name: string, description: string, type: 'string' | 'boolean' = 'string'): JsonObject {
  return { name, in: 'query', description, schema: type === 'string' ? { type, uniqueItems: true } : { type, uniqueItems: true } };
}

const DRY_RUN = query('dryRun', 'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed');
const FIELD_MANAGER = query('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.');
const FIELD_VALIDATION = query('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.');
const FORCE = query('force', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.', 'boolean');
const PRETTY = query('pretty', "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line tool (curl and wget).");
const MEDIA = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const PATCH_MEDIA = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

function pathParam(name: string, description: string): JsonObject {
  return { name, in: 'path', required: true, description, schema: { type: 'string', uniqueItems: true } };
}

function content(types: readonly string[], ref: string): JsonObject {
  return Object.fromEntries(types.map((t) => [t, { schema: { $ref: ref } }]));
}

function operation(r: ResourceInfo, verb: string, action: string, extra: JsonObject): JsonObject {
  const group = r.group || 'core';
  const id = `${verb}${r.group ? 'Apps' : 'Core'}V1${r.namespaced ? 'Namespaced' : ''}${r.kind}`;
  return {
    tags: [`${group.replace(/\..*/, '')}_v1`],
    description: `${verb} the specified ${r.kind}`,
    operationId: id,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: r.group, kind: r.kind, version: r.version },
    ...extra,
  };
}

function kindPaths(r: ResourceInfo, prefix: string): JsonObject {
  const root = schemaFor(r.kind);
  if (!root) return {};
  const ref = schemaRef(root.typeName);
  const ok = (code: string): JsonObject => ({ [code]: { description: code === '201' ? 'Created' : 'OK', content: content(MEDIA, ref) } });
  const scope = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.plural}` : `${prefix}/${r.plural}`;
  const common: Json[] = [PRETTY];
  if (r.namespaced) common.unshift(pathParam('namespace', 'object name and auth scope, such as for teams and projects'));
  const item: JsonObject = {
    get: operation(r, 'read', 'get', { responses: ok('200') }),
    put: operation(r, 'replace', 'put', {
      parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION],
      requestBody: { content: content(['*/*'], ref), required: true },
      responses: { ...ok('200'), ...ok('201') },
    }),
    patch: operation(r, 'patch', 'patch', {
      parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE],
      requestBody: { content: content(PATCH_MEDIA, schemaRef(`${META}.Patch`)), required: true },
      responses: { ...ok('200'), ...ok('201') },
    }),
    delete: operation(r, 'delete', 'delete', {
      parameters: [DRY_RUN],
      requestBody: { content: content(['*/*'], schemaRef(`${META}.DeleteOptions`)) },
      responses: { '200': { description: 'OK', content: content(MEDIA, schemaRef(`${META}.Status`)) } },
    }),
    parameters: [pathParam('name', `name of the ${r.kind}`), ...common],
  };
  const collection: JsonObject = {
    post: operation(r, 'create', 'post', {
      parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION],
      requestBody: { content: content(['*/*'], ref), required: true },
      responses: { ...ok('200'), ...ok('201') },
    }),
    parameters: common,
  };
  return { [scope]: collection, [`${scope}/{name}`]: item };
}

/** `paths` for one group/version (`api/v1` or `apis/apps/v1`). */
export function pathsFor(groupVersion: string): JsonObject {
  const prefix = `/${groupVersion}`;
  const out: JsonObject = {};
  for (const r of RESOURCES) {
    const gv = r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
    if (gv === groupVersion) Object.assign(out, kindPaths(r, prefix));
  }
  return out;
}
