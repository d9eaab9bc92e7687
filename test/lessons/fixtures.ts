/** Builders for lesson-engine tests: simulated clusters driven by the same actions lessons use. */
import type { DaemonSet, KubeObject, NewObject } from '../../src/cluster/types.js';
import { bootstrapCluster } from '../../src/sim/bootstrap.js';
import { ManualClock } from '../../src/sim/clock.js';
import type { SimCluster } from '../../src/sim/cluster.js';
import { applyObject } from '../../src/sim/operations.js';
import { compileAction } from '../../src/lessons/actions/index.js';
import { AuditLog } from '../../src/lessons/audit.js';
import { compileCheck, type CheckResult } from '../../src/lessons/checks/index.js';
import { snapshotFromStore } from '../../src/lessons/snapshot.js';

/** A settled cluster from a built-in scenario at a fixed instant. */
export function cluster(scenario = 'default'): SimCluster {
  return bootstrapCluster({ scenario, clock: new ManualClock(Date.UTC(2026, 0, 1, 9, 0, 0)) });
}

/** A DaemonSet manifest with overrides for its pod spec. */
export function daemonSet(name: string, spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): NewObject<DaemonSet> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'sleep infinity'] }], ...spec },
      },
      ...extra,
    },
  } as unknown as NewObject<DaemonSet>;
}

/** Applies an object and lets the cluster run for `ms`. */
export function apply(c: SimCluster, obj: NewObject<KubeObject>, ms = 60_000): void {
  applyObject(c, obj);
  c.advance(ms);
}

/** Runs a registered action as a learner would (recorded in `audit`). */
export function act(c: SimCluster, name: string, params: Record<string, unknown>, audit?: AuditLog): void {
  const a = compileAction({ name, params });
  if (!a.ok) throw new Error(a.problems.join('\n'));
  a.run({ cluster: c, lessonDir: process.cwd(), ...(audit ? { audit } : {}) });
  c.settle();
}

/** Evaluates a check by name against the cluster now. */
export function check(c: SimCluster, name: string, params: Record<string, unknown>, audit: AuditLog = new AuditLog()): CheckResult {
  const compiled = compileCheck({ name, params });
  if (!compiled.ok) throw new Error(compiled.problems.join('\n'));
  return compiled.run(snapshotFromStore(c.store, c.clock.now()), audit.entries());
}

/** The reason of a failing result (or "PASS"), for readable expectations. */
export function reason(r: CheckResult): string {
  return r.status === 'pass' ? 'PASS' : r.reason;
}
