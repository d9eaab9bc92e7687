/** daemonSetImage: the template runs a given image (after `set image`, an edit or an apply). */
import { z } from 'zod';
import { imagesOf, withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** The named container (or the only/first one) of the pod template uses exactly this image. */
export const daemonSetImage = defineCheck({
  name: 'daemonSetImage',
  description: 'a container of the pod template uses the image',
  params: z.strictObject({ ...daemonSetRef, image: z.string().min(1), container: z.string().min(1).optional() }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const containers = ds.spec.template.spec.containers;
      const c = p.container === undefined ? containers[0] : containers.find((x) => x.name === p.container);
      if (!c) return fail(`${ds.metadata.name} has no container named ${p.container ?? '(any)'}; its containers: ${imagesOf(ds)}.`);
      if (c.image === p.image) return PASS;
      return fail(`Container ${c.name} of ${ds.metadata.name} runs ${c.image ?? '(no image)'}, not ${p.image}.`);
    }),
});
