/**
 * The real backend against the simulator's API server: informers fill the snapshot the checks
 * read, follow changes, survive dropped connections and expired watches, and explain refusals.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRealBackend, type RealBackend } from '../../src/real/backend.js';
import { RealClusterError } from '../../src/real/errors.js';
import { driveUntil, startSimServer, waitFor, type SimServer } from './sim-server.js';

const sorted = (xs: readonly { metadata: { namespace?: string; name: string } }[]) => xs.map((x) => `${x.metadata.namespace ?? ''}/${x.metadata.name}`).sort();

describe('RealBackend over the simulator API server', () => {
  let s: SimServer;
  let b: RealBackend;
  beforeAll(async () => {
    s = await startSimServer();
    b = await openRealBackend({ kubeconfigPath: s.kubeconfig, now: () => s.clock.now() });
  });
  afterAll(async () => {
    await b.close();
    await s.close();
  });

  it('starts with the same objects the simulator stores, in wire shape', () => {
    const snap = b.snapshot();
    const store = s.cluster.store;
    expect(sorted(snap.nodes)).toEqual(sorted(store.list('Node')));
    expect(sorted(snap.pods)).toEqual(sorted(store.list('Pod')));
    expect(sorted(snap.daemonSets)).toEqual(sorted(store.list('DaemonSet')));
    expect(snap.takenAt).toBe(s.clock.now());
    expect(b.label).toBe(`context learn-daemonsets at ${s.url}`);
    expect(b.health()).toEqual({ connected: true, reconnects: 0 });
  });

  it('follows changes through the watch and tells subscribers', async () => {
    let heard = 0;
    const off = b.subscribe(() => heard++);
    await b.run({ name: 'labelNode', params: { node: 'worker-1', set: { zone: 'a' } } }, { lessonDir: '.' });
    await waitFor(() => b.snapshot().nodes.find((n) => n.metadata.name === 'worker-1')?.metadata.labels?.['zone'] === 'a');
    expect(heard).toBeGreaterThan(0);
    off();
  });

  it('reconnects after every connection is dropped and catches up on what changed meanwhile', async () => {
    const before = b.health().reconnects;
    const worker2 = () => s.cluster.store.mustGet('Node', undefined, 'worker-2');
    s.setReachable(false);
    try {
      s.dropConnections();
      await waitFor(() => b.health().connected === false);
      expect(b.health().problem).toMatch(/^(cannot reach|lost the connection to) the Kubernetes API at https:\/\/127\.0\.0\.1:\d+ .*is the cluster running\?/);
      // Changed while the client is cut off: only a re-list or a resumed watch can see it.
      s.cluster.store.update({ ...worker2(), metadata: { ...worker2().metadata, labels: { ...worker2().metadata.labels, cut: 'off' } } });
    } finally {
      s.setReachable(true);
    }
    await waitFor(() => b.health().connected && b.health().reconnects > before);
    expect(b.health().problem).toBeUndefined();
    await waitFor(() => b.snapshot().nodes.find((n) => n.metadata.name === 'worker-2')?.metadata.labels?.['cut'] === 'off');
  });

  it('re-lists when the server ends its watches with 410 Expired (a checkpoint restore)', async () => {
    const cp = s.cluster.checkpoint();
    await b.run({ name: 'labelNode', params: { node: 'worker-3', set: { gone: 'soon' } } }, { lessonDir: '.' });
    await waitFor(() => b.snapshot().nodes.find((n) => n.metadata.name === 'worker-3')?.metadata.labels?.['gone'] === 'soon');
    s.cluster.restore(cp);
    await waitFor(() => b.snapshot().nodes.find((n) => n.metadata.name === 'worker-3')?.metadata.labels?.['gone'] === undefined);
    expect(b.health().connected).toBe(true);
  });

  it('sees pods the controllers create as simulated time passes', async () => {
    await b.run({ name: 'applyManifest', params: { manifest: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'probe' }, spec: { selector: { matchLabels: { app: 'probe' } }, template: { metadata: { labels: { app: 'probe' } }, spec: { containers: [{ name: 'p', image: 'busybox:1.36', command: ['sleep', '3600'] }] } } } } } }, { lessonDir: '.' });
    const ready = () => b.snapshot().pods.filter((p) => p.metadata.labels?.['app'] === 'probe' && p.status.phase === 'Running').length === 3;
    expect(await driveUntil(s.cluster, ready)).toBe(true);
  });
});

describe('RealBackend errors', () => {
  let s: SimServer;
  beforeAll(async () => {
    s = await startSimServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('names an unreachable server', async () => {
    s.setReachable(false);
    try {
      const err = await openRealBackend({ kubeconfigPath: s.kubeconfig, timeoutMs: 2000 }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(RealClusterError);
      expect((err as Error).message).toBe(`cannot reach the Kubernetes API at ${s.url} (ECONNRESET): is the cluster running? check the context with kubectl config current-context`);
    } finally {
      s.setReachable(true);
    }
  });

  it('names expired credentials', async () => {
    const bad = join(s.dir, 'expired.kubeconfig');
    writeFileSync(bad, readFileSync(s.kubeconfig, 'utf8').replace(/token: .*/, 'token: expired'));
    const err = await openRealBackend({ kubeconfigPath: bad }).then(() => undefined, (e: unknown) => e);
    expect((err as Error).message).toBe(`the credentials in context learn-daemonsets were refused by ${s.url} (expired token?): log in again or fetch a fresh kubeconfig`);
  });
});
