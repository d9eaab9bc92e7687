import { describe, expect, it } from 'vitest';
import type { Kind, Pod } from '../../../../src/cluster/types.js';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import { deleteObject, setUnschedulable } from '../../../../src/sim/operations.js';
import { toTable } from '../../../../src/sim/apiserver/tables/index.js';
import { daemonSet, kindLikeCluster, quietProcess } from '../../fixtures.js';

/** Containers named `crasher` exit with code 1 two seconds after each start; others run until stopped. */
function cluster(): SimCluster {
  return kindLikeCluster(2, (input) => (input.container.name === 'crasher' ? quietProcess({ exit: { atMs: 2000, code: 1 } }) : quietProcess({ stopMs: 500 })));
}

function rows(c: SimCluster, kind: Kind): unknown[][] {
  return toTable(kind, c.store.list(kind), { nowMs: c.clock.now(), resourceVersion: '1' }).rows.map((r) => r.cells);
}

/** NAME-less pod rows (pod names are random): [READY, STATUS, RESTARTS, NODE]. */
function podSummary(c: SimCluster): unknown[][] {
  return rows(c, 'Pod')
    .map((r) => [r[1], r[2], r[3], r[6]])
    .sort((a, b) => String(a[3]).localeCompare(String(b[3])));
}

describe('tables over a simulated cluster', () => {
  it('follows a DaemonSet from ContainerCreating to Running, with its revision and events', () => {
    const c = cluster();
    c.store.create(daemonSet('agent'));
    c.advance(1000);
    expect(podSummary(c)).toEqual([
      ['0/1', 'ContainerCreating', '0', 'worker-1'],
      ['0/1', 'ContainerCreating', '0', 'worker-2'],
    ]);
    c.advance(30_000);
    expect(podSummary(c)).toEqual([
      ['1/1', 'Running', '0', 'worker-1'],
      ['1/1', 'Running', '0', 'worker-2'],
    ]);
    expect(rows(c, 'DaemonSet')).toEqual([['agent', 2, 2, 2, 2, 2, '<none>', '31s', 'agent', 'nginx:1.27', 'app=agent']]);
    const [revision] = rows(c, 'ControllerRevision');
    expect(revision?.slice(1)).toEqual(['daemonset.apps/agent', 1, '31s']);

    const events = rows(c, 'Event');
    const byObject = events.map((e) => `${String(e[3])} ${String(e[2])}`);
    // Server list order (by event name) groups events by object; kubectl prints them as they come.
    const podEvents = byObject.filter((e) => e.startsWith('pod/'));
    expect(podEvents.slice(0, 5).map((e) => e.split(' ')[1])).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(byObject.filter((e) => e.startsWith('daemonset/'))).toEqual(['daemonset/agent SuccessfulCreate', 'daemonset/agent SuccessfulCreate']);
    const started = events.find((e) => e[2] === 'Started');
    expect(started).toMatchObject(['29s', 'Normal', 'Started', expect.stringMatching(/^pod\/agent-/), 'spec.containers{agent}', expect.stringMatching(/^kubelet, worker-/), 'Started container agent', '29s', 1, expect.stringMatching(/^agent-[a-z0-9]+\.[0-9a-f]+$/)]);
  });

  it('shows a crashing container as Error, then CrashLoopBackOff with the last restart time', () => {
    const c = cluster();
    c.store.create(daemonSet('crasher'));
    const first = (): unknown[] => podSummary(c)[0] ?? [];
    expect(c.runUntil(() => first()[1] === 'Error')).toBe(true);
    expect(first().slice(0, 3)).toEqual(['0/1', 'Error', '0']);
    expect(c.runUntil(() => first()[1] === 'Running' && first()[2] !== '0')).toBe(true);
    expect(first().slice(0, 2)).toEqual(['1/1', 'Running']);
    expect(first()[2]).toMatch(/^1 \(\d+s ago\)$/);
    expect(c.runUntil(() => first()[1] === 'CrashLoopBackOff' && String(first()[2]).startsWith('2 '))).toBe(true);
    c.advance(10_000);
    expect(first().slice(0, 2)).toEqual(['0/1', 'CrashLoopBackOff']);
    expect(first()[2]).toMatch(/^2 \(1\ds ago\)$/);
    const backOff = rows(c, 'Event').find((e) => e[2] === 'BackOff');
    expect(backOff?.slice(1, 3)).toEqual(['Warning', 'BackOff']);
  });

  it('prints a cordoned node and a terminating pod', () => {
    const c = cluster();
    c.store.create(daemonSet('agent'));
    c.advance(30_000);
    setUnschedulable(c, 'worker-1', true);
    expect(rows(c, 'Node').map((r) => r.slice(0, 3))).toEqual([
      ['control-plane', 'Ready', 'control-plane'],
      ['worker-1', 'Ready,SchedulingDisabled', '<none>'],
      ['worker-2', 'Ready', '<none>'],
    ]);
    const victim = c.store.list('Pod')[0] as Pod;
    deleteObject(c, 'Pod', 'default', victim.metadata.name, { gracePeriodSeconds: 30 });
    const row = rows(c, 'Pod').find((r) => r[0] === victim.metadata.name);
    expect(row?.slice(1, 3)).toEqual(['1/1', 'Terminating']);
  });
});
