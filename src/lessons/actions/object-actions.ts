/** Object actions: apply manifests, delete objects, change an image, roll back — what a learner types with kubectl. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import type { KubeObject, NewObject } from '../../cluster/types.js';
import { StoreError } from '../../sim/errors.js';
import { applyObject, daemonPodOn, deleteObject as simDelete, rollback, setImage as simSetImage } from '../../sim/operations.js';
import { defineAction } from './types.js';

const CLUSTER_SCOPED = new Set(['Node', 'Namespace']);

/** Manifests from a file (relative to the lesson folder) or inline, namespace defaulted like kubectl. */
function manifests(lessonDir: string, p: { file?: string | undefined; manifest?: Record<string, unknown> | undefined }): NewObject<KubeObject>[] {
  const docs = p.file !== undefined ? yaml.loadAll(readFileSync(path.resolve(lessonDir, p.file), 'utf8')) : [p.manifest];
  return docs
    .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
    .map((d) => {
      const meta = { ...((d['metadata'] as Record<string, unknown> | undefined) ?? {}) };
      if (!CLUSTER_SCOPED.has(String(d['kind'])) && meta['namespace'] === undefined) meta['namespace'] = 'default';
      return { ...d, metadata: meta } as unknown as NewObject<KubeObject>;
    });
}

/** `kubectl apply -f FILE` (or an inline manifest). */
export const applyManifest = defineAction({
  name: 'applyManifest',
  description: 'create or update objects from a manifest file (relative to the lesson) or inline',
  params: z
    .strictObject({ file: z.string().min(1).optional(), manifest: z.record(z.string(), z.unknown()).optional() })
    .refine((p) => (p.file === undefined) !== (p.manifest === undefined), { message: 'give exactly one of file or manifest' }),
  run: ({ cluster, lessonDir }, p) => {
    for (const obj of manifests(lessonDir, p)) applyObject(cluster, obj);
  },
  kubectl: () => ({ command: 'kubectl apply', verb: 'patch' }),
});

/** `kubectl delete pod <the DaemonSet's pod on NODE>` (generated pod names are not known in advance). */
export const deleteDaemonPod = defineAction({
  name: 'deleteDaemonPod',
  description: "delete the DaemonSet's (non-terminating) pod on a node",
  params: z.strictObject({ daemonSet: z.string().min(1), node: z.string().min(1), namespace: z.string().min(1).default('default') }),
  run: ({ cluster }, p) => {
    const ds = cluster.store.mustGet('DaemonSet', p.namespace, p.daemonSet);
    const pod = daemonPodOn(cluster, ds, p.node);
    if (!pod) throw new StoreError('NotFound', `${p.daemonSet} has no running pod on ${p.node}`);
    simDelete(cluster, 'Pod', p.namespace, pod.metadata.name, { propagationPolicy: 'Background' });
  },
  kubectl: () => ({ command: 'kubectl delete', verb: 'delete', resource: 'pods' }),
});

/** `kubectl delete KIND NAME [--cascade=...]`. */
export const deleteObject = defineAction({
  name: 'deleteObject',
  description: 'delete an object, with a cascade policy',
  params: z.strictObject({
    kind: z.enum(['DaemonSet', 'Pod', 'Node', 'ControllerRevision']),
    name: z.string().min(1),
    namespace: z.string().min(1).default('default'),
    cascade: z.enum(['background', 'foreground', 'orphan']).default('background'),
  }),
  run: ({ cluster }, p) => {
    const policy = ({ background: 'Background', foreground: 'Foreground', orphan: 'Orphan' } as const)[p.cascade];
    simDelete(cluster, p.kind, CLUSTER_SCOPED.has(p.kind) ? undefined : p.namespace, p.name, { propagationPolicy: policy });
  },
  kubectl: (p) => ({ command: 'kubectl delete', verb: 'delete', resource: `${p.kind.toLowerCase()}s`, name: p.name }),
});

/** `kubectl annotate KIND NAME k=v --overwrite` / `k-`: e.g. a DaemonSet's kubernetes.io/change-cause before a change. */
export const annotate = defineAction({
  name: 'annotate',
  description: 'set or remove annotations on an object',
  params: z.strictObject({
    kind: z.enum(['DaemonSet', 'ControllerRevision', 'Pod', 'Node']),
    name: z.string().min(1),
    namespace: z.string().min(1).default('default'),
    set: z.record(z.string(), z.string()).optional(),
    remove: z.array(z.string()).optional(),
  }),
  run: ({ cluster }, p) => {
    cluster.store.mutate(p.kind, CLUSTER_SCOPED.has(p.kind) ? undefined : p.namespace, p.name, (o) => {
      const annotations: Record<string, string> = { ...(o.metadata.annotations ?? {}), ...(p.set ?? {}) };
      for (const k of p.remove ?? []) delete annotations[k];
      o.metadata.annotations = annotations;
    });
  },
  kubectl: (p) => ({ command: 'kubectl annotate', verb: 'patch', resource: `${p.kind.toLowerCase()}s`, name: p.name }),
});

/** `kubectl set image ds/NAME CONTAINER=IMAGE`. */
export const setImage = defineAction({
  name: 'setImage',
  description: "change a DaemonSet container's image",
  params: z.strictObject({ daemonSet: z.string().min(1), namespace: z.string().min(1).default('default'), container: z.string().min(1), image: z.string().min(1) }),
  run: ({ cluster }, p) => void simSetImage(cluster, p.namespace, p.daemonSet, p.container, p.image),
  kubectl: (p) => ({ command: 'kubectl set image', verb: 'patch', resource: 'daemonsets', name: p.daemonSet }),
});

/** `kubectl rollout undo ds/NAME [--to-revision=N]`. */
export const rolloutUndo = defineAction({
  name: 'rolloutUndo',
  description: 'roll a DaemonSet back to its previous (or a given) revision',
  params: z.strictObject({ daemonSet: z.string().min(1), namespace: z.string().min(1).default('default'), toRevision: z.number().int().nonnegative().default(0) }),
  run: ({ cluster }, p) => void rollback(cluster, p.namespace, p.daemonSet, p.toRevision),
  kubectl: (p) => ({ command: 'kubectl rollout undo', verb: 'patch', resource: 'daemonsets', name: p.daemonSet }),
});
