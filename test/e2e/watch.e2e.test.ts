import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlAvailable, startE2E, waitFor, type E2E } from './harness.js';

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: watcher
spec:
  selector:
    matchLabels: {app: watcher}
  template:
    metadata:
      labels: {app: watcher}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
        - name: main
          image: nginx:1.27
`;

describe.runIf(kubectlAvailable())('kubectl watches and waits', () => {
  let e: E2E;
  const pods = () => e.cluster.store.list('Pod', 'default').filter((p) => p.metadata.labels?.['app'] === 'watcher');
  beforeAll(async () => {
    e = await startE2E();
    await e.kubectl(['apply', '-f', e.file('ds.yaml', DS)]);
    expect(e.until(() => e.cluster.store.get('DaemonSet', 'default', 'watcher')?.status?.numberReady === 3)).toBe(true);
  });
  afterAll(async () => {
    await e.close();
  });

  it('watches one DaemonSet with get ds NAME -w: the rollout shows as new rows', async () => {
    const watch = e.kubectlStream(['get', 'ds', 'watcher', '-w']);
    await waitFor(() => watch.stdout().trim().split('\n').length >= 2, 20_000);
    expect(watch.stdout().split('\n')[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$/);
    await e.kubectl(['set', 'image', 'ds/watcher', 'main=nginx:1.28']);
    e.until(() => e.cluster.store.get('DaemonSet', 'default', 'watcher')?.status?.updatedNumberScheduled === 3 && e.cluster.store.get('DaemonSet', 'default', 'watcher')?.status?.numberAvailable === 3);
    // The first row is the GET; kubectl swallows the watch's synthetic ADDED; later rows are changes.
    await waitFor(() => /watcher\s+3\s+3\s+3\s+3\s+3\s+/.test(watch.stdout().trim().split('\n').slice(2).join('\n')), 20_000);
    const { stdout } = await watch.stop();
    const rows = stdout.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.some((r) => /watcher\s+3\s+3\s+\d\s+[0-2]\s+/.test(r))).toBe(true);
  });

  it('streams pod changes with get -w: a deleted pod terminates and its replacement comes up', async () => {
    const watch = e.kubectlStream(['get', 'pods', '-w', '-l', 'app=watcher']);
    // Waiting on the external kubectl process: header plus one row per pod.
    await waitFor(() => watch.stdout().trim().split('\n').length >= 4, 20_000);
    const lines = watch.stdout().trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    const victim = pods().find((p) => p.spec.nodeName === 'worker-2')?.metadata.name ?? '';
    const deleted = await e.kubectl(['delete', 'pod', victim, '--wait=false']);
    expect(deleted.stdout.trim()).toBe(`pod "${victim}" deleted`);
    expect(e.until(() => !pods().some((p) => p.metadata.name === victim) && pods().filter((p) => p.status.phase === 'Running').length === 3)).toBe(true);
    const replacement = pods().find((p) => p.spec.nodeName === 'worker-2')?.metadata.name ?? '';
    expect(replacement).not.toBe(victim);
    await waitFor(() => new RegExp(`^${replacement}\\s+1/1\\s+Running`, 'm').test(watch.stdout()), 20_000);
    const r = await watch.stop();
    expect(r.stdout).toMatch(new RegExp(`^${victim}\\s+\\S+\\s+Terminating\\s`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^${replacement}\\s+0/1\\s+(Pending|ContainerCreating)\\s`, 'm'));
    expect(r.stdout.trim().split('\n').filter((l) => l.startsWith('NAME'))).toHaveLength(1);
  });

  it('deletes a DaemonSet in the foreground, returning once its pods are gone', async () => {
    const r = await e.kubectlDriving(['delete', 'ds', 'watcher', '--cascade=foreground', '--timeout=120s'], { stepMs: 500 });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('daemonset.apps "watcher" deleted');
    expect(e.cluster.store.get('DaemonSet', 'default', 'watcher')).toBeUndefined();
    expect(pods()).toEqual([]);
    const audit = e.audit.filter((a) => a.command === 'kubectl delete' && a.verb === 'delete' && a.resource === 'daemonsets.apps');
    expect(audit.map((a) => a.code)).toEqual([200]);
  });
});
