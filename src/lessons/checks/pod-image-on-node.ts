/**
 * podImageOnNode: the DaemonSet's pod on one node runs a given image. With the OnDelete
 * strategy a template change reaches a node only when its pod is deleted, so this is how a
 * task sees "updated on this node by hand, still the old image on that one".
 */
import { z } from 'zod';
import { podsByNode } from '../query.js';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** The live pod of the DaemonSet on `node` has a container (named `container`, or the first) running `image`. */
export const podImageOnNode = defineCheck({
  name: 'podImageOnNode',
  description: "the DaemonSet's pod on the node runs the image",
  params: z.strictObject({ ...daemonSetRef, node: z.string().min(1), image: z.string().min(1), container: z.string().min(1).optional() }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const name = ds.metadata.name;
      const pods = podsByNode(snap, ds).get(p.node) ?? [];
      if (pods.length === 0) return fail(`${name} has no pod on ${p.node} right now.`);
      const images = pods.map((pod) => {
        const containers = pod.spec.containers;
        const c = p.container === undefined ? containers[0] : containers.find((x) => x.name === p.container);
        return { pod: pod.metadata.name, image: c?.image };
      });
      if (images.some((x) => x.image === p.image)) return PASS;
      const first = images[0];
      if (first?.image === undefined) return fail(`Pod ${first?.pod ?? ''} of ${name} on ${p.node} has no container named ${p.container ?? '(any)'}.`);
      return fail(`Pod ${first.pod} of ${name} on ${p.node} runs ${first.image}, not ${p.image}.`);
    }),
});
