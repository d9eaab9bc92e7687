import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlAvailable, startE2E, type E2E } from './harness.js';

const manifest = (image: string, extra = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:${extra}
      containers:
        - name: agent
          image: ${image}
`;

describe.runIf(kubectlAvailable())('kubectl writes against the simulator', () => {
  let e: E2E;
  const ready = () => e.until(() => {
    const ds = e.cluster.store.get('DaemonSet', 'default', 'log-agent');
    const s = ds?.status;
    return !!s && (s.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0) && s.numberReady === s.desiredNumberScheduled && (s.updatedNumberScheduled ?? 0) === s.desiredNumberScheduled;
  });
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e.close();
  });

  it('applies, re-applies unchanged, and applies a change', async () => {
    const path = e.file('agent.yaml', manifest('fluent/fluent-bit:3.0'));
    expect((await e.kubectl(['apply', '-f', path])).stdout.trim()).toBe('daemonset.apps/log-agent created');
    expect(ready()).toBe(true);
    expect((await e.kubectl(['apply', '-f', path])).stdout.trim()).toBe('daemonset.apps/log-agent unchanged');
    e.file('agent.yaml', manifest('fluent/fluent-bit:3.1'));
    const changed = await e.kubectl(['apply', '-f', path]);
    expect(changed.stdout.trim()).toBe('daemonset.apps/log-agent configured');
    expect(e.cluster.store.get('DaemonSet', 'default', 'log-agent')?.metadata.generation).toBe(2);
    expect(ready()).toBe(true);
  });

  it('rejects a typo with strict field validation and a bad selector with the real messages', async () => {
    const typo = e.file('typo.yaml', manifest('nginx:1.27').replace('image:', 'imagee:').replace('log-agent', 'typo-agent'));
    const r = await e.kubectl(['apply', '-f', typo]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown field "spec.template.spec.containers[0].imagee"');
    const bad = e.file('bad.yaml', manifest('nginx:1.27').replace('matchLabels: {app: log-agent}', 'matchLabels: {app: other}').replace('name: log-agent', 'name: bad'));
    const b = await e.kubectl(['create', '-f', bad]);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('The DaemonSet "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"log-agent"}: `selector` does not match template `labels`');
  });

  it('labels, taints and cordons nodes', async () => {
    expect((await e.kubectl(['label', 'node', 'worker-1', 'disktype=ssd'])).stdout.trim()).toBe('node/worker-1 labeled');
    const again = await e.kubectl(['label', 'node', 'worker-1', 'disktype=hdd']);
    expect(again.stderr).toContain("'disktype' already has a value (ssd), and --overwrite is false");
    expect((await e.kubectl(['label', 'node', 'worker-1', 'disktype-'])).stdout.trim()).toBe('node/worker-1 unlabeled');
    expect((await e.kubectl(['taint', 'nodes', 'worker-2', 'dedicated=gpu:NoSchedule'])).stdout.trim()).toBe('node/worker-2 tainted');
    expect(e.cluster.store.get('Node', undefined, 'worker-2')?.spec.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    expect((await e.kubectl(['taint', 'nodes', 'worker-2', 'dedicated-'])).stdout.trim()).toBe('node/worker-2 untainted');
    expect((await e.kubectl(['cordon', 'worker-3'])).stdout.trim()).toBe('node/worker-3 cordoned');
    expect((await e.kubectl(['get', 'node', 'worker-3'])).stdout).toMatch(/worker-3\s+Ready,SchedulingDisabled/);
    expect((await e.kubectl(['uncordon', 'worker-3'])).stdout.trim()).toBe('node/worker-3 uncordoned');
  });

  it('sets an image, patches, and edits through $EDITOR', async () => {
    expect((await e.kubectl(['set', 'image', 'ds/log-agent', 'agent=fluent/fluent-bit:3.2'])).stdout.trim()).toBe('daemonset.apps/log-agent image updated');
    const patched = await e.kubectl(['patch', 'ds', 'log-agent', '-p', '{"spec":{"minReadySeconds":5}}']);
    expect(patched.stdout.trim()).toBe('daemonset.apps/log-agent patched');
    const merge = await e.kubectl(['patch', 'ds', 'log-agent', '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":"logging"}}}']);
    expect(merge.stdout.trim()).toBe('daemonset.apps/log-agent patched');
    const json = await e.kubectl(['patch', 'ds', 'log-agent', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/revisionHistoryLimit","value":3}]']);
    expect(json.stdout.trim()).toBe('daemonset.apps/log-agent patched');
    const editor = e.file('editor.sh', "#!/bin/sh\nsed -i 's/minReadySeconds: 5/minReadySeconds: 7/' \"$1\"\n", 0o755);
    const edited = await e.kubectl(['edit', 'ds', 'log-agent'], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
    expect(edited.stdout.trim()).toBe('daemonset.apps/log-agent edited');
    const ds = e.cluster.store.get('DaemonSet', 'default', 'log-agent');
    expect(ds?.spec.minReadySeconds).toBe(7);
    expect(ds?.spec.revisionHistoryLimit).toBe(3);
    expect(ds?.metadata.labels?.['tier']).toBe('logging');
    expect(ds?.spec.template.spec.containers[0]?.image).toBe('fluent/fluent-bit:3.2');
  });

  it('deletes a pod, which comes back, and deletes the DaemonSet with each cascade mode', async () => {
    expect(ready()).toBe(true);
    const pod = e.cluster.store.list('Pod')[0];
    const del = e.kubectlDriving(['delete', 'pod', pod?.metadata.name ?? '']);
    expect((await del).stdout.trim()).toBe(`pod "${pod?.metadata.name}" deleted`);
    expect(ready()).toBe(true);
    const orphan = await e.kubectl(['delete', 'ds', 'log-agent', '--cascade=orphan']);
    expect(orphan.stdout.trim()).toBe('daemonset.apps "log-agent" deleted');
    e.until(() => e.cluster.store.get('DaemonSet', 'default', 'log-agent') === undefined);
    expect(e.cluster.store.list('Pod').filter((p) => !p.metadata.ownerReferences)).toHaveLength(3);
  });
});

describe.runIf(kubectlAvailable())('kubectl create namespace (a protobuf body)', () => {
  it('creates the namespace and lists it', async () => {
    const e = await startE2E();
    try {
      const r = await e.kubectl(['create', 'namespace', 'team-a']);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('namespace/team-a created');
      const get = await e.kubectl(['get', 'ns', 'team-a']);
      expect(get.stdout).toMatch(/team-a\s+Active/);
      expect(e.cluster.store.get('Namespace', undefined, 'team-a')?.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    } finally {
      await e.close();
    }
  });
});
