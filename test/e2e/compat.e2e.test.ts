import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlAvailable, startE2E, type E2E } from './harness.js';

const DS = (image: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logger
spec:
  selector:
    matchLabels: {app: logger}
  template:
    metadata:
      labels: {app: logger}
    spec:
      tolerations:
        - {key: dedicated, operator: Exists, effect: NoSchedule}
      containers:
        - name: logger
          image: ${image}
          env:
            - name: NODE_NAME
              valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
          command: ["sh", "-c", "trap 'exit 0' TERM; echo \\"starting on node: $NODE_NAME\\"; while true; do sleep 10; done"]
`;

// The machine's kubectl is a dispatcher: it runs kubectl.1.NN for a server reporting 1.NN, so the
// same core workflow runs against the real kubectl of each release (each with its own cache dir).
describe.runIf(kubectlAvailable()).each([28, 30, 33])('kubectl 1.%i against a simulator reporting that version', (minor) => {
  let e: E2E;
  const ds = () => e.cluster.store.get('DaemonSet', 'default', 'logger');
  beforeAll(async () => {
    e = await startE2E({ kubeMinor: minor });
  });
  afterAll(async () => {
    await e.close();
  });

  it('is served by the matching kubectl release', async () => {
    const r = await e.kubectl(['version', '-o', 'json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as { clientVersion: { minor: string }; serverVersion: { minor: string } };
    expect(v.clientVersion.minor).toBe(String(minor));
    expect(v.serverVersion.minor).toBe(String(minor));
  });

  it('applies a DaemonSet and lists it and its pods', async () => {
    const applied = await e.kubectl(['apply', '-f', e.file('ds.yaml', DS('busybox:1.36'))]);
    expect(applied.stdout.trim()).toBe('daemonset.apps/logger created');
    expect(e.until(() => ds()?.status?.numberAvailable === 3)).toBe(true);
    const get = await e.kubectl(['get', 'ds']);
    expect(get.stdout).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\n/);
    expect(get.stdout).toMatch(/\nlogger\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\S+\n$/);
    const pods = await e.kubectl(['get', 'pods', '-o', 'wide']);
    expect(pods.stdout.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    expect(pods.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[6]).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
  });

  it('describes the DaemonSet', async () => {
    const d = await e.kubectl(['describe', 'ds', 'logger']);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/Name:\s+logger\n(Namespace:\s+default\n)?Selector:\s+app=logger/);
    expect(d.stdout).toMatch(/Pods Status:\s+3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed/);
    expect(d.stdout).toMatch(/Normal\s+SuccessfulCreate\s+\S+\s+daemonset-controller\s+Created pod: logger-/);
  });

  it('taints and untaints a node; the tolerating DaemonSet keeps its pod there', async () => {
    const t = await e.kubectl(['taint', 'nodes', 'worker-1', 'dedicated=logs:NoSchedule']);
    expect(t.stdout.trim()).toBe('node/worker-1 tainted');
    expect(e.cluster.store.get('Node', undefined, 'worker-1')?.spec.taints).toEqual([{ key: 'dedicated', value: 'logs', effect: 'NoSchedule' }]);
    const u = await e.kubectl(['taint', 'nodes', 'worker-1', 'dedicated:NoSchedule-']);
    expect(u.stdout.trim()).toBe('node/worker-1 untainted');
    expect(ds()?.status?.desiredNumberScheduled).toBe(3);
  });

  it('follows a rollout to completion and undoes it', async () => {
    await e.kubectl(['apply', '-f', e.file('ds.yaml', DS('busybox:1.37'))]);
    const r = await e.kubectlDriving(['rollout', 'status', 'ds/logger', '--timeout=120s'], { stepMs: 500 });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toBe('daemon set "logger" successfully rolled out');
    const undo = await e.kubectl(['rollout', 'undo', 'ds/logger']);
    expect(undo.stdout.trim()).toBe('daemonset.apps/logger rolled back');
    expect(e.until(() => ds()?.status?.updatedNumberScheduled === 3 && ds()?.status?.numberAvailable === 3)).toBe(true);
    expect(ds()?.spec.template.spec.containers[0]?.image).toBe('busybox:1.36');
  });

  it('shows container logs with the downward-API node name', async () => {
    const pod = e.cluster.store.list('Pod').find((p) => p.spec.nodeName === 'worker-3')?.metadata.name ?? '';
    const logs = await e.kubectl(['logs', pod]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toBe('starting on node: worker-3\n');
  });
});
