/** Actions on the world around the objects: the image registry, node capacity, and time. */
import { z } from 'zod';
import { applyObject } from '../../sim/operations.js';
import { defineAction } from './types.js';

/** A tag that fails to pull: adds an image-catalog override (`not-found` or `denied`). */
export const breakImage = defineAction({
  name: 'breakImage',
  description: 'make an image reference fail to pull (ErrImagePull / ImagePullBackOff)',
  params: z.strictObject({ image: z.string().min(1), pull: z.enum(['not-found', 'denied']).default('not-found') }),
  run: ({ cluster }, p) => {
    cluster.images = [{ image: p.image, pull: p.pull }, ...cluster.images.filter((o) => o.image !== p.image)];
  },
});

/** Consumes a node's allocatable CPU/memory with a bound placeholder pod, so bigger pods stay Pending. */
export const fillNode = defineAction({
  name: 'fillNode',
  description: "consume a node's allocatable resources with a placeholder pod",
  params: z.strictObject({ node: z.string().min(1), cpu: z.string().min(1).optional(), memory: z.string().min(1).optional() }).refine((p) => p.cpu !== undefined || p.memory !== undefined, { message: 'give cpu, memory or both' }),
  run: ({ cluster }, p) => {
    const requests: Record<string, string> = {};
    if (p.cpu !== undefined) requests['cpu'] = p.cpu;
    if (p.memory !== undefined) requests['memory'] = p.memory;
    applyObject(cluster, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `filler-${p.node}`, namespace: 'kube-system', labels: { app: 'filler' } },
      spec: { nodeName: p.node, containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.9', resources: { requests, limits: requests } }] },
      status: { phase: 'Pending' },
    });
  },
});

/** Lets simulated time pass (image pulls, back-offs, tolerationSeconds). */
export const advanceTime = defineAction({
  name: 'advanceTime',
  description: 'let simulated time pass',
  params: z.strictObject({ seconds: z.number().positive().max(24 * 3600) }),
  run: ({ cluster }, p) => cluster.advance(p.seconds * 1000),
});
