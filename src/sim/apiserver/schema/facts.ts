/**
 * Hand-kept facts about Kubernetes API types that client-node's generated models do not carry:
 * which kinds we serve (and their GVKs), patch merge keys and strategies, quantity fields, and
 * the package each type lives in. Both the generator script and the run-time registry read it.
 */

/** A served kind: its group/version and the client-node model class it is generated from. */
export interface RootKind {
  group: string;
  version: string;
  kind: string;
  /** Canonical OpenAPI type name, e.g. `io.k8s.api.apps.v1.DaemonSet`. */
  typeName: string;
  /** The `@kubernetes/client-node` model class name, e.g. `V1DaemonSet`. */
  modelClass: string;
}

const CORE = 'io.k8s.api.core.v1';
const APPS = 'io.k8s.api.apps.v1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Kinds the simulator serves or accepts as bodies; the schema walk starts from these. */
export const ROOT_KINDS: readonly RootKind[] = [
  { group: '', version: 'v1', kind: 'Pod', typeName: `${CORE}.Pod`, modelClass: 'V1Pod' },
  { group: '', version: 'v1', kind: 'Node', typeName: `${CORE}.Node`, modelClass: 'V1Node' },
  { group: '', version: 'v1', kind: 'Namespace', typeName: `${CORE}.Namespace`, modelClass: 'V1Namespace' },
  { group: '', version: 'v1', kind: 'Event', typeName: `${CORE}.Event`, modelClass: 'CoreV1Event' },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', typeName: `${APPS}.DaemonSet`, modelClass: 'V1DaemonSet' },
  {
    group: 'apps',
    version: 'v1',
    kind: 'ControllerRevision',
    typeName: `${APPS}.ControllerRevision`,
    modelClass: 'V1ControllerRevision',
  },
  { group: '', version: 'v1', kind: 'Status', typeName: `${META}.Status`, modelClass: 'V1Status' },
  { group: '', version: 'v1', kind: 'DeleteOptions', typeName: `${META}.DeleteOptions`, modelClass: 'V1DeleteOptions' },
  { group: 'policy', version: 'v1', kind: 'Eviction', typeName: 'io.k8s.api.policy.v1.Eviction', modelClass: 'V1Eviction' },
  {
    group: 'coordination.k8s.io',
    version: 'v1',
    kind: 'Lease',
    typeName: 'io.k8s.api.coordination.v1.Lease',
    modelClass: 'V1Lease',
  },
];

/** meta/v1 types (everything else defaults to core/v1 unless listed below). */
const META_TYPES = new Set([
  'ObjectMeta', 'ListMeta', 'LabelSelector', 'LabelSelectorRequirement', 'OwnerReference', 'ManagedFieldsEntry',
  'Status', 'StatusDetails', 'StatusCause', 'DeleteOptions', 'Preconditions', 'Condition',
]);
const APPS_TYPES = new Set([
  'DaemonSet', 'DaemonSetSpec', 'DaemonSetStatus', 'DaemonSetCondition', 'DaemonSetUpdateStrategy',
  'RollingUpdateDaemonSet', 'ControllerRevision',
]);
const OTHER_TYPES: Record<string, string> = {
  Eviction: 'io.k8s.api.policy.v1',
  Lease: 'io.k8s.api.coordination.v1',
  LeaseSpec: 'io.k8s.api.coordination.v1',
};

/** Canonical OpenAPI name of a client-node model class (`V1PodSpec` → `io.k8s.api.core.v1.PodSpec`). */
export function canonicalTypeName(modelClass: string): string {
  const short = modelClass.replace(/^CoreV1/, '').replace(/^V1/, '');
  if (META_TYPES.has(short)) return `${META}.${short}`;
  if (APPS_TYPES.has(short)) return `${APPS}.${short}`;
  const pkg = OTHER_TYPES[short];
  return pkg ? `${pkg}.${short}` : `${CORE}.${short}`;
}

/** Well-known leaf types that the real spec models as named schemas. */
export const SPECIAL_TYPES = {
  time: `${META}.Time`,
  microTime: `${META}.MicroTime`,
  intOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  rawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
  fieldsV1: `${META}.FieldsV1`,
} as const;

/** Patch metadata of a field, as `x-kubernetes-patch-strategy` / `-merge-key` declare it. */
export interface PatchFact {
  strategy: 'merge' | 'merge,retainKeys' | 'replace' | 'retainKeys';
  mergeKey?: string;
}

/** `<ShortTypeName>.<field>` → patch metadata; every list not listed is replaced whole. */
export const PATCH_FACTS: Readonly<Record<string, PatchFact>> = {
  'PodSpec.containers': { strategy: 'merge', mergeKey: 'name' },
  'PodSpec.initContainers': { strategy: 'merge', mergeKey: 'name' },
  'PodSpec.ephemeralContainers': { strategy: 'merge', mergeKey: 'name' },
  'PodSpec.volumes': { strategy: 'merge,retainKeys', mergeKey: 'name' },
  'PodSpec.imagePullSecrets': { strategy: 'merge', mergeKey: 'name' },
  'PodSpec.hostAliases': { strategy: 'merge', mergeKey: 'ip' },
  'PodSpec.topologySpreadConstraints': { strategy: 'merge', mergeKey: 'topologyKey' },
  'PodSpec.resourceClaims': { strategy: 'merge,retainKeys', mergeKey: 'name' },
  'PodSpec.schedulingGates': { strategy: 'merge', mergeKey: 'name' },
  'Container.env': { strategy: 'merge', mergeKey: 'name' },
  'Container.ports': { strategy: 'merge', mergeKey: 'containerPort' },
  'Container.volumeMounts': { strategy: 'merge', mergeKey: 'mountPath' },
  'Container.volumeDevices': { strategy: 'merge', mergeKey: 'devicePath' },
  'EphemeralContainer.env': { strategy: 'merge', mergeKey: 'name' },
  'EphemeralContainer.ports': { strategy: 'merge', mergeKey: 'containerPort' },
  'EphemeralContainer.volumeMounts': { strategy: 'merge', mergeKey: 'mountPath' },
  'EphemeralContainer.volumeDevices': { strategy: 'merge', mergeKey: 'devicePath' },
  'ObjectMeta.ownerReferences': { strategy: 'merge', mergeKey: 'uid' },
  'ObjectMeta.finalizers': { strategy: 'merge' },
  'PodStatus.conditions': { strategy: 'merge', mergeKey: 'type' },
  'PodStatus.podIPs': { strategy: 'merge', mergeKey: 'ip' },
  'PodStatus.hostIPs': { strategy: 'merge', mergeKey: 'ip' },
  'PodStatus.resourceClaimStatuses': { strategy: 'merge,retainKeys', mergeKey: 'name' },
  'NodeStatus.addresses': { strategy: 'merge', mergeKey: 'type' },
  'NodeStatus.conditions': { strategy: 'merge', mergeKey: 'type' },
  'NodeSpec.podCIDRs': { strategy: 'merge' },
  'NamespaceStatus.conditions': { strategy: 'merge', mergeKey: 'type' },
  'DaemonSetStatus.conditions': { strategy: 'merge', mergeKey: 'type' },
};

/** Fields whose values are resource quantities (`ResourceList` maps or single quantities). */
export const QUANTITY_FIELDS: ReadonlySet<string> = new Set([
  'ResourceRequirements.limits',
  'ResourceRequirements.requests',
  'VolumeResourceRequirements.limits',
  'VolumeResourceRequirements.requests',
  'NodeStatus.capacity',
  'NodeStatus.allocatable',
  'PodSpec.overhead',
  'ContainerStatus.allocatedResources',
  'EmptyDirVolumeSource.sizeLimit',
  'ResourceFieldSelector.divisor',
]);

/** Short name of a canonical type name (`io.k8s.api.core.v1.PodSpec` → `PodSpec`). */
export function shortTypeName(typeName: string): string {
  return typeName.slice(typeName.lastIndexOf('.') + 1);
}
