import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlAvailable, startE2E, waitFor, type E2E } from './harness.js';

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: two
spec:
  selector:
    matchLabels: {app: two}
  template:
    metadata:
      labels: {app: two}
    spec:
      containers:
        - name: main
          image: busybox:1.36
          command: ["sh", "-c", "trap 'exit 0' TERM; echo main up; while true; do echo beat; sleep 5; done"]
        - name: side
          image: busybox:1.36
          command: ["sh", "-c", "echo side starting; echo side failed >&2; exit 1"]
`;

describe.runIf(kubectlAvailable())('more kubectl verbs: describe pod, logs flags, restart, api-resources, background delete', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ nodes: 1 });
    await e.kubectl(['apply', '-f', e.file('two.yaml', DS)]);
    e.until(() => (e.cluster.store.list('Pod')[0]?.status.containerStatuses?.find((s) => s.name === 'side')?.restartCount ?? 0) >= 2);
  });
  afterAll(async () => {
    await e.close();
  });

  const podName = () => e.cluster.store.list('Pod').find((p) => !p.metadata.deletionTimestamp)?.metadata.name ?? '';

  it('describes a pod with its containers, conditions and events', async () => {
    const d = await e.kubectl(['describe', 'pod', podName()]);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/Controlled By:\s+DaemonSet\/two/);
    expect(d.stdout).toMatch(/Node:\s+worker-1\/172\.18\.0\.\d+/);
    expect(d.stdout).toMatch(/side:[\s\S]*Last State:\s+Terminated[\s\S]*Exit Code:\s+1/);
    expect(d.stdout).toMatch(/Warning\s+BackOff\s+.*Back-off restarting failed container side/);
  });

  it('reads one container with -c, the previous run with --previous, and refuses a bad container', async () => {
    const main = await e.kubectl(['logs', podName(), '-c', 'main']);
    expect(main.stdout.split('\n')[0]).toBe('main up');
    const side = await e.kubectl(['logs', podName(), '-c', 'side', '--previous']);
    expect(side.stdout).toBe('side starting\nside failed\n');
    const defaulted = await e.kubectl(['logs', podName()]);
    expect(defaulted.stderr).toContain('Defaulted container "main" out of: main, side');
    const bad = await e.kubectl(['logs', podName(), '-c', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('container nope is not valid for pod');
  });

  it('follows a log with -f while simulated time passes', async () => {
    const follow = e.kubectlStream(['logs', '-f', podName(), '-c', 'main']);
    await waitFor(() => follow.stdout().includes('main up'));
    const before = (follow.stdout().match(/beat/g) ?? []).length;
    e.cluster.advance(20_000);
    await waitFor(() => (follow.stdout().match(/beat/g) ?? []).length >= before + 3);
    const done = await follow.stop();
    expect(done.stdout.startsWith('main up\n')).toBe(true);
  });

  it('restarts the rollout with rollout restart', async () => {
    const r = await e.kubectl(['rollout', 'restart', 'ds/two']);
    expect(r.stdout.trim()).toBe('daemonset.apps/two restarted');
    const ds = e.cluster.store.get('DaemonSet', 'default', 'two');
    expect(ds?.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(ds?.metadata.generation).toBe(2);
  });

  it('lists the served resources with api-resources', async () => {
    const r = await e.kubectl(['api-resources']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(r.stdout).toMatch(/\ndaemonsets\s+ds\s+apps\/v1\s+true\s+DaemonSet\n/);
    expect(r.stdout).toMatch(/\npods\s+po\s+v1\s+true\s+Pod\n/);
  });

  it('deletes the DaemonSet in the background: it goes at once and the pods follow', async () => {
    const r = await e.kubectlDriving(['delete', 'ds', 'two'], { stepMs: 2000 });
    expect(r.stdout.trim()).toBe('daemonset.apps "two" deleted');
    expect(e.cluster.store.get('DaemonSet', 'default', 'two')).toBeUndefined();
    expect(e.until(() => e.cluster.store.count('Pod') === 0, 120_000)).toBe(true);
  });
});
