/**
 * envVarSet: a container of the pod template sets an environment variable (to a value, when
 * given), the usual repair when a DaemonSet's pods crash because a setting is missing.
 */
import { z } from 'zod';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** The named container (or the first) has `env` entry `name`, with `value` when given. */
export const envVarSet = defineCheck({
  name: 'envVarSet',
  description: 'a container of the pod template sets the environment variable (to the value)',
  params: z.strictObject({ ...daemonSetRef, name: z.string().min(1), value: z.string().optional(), container: z.string().min(1).optional() }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const containers = ds.spec.template.spec.containers;
      const c = p.container === undefined ? containers[0] : containers.find((x) => x.name === p.container);
      if (!c) return fail(`${ds.metadata.name} has no container named ${p.container ?? '(any)'}.`);
      const want = p.value === undefined ? p.name : `${p.name}=${p.value}`;
      const entry = (c.env ?? []).find((e) => e.name === p.name);
      if (!entry) return fail(`Container ${c.name} of ${ds.metadata.name} does not set ${p.name} (spec.template.spec.containers[].env); want ${want}.`);
      if (p.value === undefined) return PASS;
      if (entry.valueFrom !== undefined) return fail(`Container ${c.name} of ${ds.metadata.name} takes ${p.name} from a reference (valueFrom); want the value ${p.value}.`);
      if ((entry.value ?? '') !== p.value) return fail(`Container ${c.name} of ${ds.metadata.name} sets ${p.name}=${entry.value ?? ''}, not ${p.value}.`);
      return PASS;
    }),
});
