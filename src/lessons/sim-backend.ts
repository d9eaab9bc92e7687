/**
 * The simulator as a ClusterBackend, so the backend-neutral lesson runner (and, later, the
 * app) drives a simulated cluster and a real one the same way. Actions run through the
 * simulator's own action registry; everything is synchronous underneath.
 */
import type { ActionOptions, BackendAction, BackendHealth, ClusterBackend, ScenarioPlan } from '../cluster/backend.js';
import type { KubeObject, NewObject } from '../cluster/types.js';
import type { SimCluster } from '../sim/cluster.js';
import { applyObject } from '../sim/operations.js';
import { compileAction } from './actions/index.js';
import { AuditLog } from './audit.js';
import { snapshotOf } from './sim-runner.js';
import type { ClusterSnapshot } from './snapshot.js';

/** A SimCluster behind the ClusterBackend contract. */
export class SimBackend implements ClusterBackend {
  readonly kind = 'simulator' as const;
  readonly label = 'the simulated cluster';

  constructor(readonly cluster: SimCluster) {}

  unsupported(): string | undefined {
    return undefined;
  }

  snapshot(): ClusterSnapshot {
    return snapshotOf(this.cluster);
  }

  subscribe(listener: () => void): () => void {
    return this.cluster.store.watch({}, listener);
  }

  health(): BackendHealth {
    return { connected: true, reconnects: 0 };
  }

  async prepare(plan: ScenarioPlan): Promise<void> {
    for (const node of plan.nodes) {
      if (!this.cluster.store.get('Node', undefined, node.metadata.name ?? '')) this.cluster.store.create(node);
    }
    for (const obj of plan.objects) applyObject(this.cluster, obj as unknown as NewObject<KubeObject>);
    this.cluster.settle();
  }

  async run(action: BackendAction, opts: ActionOptions): Promise<void> {
    const compiled = compileAction({ name: action.name, ...(action.params ? { params: { ...action.params } } : {}) });
    if (!compiled.ok) throw new Error(compiled.problems.join('; '));
    const audit = new AuditLog();
    const off = audit.subscribe((e) => opts.record?.({ command: e.command, ...(e.verb ? { verb: e.verb } : {}), ...(e.resource ? { resource: e.resource } : {}), ...(e.name ? { name: e.name } : {}) }));
    try {
      compiled.run({ cluster: this.cluster, lessonDir: opts.lessonDir, audit });
    } finally {
      off();
    }
    this.cluster.settle();
  }

  async close(): Promise<void> {}
}
