/**
 * The pod a DaemonSet creates for a node (CreatePodTemplate + ReplaceDaemonSetPodNodeNameNodeAffinity):
 * template labels plus revision labels, the default DaemonSet tolerations, and required node
 * affinity pinning it to its node by `metadata.name` so the scheduler binds it there.
 */
import { withDefaultDaemonTolerations } from '../../../cluster/daemon-placement.js';
import type { Affinity, DaemonSet, NewObject, OwnerReference, Pod, PodSpec, Toleration } from '../../../cluster/types.js';
import { cloneJson, deepFreeze } from '../../json.js';
import { REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL } from './history.js';

/** Parts identical in every pod of one DaemonSet revision, shared (frozen) between its pods. */
interface SharedParts {
  key: string;
  labels: Record<string, string>;
  annotations: Record<string, string> | undefined;
  ownerReferences: OwnerReference[];
  tolerations: Toleration[];
}

const sharedByDaemonSet = new WeakMap<DaemonSet, SharedParts>();

function buildShared(ds: DaemonSet, key: string, hash: string, generation: number | undefined): SharedParts {
  const template = ds.spec.template;
  const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash) labels[REVISION_HASH_LABEL] = hash;
  return {
    key,
    labels,
    annotations: template.metadata?.annotations ? cloneJson(template.metadata.annotations) : undefined,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }],
    tolerations: withDefaultDaemonTolerations(template.spec.tolerations, template.spec.hostNetwork === true),
  };
}

/** The shared parts for this DaemonSet object (a stored, frozen one is cached). */
function sharedParts(ds: DaemonSet, hash: string, generation: number | undefined): SharedParts {
  const key = `${hash}/${generation ?? ''}`;
  if (!Object.isFrozen(ds)) return buildShared(ds, key, hash, generation);
  let parts = sharedByDaemonSet.get(ds);
  if (parts?.key !== key) {
    parts = deepFreeze(buildShared(ds, key, hash, generation));
    sharedByDaemonSet.set(ds, parts);
  }
  return parts;
}

/** Builds the pod object for `nodeName` (the store assigns the generated name). */
export function newDaemonPod(ds: DaemonSet, nodeName: string, hash: string, generation: number | undefined): NewObject<Pod> {
  const shared = sharedParts(ds, hash, generation);
  const spec = copySpec(ds.spec.template.spec, shared.tolerations);
  spec.affinity = pinToNode(spec.affinity, nodeName);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    // name, uid, creationTimestamp and resourceVersion are the store's to fill in; listing them
    // here (in the order the store adds them) keeps every stored version's metadata in-object.
    metadata: shared.annotations
      ? { generateName: `${ds.metadata.name}-`, namespace: ds.metadata.namespace, labels: shared.labels, annotations: shared.annotations, ownerReferences: shared.ownerReferences, name: '', uid: '', creationTimestamp: '', resourceVersion: '' }
      : { generateName: `${ds.metadata.name}-`, namespace: ds.metadata.namespace, labels: shared.labels, ownerReferences: shared.ownerReferences, name: '', uid: '', creationTimestamp: '', resourceVersion: '' },
    spec,
    status: { phase: 'Pending' },
  };
}

/** A private copy of the template's pod spec (key order kept) with the shared tolerations; affinity is left for pinToNode to copy. */
function copySpec(template: PodSpec, tolerations: Toleration[]): PodSpec {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (value === undefined) continue;
    out[key] = key === 'tolerations' ? tolerations : key === 'affinity' ? value : cloneJson(value);
  }
  if (!('tolerations' in out)) out['tolerations'] = tolerations;
  return out as unknown as PodSpec;
}

/** Replaces required node-affinity terms with `metadata.name In [node]`, keeping the rest. */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const out: Affinity = affinity ? cloneJson(affinity) : {};
  out.nodeAffinity = {
    ...(out.nodeAffinity ?? {}),
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
    },
  };
  return out;
}
