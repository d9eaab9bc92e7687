import { describe, expect, it } from 'vitest';
import type { DaemonSet, Namespace, Pod } from '../../src/cluster/types.js';
import { ManualClock } from '../../src/sim/clock.js';
import { StoreError } from '../../src/sim/errors.js';
import { seededRandom } from '../../src/sim/random.js';
import { Store } from '../../src/sim/store.js';
import type { StoreEvent } from '../../src/sim/watch-hub.js';

function newStore(historyCapacity?: number) {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 10, 0, 0));
  const store = new Store({ clock, random: seededRandom(1), historyCapacity });
  store.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return { clock, store };
}

function pod(name: string, nodeName?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...(nodeName ? { nodeName } : {}) },
    status: { phase: 'Pending' },
  };
}

function ds(image = 'nginx:1.27'): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image }] } },
    },
  };
}

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

describe('Store', () => {
  it('assigns uid, increasing resourceVersion and creationTimestamp on create', () => {
    const { store } = newStore();
    const a = store.create(pod('a'));
    const b = store.create(pod('b'));
    expect(a.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.metadata.uid).not.toBe(b.metadata.uid);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(a.metadata.creationTimestamp).toBe('2026-11-25T10:00:00Z');
    expect(store.resourceVersion()).toBe(Number(b.metadata.resourceVersion));
  });

  it('hands out frozen objects that cannot be changed behind its back', () => {
    const { store } = newStore();
    const a = store.create(pod('a'));
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.spec.containers[0])).toBe(true);
    expect(() => {
      (a.metadata as { name: string }).name = 'x';
    }).toThrow(TypeError);
    expect(store.get('Pod', 'default', 'a')?.metadata.name).toBe('a');
  });

  it('does not keep a reference to the caller object', () => {
    const { store } = newStore();
    const input = pod('a');
    store.create(input);
    input.spec.containers[0]!.image = 'changed';
    expect(store.get('Pod', 'default', 'a')?.spec.containers[0]?.image).toBe('nginx');
  });

  it('refuses duplicates and missing namespaces with apiserver messages', () => {
    const { store } = newStore();
    store.create(pod('a'));
    const dup = storeError(() => store.create(pod('a')));
    expect(dup.reason).toBe('AlreadyExists');
    expect(dup.message).toBe('pods "a" already exists');
    const p = pod('b');
    p.metadata.namespace = 'nope';
    const missing = storeError(() => store.create(p));
    expect(missing.code).toBe(404);
    expect(missing.message).toBe('namespaces "nope" not found');
  });

  it('fills generateName with a five-character safe suffix', () => {
    const { store } = newStore();
    const p = pod('');
    p.metadata.generateName = 'agent-';
    const created = store.create(p);
    expect(created.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('bumps generation only when the spec changes', () => {
    const { store } = newStore();
    const created = store.create(ds());
    expect(created.metadata.generation).toBe(1);
    const relabelled = store.mutate('DaemonSet', 'default', 'agent', (d) => {
      d.metadata.labels = { team: 'infra' };
    });
    expect(relabelled.metadata.generation).toBe(1);
    const changed = store.mutate('DaemonSet', 'default', 'agent', (d) => {
      d.spec.template.spec.containers[0]!.image = 'nginx:1.28';
    });
    expect(changed.metadata.generation).toBe(2);
  });

  it('keeps status out of main-resource updates and spec out of status updates', () => {
    const { store } = newStore();
    store.create(ds());
    const withStatus = store.mutate(
      'DaemonSet',
      'default',
      'agent',
      (d) => {
        d.status = { currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3 };
        d.spec.minReadySeconds = 99;
      },
      'status',
    );
    expect(withStatus.status?.desiredNumberScheduled).toBe(3);
    expect(withStatus.spec.minReadySeconds).toBeUndefined();
    const specWrite = store.mutate('DaemonSet', 'default', 'agent', (d) => {
      d.status = undefined;
      d.spec.minReadySeconds = 5;
    });
    expect(specWrite.status?.desiredNumberScheduled).toBe(3);
    expect(specWrite.spec.minReadySeconds).toBe(5);
  });

  it('rejects a write carrying a stale resourceVersion (optimistic concurrency)', () => {
    const { store } = newStore();
    const first = store.create(ds());
    store.mutate('DaemonSet', 'default', 'agent', (d) => {
      d.spec.minReadySeconds = 1;
    });
    const stale = structuredClone(first);
    stale.spec.minReadySeconds = 2;
    const err = storeError(() => store.update(stale));
    expect(err.reason).toBe('Conflict');
    expect(err.message).toBe(
      'Operation cannot be fulfilled on daemonsets.apps "agent": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(store.get('DaemonSet', 'default', 'agent')?.spec.minReadySeconds).toBe(1);
  });

  it('treats an identical write as a no-op without a new resourceVersion or event', () => {
    const { store } = newStore();
    const created = store.create(ds());
    const events: StoreEvent[] = [];
    store.watch({ kind: 'DaemonSet' }, (e) => events.push(e));
    const again = store.update(structuredClone(created));
    expect(again.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(events).toHaveLength(0);
  });

  it('deletes scheduled pods gracefully and removes them once the grace period is cut to zero', () => {
    const { store, clock } = newStore();
    store.create(pod('a', 'worker-1'));
    const { object, removed } = store.delete('Pod', 'default', 'a');
    expect(removed).toBe(false);
    expect(object.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(object.metadata.deletionTimestamp).toBe(new Date(clock.now() + 30_000).toISOString().replace('.000Z', 'Z'));
    const again = store.delete('Pod', 'default', 'a');
    expect(again.removed).toBe(false);
    const final = store.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    expect(final.removed).toBe(true);
    expect(store.get('Pod', 'default', 'a')).toBeUndefined();
  });

  it('deletes unscheduled pods at once', () => {
    const { store } = newStore();
    store.create(pod('a'));
    expect(store.delete('Pod', 'default', 'a').removed).toBe(true);
  });

  it('keeps an object with finalizers until the last finalizer is removed', () => {
    const { store } = newStore();
    store.create(ds());
    const { object, removed } = store.delete('DaemonSet', 'default', 'agent', { propagationPolicy: 'Foreground' });
    expect(removed).toBe(false);
    expect(object.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(object.metadata.deletionTimestamp).toBeDefined();
    expect(object.metadata.generation).toBe(2);
    store.mutate('DaemonSet', 'default', 'agent', (d) => {
      d.metadata.finalizers = [];
    });
    expect(store.get('DaemonSet', 'default', 'agent')).toBeUndefined();
  });

  it('honours delete preconditions', () => {
    const { store } = newStore();
    store.create(ds());
    const err = storeError(() => store.delete('DaemonSet', 'default', 'agent', { preconditions: { uid: 'other' } }));
    expect(err.reason).toBe('Conflict');
    expect(store.get('DaemonSet', 'default', 'agent')).toBeDefined();
  });

  it('lists in namespace/name order', () => {
    const { store } = newStore();
    store.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
    for (const [ns, name] of [['kube-system', 'b'], ['default', 'z'], ['default', 'a'], ['kube-system', 'a']] as const) {
      const p = pod(name);
      p.metadata.namespace = ns;
      store.create(p);
    }
    expect(store.list('Pod').map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      'default/a',
      'default/z',
      'kube-system/a',
      'kube-system/b',
    ]);
    expect(store.list('Pod', 'kube-system').map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });

  it('maintains secondary indexes across create, update and delete', () => {
    const { store } = newStore();
    store.addIndex('Pod', 'node', (o) => (o.kind === 'Pod' && o.spec.nodeName ? [o.spec.nodeName] : []));
    store.create(pod('a', 'n1'));
    store.create(pod('b', 'n1'));
    store.create(pod('c'));
    expect(store.byIndex('Pod', 'node', 'n1').map((p) => p.metadata.name).sort()).toEqual(['a', 'b']);
    store.mutate('Pod', 'default', 'c', (p) => {
      p.spec.nodeName = 'n2';
    });
    expect(store.byIndex('Pod', 'node', 'n2').map((p) => p.metadata.name)).toEqual(['c']);
    store.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    expect(store.byIndex('Pod', 'node', 'n1').map((p) => p.metadata.name)).toEqual(['b']);
  });
});

describe('Store watch', () => {
  it('delivers ADDED, MODIFIED and DELETED in commit order to every watcher', () => {
    const { store } = newStore();
    const seen1: string[] = [];
    const seen2: string[] = [];
    store.watch({ kind: 'Pod' }, (e) => seen1.push(`${e.type}:${e.object.metadata.name}:${e.rv}`));
    store.watch({ kind: 'Pod' }, (e) => seen2.push(`${e.type}:${e.object.metadata.name}:${e.rv}`));
    store.create(pod('a'));
    store.mutate('Pod', 'default', 'a', (p) => {
      p.metadata.labels = { x: 'y' };
    });
    store.delete('Pod', 'default', 'a');
    expect(seen1.map((s) => s.split(':').slice(0, 2).join(':'))).toEqual(['ADDED:a', 'MODIFIED:a', 'DELETED:a']);
    expect(seen2).toEqual(seen1);
    const rvs = seen1.map((s) => Number(s.split(':')[2]));
    expect(rvs).toEqual([...rvs].sort((x, y) => x - y));
  });

  it('keeps order when a watcher writes back during delivery', () => {
    const { store } = newStore();
    const order: string[] = [];
    store.watch({ kind: 'Pod' }, (e) => {
      if (e.type === 'ADDED' && e.object.metadata.name === 'a') store.create(pod('b'));
    });
    store.watch({ kind: 'Pod' }, (e) => order.push(`${e.type}:${e.object.metadata.name}`));
    store.create(pod('a'));
    expect(order).toEqual(['ADDED:a', 'ADDED:b']);
  });

  it('replays history after a resourceVersion, then continues live', () => {
    const { store } = newStore();
    const a = store.create(pod('a'));
    store.create(pod('b'));
    const seen: string[] = [];
    store.watch({ kind: 'Pod', sinceRv: Number(a.metadata.resourceVersion) }, (e) => seen.push(e.object.metadata.name));
    store.create(pod('c'));
    expect(seen).toEqual(['b', 'c']);
  });

  it('answers a too-old resourceVersion with 410 Expired', () => {
    const { store } = newStore(3);
    for (const n of ['a', 'b', 'c', 'd', 'e']) store.create(pod(n));
    const err = storeError(() => store.watch({ kind: 'Pod', sinceRv: 1 }, () => undefined));
    expect(err.reason).toBe('Expired');
    expect(err.code).toBe(410);
    expect(err.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });

  it('turns selector transitions into ADDED and DELETED for filtered watchers', () => {
    const { store } = newStore();
    store.create(pod('a'));
    const seen: string[] = [];
    store.watch({ kind: 'Pod', match: (o) => o.metadata.labels?.app === 'x' }, (e) => seen.push(e.type));
    store.mutate('Pod', 'default', 'a', (p) => {
      p.metadata.labels = { app: 'x' };
    });
    store.mutate('Pod', 'default', 'a', (p) => {
      p.metadata.annotations = { note: '1' };
    });
    store.mutate('Pod', 'default', 'a', (p) => {
      p.metadata.labels = { app: 'y' };
    });
    store.mutate('Pod', 'default', 'a', (p) => {
      p.metadata.annotations = { note: '2' };
    });
    expect(seen).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });
});
