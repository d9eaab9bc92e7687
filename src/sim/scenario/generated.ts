/**
 * The scenario behind `sim --nodes N`: a kind-like cluster with one tainted control plane
 * and N identical workers, built in code so it needs no file.
 */
import { scenarioSchema, type Scenario } from './schema.js';

/** The largest generated cluster (the benchmarks run 5,000 nodes). */
export const MAX_GENERATED_WORKERS = 10_000;

/** One control plane (tainted `node-role.kubernetes.io/control-plane:NoSchedule`) plus `workers` workers. */
export function generatedScenario(workers: number): Scenario {
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_GENERATED_WORKERS) throw new RangeError(`--nodes must be a whole number from 0 to ${MAX_GENERATED_WORKERS}, got ${workers}`);
  return scenarioSchema.parse({
    version: 1,
    description: `Generated: 1 control-plane node and ${workers} worker node${workers === 1 ? '' : 's'}.`,
    nodes: [
      { name: 'control-plane', role: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      { count: workers, namePrefix: 'worker-', role: 'worker' },
    ],
  });
}
