/**
 * `ValidatePodSpec` and `ValidatePodTemplateSpec` in the apiserver's order, so a DaemonSet's
 * template and a bare Pod fail with the same causes a real cluster lists.
 */
import type { NewObject, Pod, PodSpec, PodTemplateSpec } from '../../cluster/types.js';
import { validateContainers, validateInitContainers } from './container-validation.js';
import { child, index, invalid, notSupported, required, type FieldError } from './field-error.js';
import { extraField, goPlain, goStr } from './go-format.js';
import { validateAnnotations, validateLabels, validateObjectMeta } from './meta-validation.js';
import { nameIsDnsSubdomain } from './names.js';
import { validateNodeAffinity, validateTolerations } from './scheduling-validation.js';
import { validateVolumes } from './volume-validation.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

function validateEnum(value: unknown, allowed: readonly string[], path: string): FieldError[] {
  const v = String(value ?? '');
  if (v === '') return [required(path)];
  return allowed.includes(v) ? [] : [notSupported(path, goStr(v), allowed)];
}

function validateNames(value: unknown, path: string): FieldError[] {
  const v = String(value ?? '');
  if (v === '') return [];
  return nameIsDnsSubdomain(v, false).map((msg) => invalid(path, goStr(v), msg));
}

function validateHostNetworkPorts(spec: PodSpec, path: string, resourceIsPod: boolean): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  const errs: FieldError[] = [];
  spec.containers?.forEach((c, ci) => {
    c.ports?.forEach((port, pi) => {
      const hp = Number(port.hostPort ?? 0);
      const cp = Number(port.containerPort ?? 0);
      if ((resourceIsPod || hp !== 0) && hp !== cp)
        errs.push(invalid(child(index(child(index(child(path, 'containers'), ci), 'ports'), pi), 'hostPort'), goPlain(hp), 'must match `containerPort` when `hostNetwork` is true'));
    });
  });
  return errs;
}

/** Whether the spec belongs to a Pod (stricter hostNetwork port rule) or a template. */
export interface PodSpecOptions {
  resourceIsPod: boolean;
}

/** `ValidatePodSpec`: volumes, containers, policies, scheduling fields, in Go's order. */
export function validatePodSpec(spec: PodSpec, path: string, opts: PodSpecOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null)
    errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  const volumes = validateVolumes(spec.volumes, child(path, 'volumes'));
  errs.push(...volumes.errors);
  errs.push(...validateContainers(spec.containers, volumes.names, child(path, 'containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, volumes.names, child(path, 'initContainers')));
  errs.push(...validateHostNetworkPorts(spec, path, opts.resourceIsPod));
  errs.push(...validateEnum(spec.restartPolicy, RESTART_POLICIES, child(path, 'restartPolicy')));
  errs.push(...validateEnum(spec.dnsPolicy, DNS_POLICIES, child(path, 'dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  if (spec.affinity?.nodeAffinity) errs.push(...validateNodeAffinity(spec.affinity.nodeAffinity, child(path, 'affinity', 'nodeAffinity')));
  errs.push(...validateNames(spec.serviceAccountName, child(path, 'serviceAccountName')));
  errs.push(...validateNames(spec.nodeName, child(path, 'nodeName')));
  if (spec.tolerations && spec.tolerations.length > 0) errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  errs.push(...validateNames(spec.priorityClassName, child(path, 'priorityClassName')));
  const preemption = extraField(spec, 'preemptionPolicy');
  if (preemption !== undefined && preemption !== null) errs.push(...validateEnum(preemption, PREEMPTION_POLICIES, child(path, 'preemptionPolicy')));
  return errs;
}

/** `ValidatePodTemplateSpec`: template labels (path `…template.labels`, as Go has it) and spec. */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const meta = template?.metadata;
  errs.push(...validateLabels(meta?.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(meta?.annotations, child(path, 'annotations')));
  const spec = template?.spec ?? ({ containers: [] } as PodSpec);
  errs.push(...validatePodSpec(spec, child(path, 'spec'), { resourceIsPod: false }));
  return errs;
}

/** Pod create validation (`ValidatePodCreate`), for pods written through the API. */
export function validatePod(pod: NewObject<Pod>): FieldError[] {
  const errs = validateObjectMeta(pod.metadata, { namespaced: true, nameFn: nameIsDnsSubdomain });
  errs.push(...validatePodSpec(pod.spec, 'spec', { resourceIsPod: true }));
  (pod.spec.containers ?? []).forEach((c, i) => {
    const image = String(c.image ?? '');
    if (image !== image.trim()) errs.push(invalid(child(index('spec.containers', i), 'image'), goStr(image), 'must not have leading or trailing whitespace'));
  });
  return errs;
}
