/**
 * `learn-daemonsets cleanup`: delete what the tool created on real clusters and nothing else:
 * the kind cluster `learn-daemonsets` (when the tool made or adopted it) and the scenario
 * objects it applied on contexts the learner confirmed. The record lives in the config dir.
 */
import { rmSync } from 'node:fs';
import { UsageError } from '../cli.js';
import { deleteKindCluster, detectKindTools, KindSetupError } from '../real/kind.js';
import { configDir, StateFile, type CreatedObject } from '../real/state.js';
import { processIo, type RealIo } from './real-cluster.js';

function objectKey(o: CreatedObject): string {
  return [o.kubeconfig, o.context, o.kind, o.namespace ?? '', o.name].join('\n');
}

const DELETABLE = new Set(['DaemonSet', 'Pod', 'Node', 'ControllerRevision']);

/** Deletes recorded objects on one context; returns the ones that could not be deleted, with why. */
async function deleteObjects(group: readonly CreatedObject[], io: RealIo): Promise<{ left: CreatedObject[]; problems: string[] }> {
  const first = group[0];
  if (!first) return { left: [], problems: [] };
  const { openRealBackend } = await import('../real/backend.js');
  const left: CreatedObject[] = [];
  const problems: string[] = [];
  let backend: Awaited<ReturnType<typeof openRealBackend>>;
  try {
    backend = await openRealBackend({ kubeconfigPath: first.kubeconfig, context: first.context });
  } catch (err) {
    return { left: [...group], problems: [err instanceof Error ? err.message : String(err)] };
  }
  try {
    for (const o of group) {
      const live = [...backend.snapshot().daemonSets, ...backend.snapshot().pods].some((x) => x.kind === o.kind && x.metadata.name === o.name && x.metadata.namespace === o.namespace);
      if (!live && o.kind !== 'Node') continue;
      if (!DELETABLE.has(o.kind)) {
        left.push(o);
        problems.push(`not deleted: ${o.kind} ${o.name} (delete it yourself with kubectl --context ${o.context} delete ${o.kind.toLowerCase()} ${o.name})`);
        continue;
      }
      try {
        await backend.run({ name: 'deleteObject', params: { kind: o.kind, name: o.name, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}) } }, { lessonDir: '.' });
        io.out.write(`✓ deleted ${o.kind.toLowerCase()} ${o.namespace !== undefined ? `${o.namespace}/` : ''}${o.name} on context ${o.context}\n`);
      } catch (err) {
        left.push(o);
        problems.push(err instanceof Error ? err.message : String(err));
      }
    }
  } finally {
    await backend.close();
  }
  return { left, problems };
}

/** Runs cleanup; 0 when everything recorded is gone, 1 when something is left (with why). */
export async function runCleanup(argv: readonly string[], io: RealIo = processIo()): Promise<number> {
  if (argv.length) throw new UsageError(`cleanup takes no arguments, got "${argv.join(' ')}"`);
  const state = new StateFile(configDir(io.env));
  const record = state.load();
  if (record.kindClusters.length === 0 && record.objects.length === 0) {
    io.out.write('Nothing to clean up: learn-daemonsets has not created anything on a real cluster.\n');
    return 0;
  }
  const problems: string[] = [];
  for (const c of record.kindClusters) {
    try {
      const tools = await detectKindTools(io.env);
      await deleteKindCluster(tools, io.env, c.name, c.kubeconfig);
      if (c.kubeconfig) rmSync(c.kubeconfig, { force: true });
      state.update((s) => ({ ...s, kindClusters: s.kindClusters.filter((x) => x.name !== c.name) }));
      io.out.write(`✓ deleted kind cluster ${c.name}\n`);
    } catch (err) {
      if (err instanceof KindSetupError) problems.push(`kind cluster ${c.name} was not deleted: ${err.message}`);
      else throw err;
    }
  }
  const groups = new Map<string, CreatedObject[]>();
  for (const o of record.objects) groups.set(`${o.kubeconfig}\n${o.context}`, [...(groups.get(`${o.kubeconfig}\n${o.context}`) ?? []), o]);
  for (const group of groups.values()) {
    const r = await deleteObjects(group, io);
    problems.push(...r.problems);
    const done = new Set(group.filter((o) => !r.left.includes(o)).map(objectKey));
    state.update((s) => ({ ...s, objects: s.objects.filter((x) => !done.has(objectKey(x))) }));
  }
  for (const p of problems) io.err.write(`learn-daemonsets: ${p}\n`);
  return problems.length ? 1 : 0;
}
