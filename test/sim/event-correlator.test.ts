/**
 * client-go's event correlation as the simulator's recorder applies it: similar events combined
 * after ten messages, repeats counted, a source's burst of 25 about one object, refilled one per
 * five minutes, filtered occurrences still counted, the scheduler's recorder exempt.
 */
import { describe, expect, it } from 'vitest';
import type { Event, KubeObject } from '../../src/cluster/types.js';
import { bootstrapCluster } from '../../src/sim/bootstrap.js';
import { ManualClock } from '../../src/sim/clock.js';
import type { SimCluster } from '../../src/sim/cluster.js';
import { COMBINED_PREFIX, SPAM_BURST } from '../../src/sim/event-correlator.js';
import { nanosHex, type EventInput } from '../../src/sim/events.js';

const START = Date.UTC(2026, 0, 1, 9, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function setup(): { cluster: SimCluster; clock: ManualClock } {
  const clock = new ManualClock(START);
  return { cluster: bootstrapCluster({ clock, nodes: 1, seed: 3 }), clock };
}

/** A stand-in involved object (the recorder needs only its kind and metadata). */
function involved(kind: string, name: string): KubeObject {
  return { apiVersion: kind === 'DaemonSet' ? 'apps/v1' : 'v1', kind, metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '' } } as unknown as KubeObject;
}

function eventsAbout(cluster: SimCluster, name: string): Event[] {
  return cluster.store.list('Event', 'default').filter((e) => e.involvedObject.name === name);
}

const ds = involved('DaemonSet', 'agent');
const created = (i: number): EventInput => ({ object: ds, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: agent-${i}`, source: { component: 'daemonset-controller' } });

describe('event correlation', () => {
  it('writes nine different similar events, then one combined event counted up to the burst of 25', () => {
    const { cluster, clock } = setup();
    for (let i = 0; i < 30; i++) {
      cluster.recorder.record(created(i));
      clock.advance(SECOND);
    }
    const events = eventsAbout(cluster, 'agent');
    const plain = events.filter((e) => !e.message.startsWith(COMBINED_PREFIX));
    expect(plain.map((e) => e.message).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `Created pod: agent-${i}`).sort());
    expect(plain.every((e) => e.count === 1 && e.reportingComponent === 'daemonset-controller')).toBe(true);
    const combined = events.filter((e) => e.message.startsWith(COMBINED_PREFIX));
    expect(combined).toHaveLength(1);
    // 25 written (9 + the combined one's 16); occurrences 26–30 were filtered out.
    expect(combined[0]?.count).toBe(SPAM_BURST - 9);
    expect(combined[0]?.message).toBe(`${COMBINED_PREFIX}Created pod: agent-24`);
    expect(combined[0]?.reportingComponent).toBe('');
    expect(combined[0]?.source).toEqual({ component: 'daemonset-controller' });
  });

  it('refills one token every five minutes, and the next written event carries the filtered occurrences too', () => {
    const { cluster, clock } = setup();
    for (let i = 0; i < 30; i++) cluster.recorder.record(created(i));
    clock.advance(5 * MINUTE);
    cluster.recorder.record(created(30));
    const combined = eventsAbout(cluster, 'agent').find((e) => e.message.startsWith(COMBINED_PREFIX));
    // 21 combined occurrences (10th..30th) were counted, the 31st is written: count 22.
    expect(combined?.count).toBe(22);
    expect(combined?.message).toBe(`${COMBINED_PREFIX}Created pod: agent-30`);
    cluster.recorder.record(created(31));
    expect(eventsAbout(cluster, 'agent').find((e) => e.message.startsWith(COMBINED_PREFIX))?.count).toBe(22);
  });

  it('counts a repeated event on one Event until the burst runs out, then keeps counting for later', () => {
    const { cluster, clock } = setup();
    const pod = involved('Pod', 'web-1');
    const backOff: EventInput = { object: pod, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container app in pod web-1_default(uid-web-1)', source: { component: 'kubelet', host: 'worker-1' }, fieldPath: 'spec.containers{app}' };
    for (let i = 0; i < 30; i++) {
      cluster.recorder.record(backOff);
      clock.advance(10 * SECOND);
    }
    const [event] = eventsAbout(cluster, 'web-1');
    expect(eventsAbout(cluster, 'web-1')).toHaveLength(1);
    expect(event?.count).toBe(SPAM_BURST);
    expect(event?.firstTimestamp).toBe('2026-01-01T09:00:00Z');
    expect(event?.lastTimestamp).toBe('2026-01-01T09:04:00Z');
    clock.advance(5 * MINUTE);
    cluster.recorder.record(backOff);
    expect(eventsAbout(cluster, 'web-1')[0]?.count).toBe(31);
  });

  it("leaves the scheduler's recorder (events.k8s.io) unfiltered", () => {
    const { cluster } = setup();
    const pod = involved('Pod', 'pending-1');
    for (let i = 0; i < 40; i++) {
      cluster.recorder.record({ object: pod, type: 'Warning', reason: 'FailedScheduling', message: `0/1 nodes are available: attempt ${i % 12}.`, source: { component: 'default-scheduler', series: true } });
    }
    const events = eventsAbout(cluster, 'pending-1');
    expect(events).toHaveLength(12);
    expect(events.some((e) => e.message.startsWith(COMBINED_PREFIX))).toBe(false);
    expect(events.reduce((n, e) => n + e.count, 0)).toBe(40);
  });

  it('starts a new run after ten quiet minutes, so a tenth message then is not combined', () => {
    const { cluster, clock } = setup();
    for (let i = 0; i < 9; i++) cluster.recorder.record(created(i));
    clock.advance(11 * MINUTE);
    cluster.recorder.record(created(9));
    const events = eventsAbout(cluster, 'agent');
    expect(events).toHaveLength(10);
    expect(events.some((e) => e.message.startsWith(COMBINED_PREFIX))).toBe(false);
  });

  it('keeps sources apart: the kubelet and the DaemonSet controller each have their own burst about an object', () => {
    const { cluster } = setup();
    for (let i = 0; i < 30; i++) cluster.recorder.record(created(i));
    cluster.recorder.record({ object: ds, type: 'Normal', reason: 'Checked', message: 'from another source', source: { component: 'other-controller' } });
    expect(eventsAbout(cluster, 'agent').some((e) => e.message === 'from another source')).toBe(true);
  });

  it('writes a deleted event anew on its next occurrence', () => {
    const { cluster } = setup();
    const pod = involved('Pod', 'web-2');
    const pulled: EventInput = { object: pod, type: 'Normal', reason: 'Pulled', message: 'Container image "nginx:1.27" already present on machine', source: { component: 'kubelet', host: 'worker-1' } };
    cluster.recorder.record(pulled);
    const [first] = eventsAbout(cluster, 'web-2');
    cluster.store.delete('Event', 'default', first?.metadata.name ?? '');
    cluster.recorder.record(pulled);
    const again = eventsAbout(cluster, 'web-2');
    expect(again).toHaveLength(1);
    expect(again[0]?.count).toBe(1);
  });

  it('restores the correlation memory with a checkpoint', () => {
    const { cluster } = setup();
    for (let i = 0; i < 20; i++) cluster.recorder.record(created(i));
    const cp = cluster.checkpoint();
    for (let i = 20; i < 40; i++) cluster.recorder.record(created(i));
    const combinedCount = () => eventsAbout(cluster, 'agent').find((e) => e.message.startsWith(COMBINED_PREFIX))?.count;
    expect(combinedCount()).toBe(16);
    cluster.restore(cp);
    expect(combinedCount()).toBe(11);
    // The burst left at the checkpoint (5 tokens) is what the restored cluster has.
    for (let i = 20; i < 40; i++) cluster.recorder.record(created(i));
    expect(combinedCount()).toBe(16);
  });
});

describe('event names', () => {
  it('end in the hex of Unix nanoseconds, as client-go names them, exactly for any date', () => {
    const cases: [number, number][] = [[0, 0], [0, 5], [1, 0], [START, 0], [START, 999_999], [Date.UTC(2099, 11, 31, 23, 59, 59, 999), 123_456], [0xff_ffff, 7], [0x100_0000, 0]];
    for (const [ms, extra] of cases) expect(nanosHex(ms, extra)).toBe((BigInt(ms) * 1_000_000n + BigInt(extra)).toString(16));
  });
});
