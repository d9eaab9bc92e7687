/**
 * Pod volume validation (`ValidateVolumes`): names, exactly one source, and the hostPath
 * rules DaemonSets (log shippers, node agents) use constantly.
 */
import type { Volume } from '../../cluster/types.js';
import { child, duplicate, forbidden, index, invalid, notSupported, required, type FieldError } from './field-error.js';
import { goStr } from './go-format.js';
import { isDns1123Label } from './names.js';

/** Volume source fields in the order the apiserver checks them. */
const SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral', 'image',
];

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateHostPath(source: { path?: unknown; type?: unknown }, path: string): FieldError[] {
  const hostPath = String(source.path ?? '');
  if (hostPath === '') return [required(child(path, 'path'))];
  const errs: FieldError[] = [];
  if (hostPath.split('/').includes('..')) errs.push(invalid(child(path, 'path'), goStr(hostPath), "must not contain '..'"));
  if (source.type !== undefined && source.type !== null) {
    const t = String(source.type);
    if (!HOST_PATH_TYPES.includes(t)) errs.push(notSupported(child(path, 'type'), goStr(t), HOST_PATH_TYPES));
  }
  return errs;
}

function validateSource(vol: Volume, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const key of SOURCES) {
    const source = vol[key];
    if (source === undefined || source === null) continue;
    if (count > 0) {
      errs.push(forbidden(child(path, key), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    if (key === 'hostPath' && typeof source === 'object' && !Array.isArray(source)) errs.push(...validateHostPath(source, child(path, key)));
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** Validates `volumes` and returns the names containers may mount. */
export function validateVolumes(volumes: readonly Volume[] | undefined, path: string): { names: Set<string>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((vol, i) => {
    const p = index(path, i);
    const namePath = child(p, 'name');
    const name = String(vol.name ?? '');
    const el = validateSource(vol, p);
    if (name === '') el.push(required(namePath));
    else for (const msg of isDns1123Label(name)) el.push(invalid(namePath, goStr(name), msg));
    if (names.has(name)) el.push(duplicate(namePath, goStr(name)));
    if (el.length === 0) names.add(name);
    else errors.push(...el);
  });
  return { names, errors };
}
