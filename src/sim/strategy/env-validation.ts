/**
 * `env[].valueFrom` validation. DaemonSets lean on the downward API (`spec.nodeName`,
 * `status.hostIP`), so a typo there must fail the way the apiserver fails it.
 */
import type { EnvVar } from '../../cluster/types.js';
import { child, invalid, notSupported, required, type FieldError } from './field-error.js';
import { goStr } from './go-format.js';
import { isQualifiedName } from './names.js';

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

/** Labels kubelet's field-label conversion accepts for pods (v1). */
const CONVERTIBLE = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
  'spec.host',
]);

const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function splitSubscript(path: string): { path: string; subscript: string } | undefined {
  const m = /^(.*)\['(.*)'\]$/.exec(path);
  return m ? { path: m[1] ?? '', subscript: m[2] ?? '' } : undefined;
}

function validateFieldRef(ref: { fieldPath?: string; apiVersion?: string }, path: string): FieldError[] {
  const apiVersion = String(ref.apiVersion ?? '');
  const fieldPath = String(ref.fieldPath ?? '');
  if (apiVersion === '') return [required(child(path, 'apiVersion'))];
  if (fieldPath === '') return [required(child(path, 'fieldPath'))];
  const sub = splitSubscript(fieldPath);
  let convertError: string | undefined;
  if (apiVersion !== 'v1') convertError = `unsupported pod version: ${apiVersion}`;
  else if (sub !== undefined && sub.path !== 'metadata.annotations' && sub.path !== 'metadata.labels')
    convertError = `field label does not support subscript: ${fieldPath}`;
  else if (sub === undefined && !CONVERTIBLE.has(fieldPath)) convertError = `field label not supported: ${fieldPath}`;
  if (convertError !== undefined) return [invalid(child(path, 'fieldPath'), goStr(fieldPath), `error converting fieldPath: ${convertError}`)];
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (sub !== undefined) {
    const key = sub.path === 'metadata.annotations' ? sub.subscript.toLowerCase() : sub.subscript;
    return isQualifiedName(key).map((msg) => invalid(path, goStr(key), msg));
  }
  return ENV_FIELD_PATHS.includes(internal) ? [] : [notSupported(child(path, 'fieldPath'), goStr(internal), ENV_FIELD_PATHS)];
}

function validateKeyRef(ref: { name?: string; key?: string }, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const key = String(ref.key ?? '');
  if (key === '') errs.push(required(child(path, 'key')));
  else if (!/^[-._a-zA-Z0-9]+$/.test(key))
    errs.push(
      invalid(
        child(path, 'key'),
        goStr(key),
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ),
    );
  return errs;
}

/** `validateEnvVarValueFrom`: one source, not combined with `value`, each source well formed. */
export function validateEnvValueFrom(ev: EnvVar, path: string): FieldError[] {
  const from = ev.valueFrom;
  if (from === undefined || from === null) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  if (from.fieldRef) {
    sources++;
    errs.push(...validateFieldRef(from.fieldRef, child(path, 'fieldRef')));
  }
  if (from.resourceFieldRef) {
    sources++;
    const resource = String(from.resourceFieldRef.resource ?? '');
    const p = child(path, 'resourceFieldRef');
    if (resource === '') errs.push(required(child(p, 'resource')));
    else if (!RESOURCE_FIELDS.includes(resource) && !resource.startsWith('requests.hugepages-') && !resource.startsWith('limits.hugepages-'))
      errs.push(notSupported(child(p, 'resource'), goStr(resource), RESOURCE_FIELDS));
  }
  if (from.configMapKeyRef) {
    sources++;
    errs.push(...validateKeyRef(from.configMapKeyRef, child(path, 'configMapKeyRef')));
  }
  if (from.secretKeyRef) {
    sources++;
    errs.push(...validateKeyRef(from.secretKeyRef, child(path, 'secretKeyRef')));
  }
  if (sources === 0) errs.push(invalid(path, goStr(''), 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (String(ev.value ?? '') !== '') errs.push(invalid(path, goStr(''), 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(invalid(path, goStr(''), 'may not have more than one field specified at a time'));
  return errs;
}
