/**
 * The pod a DaemonSet creates for a node (CreatePodTemplate + ReplaceDaemonSetPodNodeNameNodeAffinity):
 * template labels plus revision labels, the default DaemonSet tolerations, and required node
 * affinity pinning it to its node by `metadata.name` so the scheduler binds it there.
 */
import { withDefaultDaemonTolerations } from '../../../cluster/daemon-placement.js';
import type { Affinity, DaemonSet, NewObject, Pod } from '../../../cluster/types.js';
import { cloneJson } from '../../json.js';
import { REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL } from './history.js';

/** Builds the pod object for `nodeName` (the store assigns the generated name). */
export function newDaemonPod(ds: DaemonSet, nodeName: string, hash: string, generation: number | undefined): NewObject<Pod> {
  const template = cloneJson(ds.spec.template);
  const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash) labels[REVISION_HASH_LABEL] = hash;
  const spec = template.spec;
  spec.tolerations = withDefaultDaemonTolerations(spec.tolerations, spec.hostNetwork === true);
  spec.affinity = pinToNode(spec.affinity, nodeName);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels,
      ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec,
    status: { phase: 'Pending' },
  };
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
