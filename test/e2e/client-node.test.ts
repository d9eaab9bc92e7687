import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsV1Api, CoreV1Api, KubeConfig, KubernetesObjectApi, type KubernetesObject, makeInformer, PatchStrategy, Watch, type V1DaemonSet, type V1Pod } from '@kubernetes/client-node';
import { startE2E, waitFor, type E2E } from './harness.js';

const daemonSet = (name: string, image = 'nginx:1.27'): V1DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default', labels: { app: name } },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
  },
});

describe('@kubernetes/client-node 1.4 against the simulator', () => {
  let e: E2E;
  let kc: KubeConfig;
  const podsOf = (app: string) => e.cluster.store.list('Pod', 'default').filter((p) => p.metadata.labels?.['app'] === app);
  const allReady = (name: string) => () => e.cluster.store.get('DaemonSet', 'default', name)?.status?.numberReady === 3;
  beforeAll(async () => {
    e = await startE2E();
    kc = new KubeConfig();
    kc.loadFromFile(e.kubeconfig);
  });
  afterAll(async () => {
    await e.close();
  });

  it('lists nodes with CoreV1Api', async () => {
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(Number(nodes.metadata?.resourceVersion)).toBeGreaterThan(0);
    expect(nodes.items[1]?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('watches pods through their life: ADDED, MODIFIED, DELETED', async () => {
    const seen: { type: string; name: string; phase?: string }[] = [];
    let ended: unknown = 'open';
    const ctl = await new Watch(kc).watch('/api/v1/namespaces/default/pods', {}, (type: string, obj: V1Pod) => {
      seen.push({ type, name: obj.metadata?.name ?? '', phase: obj.status?.phase });
    }, (err: unknown) => { ended = err; });
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDaemonSet({ namespace: 'default', body: daemonSet('watched') });
    expect(e.until(allReady('watched'))).toBe(true);
    await waitFor(() => seen.filter((s) => s.type === 'MODIFIED' && s.phase === 'Running').length >= 3);
    await apps.deleteNamespacedDaemonSet({ name: 'watched', namespace: 'default' });
    expect(e.until(() => podsOf('watched').length === 0)).toBe(true);
    await waitFor(() => seen.filter((s) => s.type === 'DELETED').length === 3);
    expect(seen.filter((s) => s.type === 'ADDED')).toHaveLength(3);
    expect(new Set(seen.map((s) => s.name)).size).toBe(3);
    ctl.abort();
    await waitFor(() => ended !== 'open');
  });

  it('syncs an informer and keeps its cache up to date', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer<V1Pod>(kc, '/api/v1/namespaces/default/pods', () => core.listNamespacedPod({ namespace: 'default' }), 'app=informed');
    const events: string[] = [];
    informer.on('add', (p) => events.push(`add ${p.metadata?.name ?? ''}`));
    informer.on('update', (p) => events.push(`update ${p.status?.phase ?? ''}`));
    informer.on('delete', (p) => events.push(`delete ${p.metadata?.name ?? ''}`));
    await informer.start();
    expect(informer.list()).toEqual([]);
    await kc.makeApiClient(AppsV1Api).createNamespacedDaemonSet({ namespace: 'default', body: daemonSet('informed') });
    expect(e.until(allReady('informed'))).toBe(true);
    await waitFor(() => informer.list().filter((p) => p.status?.phase === 'Running').length === 3);
    expect(events.filter((x) => x.startsWith('add '))).toHaveLength(3);
    expect(events).toContain('update Running');
    const victim = podsOf('informed')[0]?.metadata.name ?? '';
    await core.deleteNamespacedPod({ name: victim, namespace: 'default' });
    expect(e.until(() => !e.cluster.store.get('Pod', 'default', victim))).toBe(true);
    await waitFor(() => events.includes(`delete ${victim}`));
    expect(informer.get(victim, 'default')).toBeUndefined();
    await informer.stop();
  });

  it('creates, reads, patches and deletes a DaemonSet with KubernetesObjectApi', async () => {
    const api = KubernetesObjectApi.makeApiClient(kc);
    const created = await api.create(daemonSet('generic'));
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    const read = await api.read<V1DaemonSet>({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'generic', namespace: 'default' } });
    expect(read.spec?.updateStrategy?.type).toBe('RollingUpdate');
    const patch: KubernetesObject & { spec: object } = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'generic', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:1.28' }] } } } };
    const patched: V1DaemonSet = await api.patch<KubernetesObject>(patch, undefined, undefined, undefined, undefined, PatchStrategy.StrategicMergePatch);
    expect(patched.spec?.template.spec?.containers.map((c) => c.image)).toEqual(['nginx:1.28']);
    expect(patched.metadata?.generation).toBe(2);
    const merged: V1DaemonSet = await api.patch<KubernetesObject>({ ...patch, metadata: { name: 'generic', namespace: 'default', labels: { tier: 'node' } } }, undefined, undefined, undefined, undefined, PatchStrategy.MergePatch);
    expect(merged.metadata?.labels).toEqual({ app: 'generic', tier: 'node' });
    const listed = await api.list<V1DaemonSet>('apps/v1', 'DaemonSet', 'default');
    expect(listed.items.map((d) => d.metadata?.name)).toContain('generic');
    await api.delete({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'generic', namespace: 'default' } });
    expect(e.cluster.store.get('DaemonSet', 'default', 'generic')).toBeUndefined();
    await expect(api.read({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'generic', namespace: 'default' } })).rejects.toMatchObject({ code: 404 });
  });
});
