/** resourceRequestsSet: every container asks for CPU and memory (a DaemonSet runs on every node). */
import { z } from 'zod';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** Each container of the template sets the listed resource requests (default cpu and memory). */
export const resourceRequestsSet = defineCheck({
  name: 'resourceRequestsSet',
  description: 'every container of the pod template sets resource requests',
  params: z.strictObject({ ...daemonSetRef, resources: z.array(z.string().min(1)).min(1).default(['cpu', 'memory']) }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      for (const c of ds.spec.template.spec.containers) {
        const missing = p.resources.filter((r) => c.resources?.requests?.[r] === undefined);
        if (missing.length) return fail(`Container ${c.name} of ${ds.metadata.name} sets no ${missing.join(' or ')} request (resources.requests).`);
      }
      return PASS;
    }),
});
