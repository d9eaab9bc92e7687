import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlAvailable, startE2E, type E2E } from './harness.js';

const DS = `apiVersion: apps/v1
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
      containers:
        - name: logger
          image: busybox:1.36
          env:
            - name: NODE_NAME
              valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
          command: ["sh", "-c", "trap 'exit 0' TERM; echo \\"starting on node: $NODE_NAME\\"; while true; do echo tick; sleep 10; done"]
`;

describe.runIf(kubectlAvailable())('rollouts, describe, logs and drain', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
    await e.kubectl(['apply', '-f', e.file('logger.yaml', DS)]);
    e.until(() => e.cluster.store.get('DaemonSet', 'default', 'logger')?.status?.numberAvailable === 3);
  });
  afterAll(async () => {
    await e.close();
  });

  it('rolls out a new image and reports progress', async () => {
    await e.kubectl(['set', 'image', 'ds/logger', 'logger=busybox:1.37']);
    const r = await e.kubectlDriving(['rollout', 'status', 'ds/logger', '--timeout=120s'], { stepMs: 500 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Waiting for daemon set "logger" rollout to finish');
    expect(r.stdout.trim().split('\n').pop()).toBe('daemon set "logger" successfully rolled out');
  });

  it('shows history and undoes to the previous revision', async () => {
    const h = await e.kubectl(['rollout', 'history', 'ds/logger']);
    expect(h.stdout).toMatch(/daemonset\.apps\/logger \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
    const undo = await e.kubectl(['rollout', 'undo', 'ds/logger']);
    expect(undo.stdout.trim()).toBe('daemonset.apps/logger rolled back');
    expect(e.until(() => {
      const s = e.cluster.store.get('DaemonSet', 'default', 'logger')?.status;
      return s?.updatedNumberScheduled === 3 && s.numberAvailable === 3;
    })).toBe(true);
    const after = await e.kubectl(['rollout', 'history', 'ds/logger']);
    expect(after.stdout).toMatch(/\n2\s+<none>\n3\s+<none>\n/);
    const again = await e.kubectl(['rollout', 'undo', 'ds/logger', '--to-revision=3']);
    expect(again.stdout.trim()).toBe('daemonset.apps/logger skipped rollback (current template already matches revision 3)');
    const pause = await e.kubectl(['rollout', 'pause', 'ds/logger']);
    expect(pause.code).toBe(1);
    expect(pause.stderr.trim()).toBe('error: daemonsets.apps "logger" pausing is not supported');
  });

  it('describes the DaemonSet with its events', async () => {
    const d = await e.kubectl(['describe', 'ds', 'logger']);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/Name:\s+logger\nSelector:\s+app=logger\nNode-Selector:\s+<none>/);
    expect(d.stdout).toContain('Desired Number of Nodes Scheduled: 3');
    expect(d.stdout).toMatch(/Pods Status:\s+3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed/);
    expect(d.stdout).toMatch(/Normal\s+SuccessfulCreate\s+\S+\s+daemonset-controller\s+Created pod: logger-/);
  });

  it('describes a node with its lease, pods and allocated resources', async () => {
    const d = await e.kubectl(['describe', 'node', 'worker-1']);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/Name:\s+worker-1/);
    expect(d.stdout).toMatch(/HolderIdentity:\s+worker-1/);
    expect(d.stdout).toMatch(/default\s+logger-\S+\s+0 \(0%\)/);
    expect(d.stdout).not.toContain('-9223372036854775808');
  });

  it('shows container logs, including the downward-API node name', async () => {
    const pod = e.cluster.store.list('Pod').find((p) => p.spec.nodeName === 'worker-2');
    const logs = await e.kubectl(['logs', pod?.metadata.name ?? '']);
    expect(logs.code).toBe(0);
    expect(logs.stdout.split('\n')[0]).toBe('starting on node: worker-2');
    const viaDs = await e.kubectl(['logs', 'ds/logger', '--tail=1']);
    expect(viaDs.stdout.trim()).toMatch(/^(tick|starting on node: worker-\d)$/);
    const prefixed = await e.kubectl(['logs', '-l', 'app=logger', '--prefix', '--tail=1']);
    expect(prefixed.stdout.trim().split('\n')).toHaveLength(3);
    expect(prefixed.stdout).toMatch(/^\[pod\/logger-\S+\/logger\] /m);
  });

  it('lists events for one object with a field selector', async () => {
    const ev = await e.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=logger']);
    expect(ev.code).toBe(0);
    expect(ev.stdout.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(ev.stdout).toMatch(/Normal\s+SuccessfulCreate\s+daemonset\/logger\s+Created pod: logger-/);
  });

  it('drains a node, leaving DaemonSet pods in place', async () => {
    const r = await e.kubectlDriving(['drain', 'worker-1', '--ignore-daemonsets'], { stepMs: 500 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('node/worker-1 cordoned');
    expect(r.stderr).toMatch(/Warning: ignoring DaemonSet-managed Pods: default\/logger-/);
    expect(r.stdout.trim().split('\n').pop()).toBe('node/worker-1 drained');
    const refused = await e.kubectl(['drain', 'worker-2']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)');
  });

  it('explains DaemonSet fields from the served OpenAPI', async () => {
    const r = await e.kubectl(['explain', 'daemonset.spec.updateStrategy']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('FIELD: updateStrategy <DaemonSetUpdateStrategy>');
    expect(r.stdout).toMatch(/type\t<string>/);
  });
});
