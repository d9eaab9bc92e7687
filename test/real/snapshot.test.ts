import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCluster, readClusterSnapshot } from '../../src/real/snapshot.js';
import { RealClusterError } from '../../src/real/errors.js';
import { datesToWire, wireTime } from '../../src/real/convert.js';
import { startE2E, type E2E } from '../e2e/harness.js';

describe('wire conversion', () => {
  it('writes whole seconds as Kubernetes does, and keeps sub-second precision', () => {
    expect(wireTime(new Date('2026-11-25T10:00:00Z'))).toBe('2026-11-25T10:00:00Z');
    expect(wireTime(new Date('2026-11-25T10:00:00.250Z'))).toBe('2026-11-25T10:00:00.250Z');
    expect(datesToWire({ a: [new Date(0)], b: 'x', c: { d: 1 } })).toEqual({ a: ['1970-01-01T00:00:00Z'], b: 'x', c: { d: 1 } });
  });
});

describe('readClusterSnapshot against the simulator API server', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
    const ds = (ns: string) =>
      `{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"${ns}"},"spec":{"selector":{"matchLabels":{"app":"agent"}},"template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"name":"a","image":"busybox:1.36","command":["sleep","3600"]}]}}}}`;
    for (const ns of ['default', 'kube-system']) expect((await e.kubectl(['apply', '-f', '-'], { stdin: ds(ns) })).code).toBe(0);
    e.until(() => e.cluster.store.list('Pod').filter((p) => p.status.phase === 'Running').length >= 6);
  });
  afterAll(async () => {
    await e.close();
  });

  it('reads the same objects the simulator stores, in wire shape', async () => {
    const read = await readCluster({ kubeconfigPath: e.kubeconfig, now: () => 42 });
    expect(read.context).toBe('learn-daemonsets');
    expect(read.server).toBe(e.server.url);
    const snap = read.snapshot;
    expect(snap.takenAt).toBe(42);
    const store = e.cluster.store;
    const byName = <T extends { metadata: { namespace?: string; name: string } }>(xs: readonly T[]) =>
      [...xs].sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
    expect(byName(snap.nodes)).toEqual(byName(store.list('Node')));
    expect(byName(snap.daemonSets)).toEqual(byName(store.list('DaemonSet')));
    expect(byName(snap.pods)).toEqual(byName(store.list('Pod')));
    expect(byName(snap.controllerRevisions)).toEqual(byName(store.list('ControllerRevision')));
    expect(snap.events.length).toBe(store.list('Event').length);
    const pod = snap.pods[0];
    expect(pod?.kind).toBe('Pod');
    expect(pod?.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('limits namespaced lists to one namespace when asked', async () => {
    const snap = await readClusterSnapshot({ kubeconfigPath: e.kubeconfig, namespace: 'kube-system' });
    expect(snap.daemonSets.map((d) => `${d.metadata.namespace ?? ''}/${d.metadata.name}`)).toEqual(['kube-system/agent']);
    expect(new Set(snap.pods.map((p) => p.metadata.namespace))).toEqual(new Set(['kube-system']));
    expect(snap.nodes.length).toBe(4);
  });

  it('reads under a context named explicitly', async () => {
    const snap = await readClusterSnapshot({ kubeconfigPath: e.kubeconfig, context: 'learn-daemonsets' });
    expect(snap.daemonSets).toHaveLength(2);
  });
});

describe('readClusterSnapshot against a server that never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('gives up after the timeout with the "cannot reach" sentence', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'ld-real-'));
    const port = (server.address() as { port: number }).port;
    const file = join(dir, 'config');
    writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "https://127.0.0.1:${port}"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: silent\n  context: {cluster: c, user: u}\ncurrent-context: silent\n`);
    try {
      const started = Date.now();
      const err = await readClusterSnapshot({ kubeconfigPath: file, timeoutMs: 300 }).then(() => undefined, (x: unknown) => x);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(err).toBeInstanceOf(RealClusterError);
      expect((err as RealClusterError).kind).toBe('timeout');
      expect((err as RealClusterError).message).toBe(`cannot reach the Kubernetes API at https://127.0.0.1:${port} (timed out): is the cluster running? check the context with kubectl config current-context`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
