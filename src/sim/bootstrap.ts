/**
 * Builds a running simulated cluster from a scenario: namespaces, realistic nodes,
 * pre-existing objects, image overrides and timing, all through the same write path
 * (defaults, validation) that kubectl's requests take.
 */
import type { KubeObject, NewObject } from '../cluster/types.js';
import { isoSeconds, ManualClock, type Clock } from './clock.js';
import { SimCluster } from './cluster.js';
import type { KubeletTiming } from './controllers/kubelet/kubelet.js';
import type { ProcessFactory } from './controllers/kubelet/types.js';
import type { ImageOverride } from './images.js';
import { kindStrategies } from './kind-strategies.js';
import { shellProcesses } from './processes.js';
import { buildNodes, generatedScenario, loadScenario, scenarioNamespaces, scenarioObjects, type Scenario } from './scenario/index.js';

/** Where the cluster comes from and how it runs. */
export interface BootstrapOptions {
  /** A built-in scenario name, a file path, or a parsed scenario; default `default`. */
  scenario?: string | Scenario;
  /** Instead of a scenario: one control plane plus this many workers. */
  nodes?: number;
  clock?: Clock;
  seed?: number;
  /** How containers behave; default: the shell simulator. */
  processes?: ProcessFactory;
}

/** Resolves `--scenario` / `--nodes` to a parsed scenario (throws ScenarioError with file and field). */
export function resolveScenario(opts: Pick<BootstrapOptions, 'scenario' | 'nodes'>): Scenario {
  if (opts.nodes !== undefined) return generatedScenario(opts.nodes);
  if (typeof opts.scenario === 'object') return opts.scenario;
  return loadScenario(opts.scenario ?? 'default');
}

function timingOf(scenario: Scenario): Partial<KubeletTiming> {
  const t = scenario.timing ?? {};
  const out: Partial<KubeletTiming> = {};
  if (t.containerStartSeconds !== undefined) out.startMs = t.containerStartSeconds * 1000;
  if (t.readinessSeconds !== undefined) out.readyMs = t.readinessSeconds * 1000;
  return out;
}

/** A simulated cluster populated from the scenario and settled. */
export function bootstrapCluster(opts: BootstrapOptions): SimCluster {
  const scenario = resolveScenario(opts);
  const cluster = new SimCluster({
    clock: opts.clock ?? new ManualClock(),
    seed: opts.seed,
    processes: opts.processes ?? shellProcesses(),
    images: (scenario.images ?? []) as ImageOverride[],
    timing: timingOf(scenario),
    strategies: kindStrategies,
  });
  const nowIso = isoSeconds(cluster.clock.now());
  for (const name of scenarioNamespaces(scenario)) {
    cluster.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  for (const node of buildNodes(scenario, nowIso)) cluster.store.create(node);
  for (const obj of scenarioObjects(scenario)) {
    if (obj['kind'] === 'Namespace') continue;
    cluster.store.create(obj as unknown as NewObject<KubeObject>);
  }
  cluster.settle();
  return cluster;
}
