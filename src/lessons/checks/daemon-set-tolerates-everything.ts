/**
 * daemonSetToleratesEverything: the pod template has the catch-all toleration (no key,
 * operator Exists), which ignores every taint anyone adds, NoExecute maintenance taints included.
 * Lessons use it (usually under `not`) when a requirement says "tolerate only what you need".
 */
import { z } from 'zod';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

/** Some toleration has an empty key with operator Exists (matching every key, and every effect when the effect is empty too). */
export const daemonSetToleratesEverything = defineCheck({
  name: 'daemonSetToleratesEverything',
  description: 'the pod template has the catch-all toleration (operator Exists without a key)',
  params: z.strictObject({ ...daemonSetRef }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const catchAll = (ds.spec.template.spec.tolerations ?? []).find((t) => (t.key ?? '') === '' && t.operator === 'Exists');
      if (catchAll) return PASS;
      return fail(`The pod template of ${ds.metadata.name} has no catch-all toleration (\`operator: Exists\` without a key); it tolerates only the taints it names.`);
    }),
});
