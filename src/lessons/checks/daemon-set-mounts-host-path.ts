/**
 * daemonSetMountsHostPath: the pod template mounts a directory of the node through a hostPath
 * volume, read-only when asked, as node agents such as log collectors do. The reasons walk the
 * chain a learner has to get right: the volume, the mount that uses it, and its readOnly flag.
 */
import { z } from 'zod';
import { withDaemonSet } from './common.js';
import { daemonSetRef, defineCheck, fail, PASS } from './types.js';

const normal = (path: string): string => path.replace(/\/+$/, '') || '/';

/** A hostPath volume for `path` is mounted by some container (by `container` if given), readOnly if `readOnly`. */
export const daemonSetMountsHostPath = defineCheck({
  name: 'daemonSetMountsHostPath',
  description: "a container of the pod template mounts the node's path through a hostPath volume",
  params: z.strictObject({ ...daemonSetRef, path: z.string().min(1), readOnly: z.boolean().optional(), container: z.string().min(1).optional() }),
  run: (snap, p) =>
    withDaemonSet(snap, p, (ds) => {
      const name = ds.metadata.name;
      const spec = ds.spec.template.spec;
      const volumes = (spec.volumes ?? []).filter((v) => v.hostPath !== undefined && normal(v.hostPath.path) === normal(p.path));
      if (volumes.length === 0) return fail(`The pod template of ${name} has no hostPath volume for ${p.path}; add one under spec.template.spec.volumes (\`hostPath: {path: ${p.path}}\`).`);
      const containers = spec.containers.filter((c) => p.container === undefined || c.name === p.container);
      const mounts = containers.flatMap((c) => (c.volumeMounts ?? []).filter((m) => volumes.some((v) => v.name === m.name)).map((m) => ({ c, m })));
      const volumeName = volumes[0]?.name ?? '';
      if (mounts.length === 0) {
        const who = p.container === undefined ? 'no container mounts it' : `container ${p.container} does not mount it`;
        return fail(`${name} has the hostPath volume ${volumeName} for ${p.path}, but ${who}: add a volumeMounts entry with \`name: ${volumeName}\`.`);
      }
      if (p.readOnly === true) {
        const writable = mounts.find(({ m }) => m.readOnly !== true);
        if (writable) return fail(`Container ${writable.c.name} of ${name} mounts ${p.path} read-write at ${writable.m.mountPath}; a collector only reads logs, so add \`readOnly: true\` to that volumeMount.`);
      }
      return PASS;
    }),
});
