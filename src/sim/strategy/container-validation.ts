/**
 * Container validation (`validateContainers`, `validateContainerCommon` and friends): names,
 * image, ports, env, mounts, pull policy and resources, in the apiserver's order.
 */
import type { Container, ContainerPort, EnvVar, VolumeMount } from '../../cluster/types.js';
import { child, duplicate, forbidden, index, invalid, notFound, notSupported, required, type FieldError } from './field-error.js';
import { extraField, goPlain, goStr } from './go-format.js';
import { isDns1123Label, isEnvVarName, isValidPortName, isValidPortNum } from './names.js';
import { validateResourceRequirements } from './resources-validation.js';
import { validateEnvValueFrom } from './env-validation.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

function validatePorts(ports: readonly ContainerPort[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = index(path, i);
    const name = String(port.name ?? '');
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const msg of msgs) errs.push(invalid(child(p, 'name'), goStr(name), msg));
      else if (names.has(name)) errs.push(duplicate(child(p, 'name'), goStr(name)));
      else names.add(name);
    }
    const cp = Number(port.containerPort ?? 0);
    if (cp === 0) errs.push(required(child(p, 'containerPort')));
    else for (const msg of isValidPortNum(cp)) errs.push(invalid(child(p, 'containerPort'), goPlain(cp), msg));
    const hp = Number(port.hostPort ?? 0);
    if (hp !== 0) for (const msg of isValidPortNum(hp)) errs.push(invalid(child(p, 'hostPort'), goPlain(hp), msg));
    const protocol = String(port.protocol ?? '');
    if (protocol === '') errs.push(required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(p, 'protocol'), goStr(protocol), PROTOCOLS));
  });
  return errs;
}

function validateEnv(env: readonly EnvVar[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((ev, i) => {
    const p = index(path, i);
    const name = String(ev.name ?? '');
    if (name === '') errs.push(required(child(p, 'name')));
    else for (const msg of isEnvVarName(name)) errs.push(invalid(child(p, 'name'), goStr(name), msg));
    errs.push(...validateEnvValueFrom(ev, child(p, 'valueFrom')));
  });
  return errs;
}

function validateVolumeMounts(mounts: readonly VolumeMount[], volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  mounts.forEach((m, i) => {
    const p = index(path, i);
    const name = String(m.name ?? '');
    const mountPath = String(m.mountPath ?? '');
    if (name === '') errs.push(required(child(p, 'name')));
    if (!volumes.has(name)) errs.push(notFound(child(p, 'name'), goStr(name)));
    if (mountPath === '') errs.push(required(child(p, 'mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), goStr(mountPath), 'must be unique'));
    mountPoints.add(mountPath);
  });
  return errs;
}

function validateContainerCommon(c: Container, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = String(c.name ?? '');
  if (name === '') errs.push(required(child(path, 'name')));
  else for (const msg of isDns1123Label(name)) errs.push(invalid(child(path, 'name'), goStr(name), msg));
  if (String(c.image ?? '') === '') errs.push(required(child(path, 'image')));
  const tmp = String(extraField(c, 'terminationMessagePolicy') ?? '');
  if (tmp === '') errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (!MESSAGE_POLICIES.includes(tmp)) errs.push(notSupported(child(path, 'terminationMessagePolicy'), goStr(tmp), MESSAGE_POLICIES));
  errs.push(...validatePorts(c.ports ?? [], child(path, 'ports')));
  errs.push(...validateEnv(c.env ?? [], child(path, 'env')));
  errs.push(...validateVolumeMounts(c.volumeMounts ?? [], volumes, child(path, 'volumeMounts')));
  const pull = String(c.imagePullPolicy ?? '');
  if (pull === '') errs.push(required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(child(path, 'imagePullPolicy'), goStr(pull), PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, child(path, 'resources')));
  return errs;
}

function hostPortConflicts(containers: readonly Container[], path: string, seen: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      const hp = Number(port.hostPort ?? 0);
      if (hp === 0) return;
      const hostIP = String(extraField(port, 'hostIP') ?? '');
      const key = `${hostIP}/${String(port.protocol ?? '')}/${hp}`;
      if (seen.has(key)) errs.push(duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), goStr(key)));
      else seen.add(key);
    });
  });
  return errs;
}

/** `validateContainers`: at least one, each valid, names unique, host ports not shared. */
export function validateContainers(containers: readonly Container[] | undefined, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const list = containers ?? [];
  if (list.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = String(c.name ?? '');
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), goStr(name)));
    else names.add(name);
    if (c.restartPolicy !== undefined) errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(list, path, new Set<string>()));
  return errs;
}

/** `validateInitContainers`: like containers, names unique across both lists, sidecar policy. */
export function validateInitContainers(
  init: readonly Container[] | undefined,
  regular: readonly Container[] | undefined,
  volumes: ReadonlySet<string>,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => String(c.name ?? '')));
  (init ?? []).forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (c.restartPolicy !== undefined && String(c.restartPolicy) !== 'Always')
      errs.push(notSupported(child(p, 'restartPolicy'), goStr(String(c.restartPolicy)), ['Always']));
    const name = String(c.name ?? '');
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), goStr(name)));
    else if (name !== '') names.add(name);
    errs.push(...hostPortConflicts([c], path, new Set<string>()));
    if (c.restartPolicy === undefined && c.readinessProbe !== undefined)
      errs.push(forbidden(child(p, 'readinessProbe'), 'may not be set for init containers without restartPolicy=Always'));
  });
  return errs;
}
