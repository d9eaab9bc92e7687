import { describe, expect, it } from 'vitest';
import type { Json } from '../../../../src/cluster/types.js';
import { applyPatch, applyStrategicMergePatch } from '../../../../src/sim/apiserver/patch/index.js';

const SMP = 'application/strategic-merge-patch+json';

function daemonSet(): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'logger', namespace: 'default', annotations: { keep: 'yes' }, finalizers: ['a', 'b'] },
    spec: {
      selector: { matchLabels: { app: 'logger' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      template: {
        metadata: { labels: { app: 'logger' } },
        spec: {
          nodeSelector: { disk: 'ssd' },
          tolerations: [{ key: 'old', operator: 'Exists' }],
          containers: [
            { name: 'main', image: 'agent:1', env: [{ name: 'X1', value: '1' }, { name: 'Y1', value: '2' }], ports: [{ containerPort: 80 }] },
            { name: 'sidecar', image: 'side:1' },
          ],
          volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
        },
      },
    },
  };
}

function node(): Json {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
    spec: { taints: [{ key: 'old', effect: 'NoSchedule' }] },
    status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'node-1' }] },
  };
}

describe('kubectl request bodies (notes §7, §8)', () => {
  it('set image keeps other containers and sets the order', () => {
    const patch = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'main' }, { name: 'sidecar' }], containers: [{ image: 'side:2', name: 'sidecar' }] } } } };
    const out = applyPatch(SMP, daemonSet(), patch as unknown as Json, 'DaemonSet') as { spec: { template: { spec: { containers: { name: string; image: string }[] } } } };
    expect(out.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`)).toStrictEqual(['main=agent:1', 'sidecar=side:2']);
  });

  it('taint add replaces the whole taint list; removing the last sends null', () => {
    const added = applyPatch(SMP, node(), { spec: { taints: [{ effect: 'NoSchedule', key: 'old' }, { effect: 'NoSchedule', key: 'dedicated', value: 'logging' }] } }, 'Node');
    expect((added as { spec: { taints: Json[] } }).spec.taints).toHaveLength(2);
    const removed = applyPatch(SMP, node(), { spec: { taints: null } }, 'Node');
    expect((removed as { spec: Json }).spec).toStrictEqual({});
  });

  it('cordon and uncordon', () => {
    const cordoned = applyPatch(SMP, node(), { spec: { unschedulable: true } }, 'Node') as { spec: { unschedulable?: boolean } };
    expect(cordoned.spec.unschedulable).toBe(true);
    const uncordoned = applyPatch(SMP, cordoned as unknown as Json, { spec: { unschedulable: null } }, 'Node') as { spec: { unschedulable?: boolean } };
    expect(uncordoned.spec.unschedulable).toBeUndefined();
  });

  it('label and unlabel use JSON merge patch', () => {
    const labeled = applyPatch('application/merge-patch+json', node(), { metadata: { labels: { disk: 'ssd' } } }, 'Node') as { metadata: { labels: Record<string, string> } };
    expect(labeled.metadata.labels).toStrictEqual({ 'kubernetes.io/hostname': 'node-1', disk: 'ssd' });
    const unlabeled = applyPatch('application/merge-patch+json', labeled as unknown as Json, { metadata: { labels: { disk: null } } }, 'Node') as typeof labeled;
    expect(unlabeled.metadata.labels).toStrictEqual({ 'kubernetes.io/hostname': 'node-1' });
  });

  it('rollout restart adds a template annotation', () => {
    const at = '2026-11-25T09:42:34Z';
    const out = applyPatch(SMP, daemonSet(), { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } }, 'DaemonSet') as { spec: { template: { metadata: Json } } };
    expect(out.spec.template.metadata).toStrictEqual({ labels: { app: 'logger' }, annotations: { 'kubectl.kubernetes.io/restartedAt': at } });
  });

  it('apply patch with $setElementOrder, $retainKeys, deletions and nulls', () => {
    const patch: Json = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'main' }],
            '$setElementOrder/volumes': [{ name: 'logs' }],
            containers: [
              { '$setElementOrder/env': [{ name: 'Y1' }], env: [{ name: 'Y1', value: '3' }, { $patch: 'delete', name: 'X1' }], image: 'agent:2', name: 'main' },
              { $patch: 'delete', name: 'sidecar' },
            ],
            nodeSelector: null,
            tolerations: [{ effect: 'NoSchedule', key: 'a', operator: 'Exists' }],
            volumes: [{ $retainKeys: ['emptyDir', 'name'], emptyDir: {}, hostPath: null, name: 'logs' }],
          },
        },
        updateStrategy: { rollingUpdate: null, type: 'OnDelete' },
      },
    };
    const out = applyStrategicMergePatch(daemonSet(), patch, 'DaemonSet') as { metadata: Json; spec: { updateStrategy: Json; template: { spec: Json } } };
    expect(out.metadata).toMatchObject({ annotations: { keep: 'yes', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } });
    expect(out.spec.updateStrategy).toStrictEqual({ type: 'OnDelete' });
    expect(out.spec.template.spec).toStrictEqual({
      tolerations: [{ effect: 'NoSchedule', key: 'a', operator: 'Exists' }],
      containers: [{ name: 'main', image: 'agent:2', env: [{ name: 'Y1', value: '3' }], ports: [{ containerPort: 80 }] }],
      volumes: [{ name: 'logs', emptyDir: {} }],
    });
  });

  it('rollout undo replaces the template with $patch: replace', () => {
    const data: Json = { spec: { template: { $patch: 'replace', metadata: { labels: { app: 'logger' } }, spec: { containers: [{ image: 'agent:0', name: 'main' }] } } } };
    const out = applyPatch(SMP, daemonSet(), data, 'DaemonSet') as { spec: { template: Json; updateStrategy: Json } };
    expect(out.spec.template).toStrictEqual({ metadata: { labels: { app: 'logger' } }, spec: { containers: [{ image: 'agent:0', name: 'main' }] } });
    expect(out.spec.updateStrategy).toStrictEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  });

  // Without $setElementOrder, apimachinery puts patch items not known to the server first.
  it('finalizers merge as a set and $deleteFromPrimitiveList removes', () => {
    const merged = applyPatch(SMP, daemonSet(), { metadata: { finalizers: ['c', 'a'] } }, 'DaemonSet') as { metadata: { finalizers: string[] } };
    expect(merged.metadata.finalizers).toStrictEqual(['c', 'a', 'b']);
    const removed = applyPatch(SMP, daemonSet(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, 'DaemonSet') as typeof merged;
    expect(removed.metadata.finalizers).toStrictEqual(['b']);
  });

  it('node status addresses merge by type', () => {
    const out = applyPatch(SMP, node(), { status: { addresses: [{ type: 'InternalIP', address: '10.0.0.9' }] } }, 'Node') as { status: { addresses: Json[] } };
    expect(out.status.addresses).toStrictEqual([{ type: 'InternalIP', address: '10.0.0.9' }, { type: 'Hostname', address: 'node-1' }]);
  });

  it('container ports merge by containerPort', () => {
    const patch: Json = { spec: { template: { spec: { containers: [{ name: 'main', ports: [{ containerPort: 81 }] }] } } } };
    const out = applyPatch(SMP, daemonSet(), patch, 'DaemonSet') as { spec: { template: { spec: { containers: { ports?: Json[] }[] } } } };
    expect(out.spec.template.spec.containers[0]?.ports).toStrictEqual([{ containerPort: 81 }, { containerPort: 80 }]);
  });

  it('server-side apply is refused as an unsupported media type', () => {
    expect(() => applyPatch('application/apply-patch+yaml', daemonSet(), {}, 'DaemonSet')).toThrow(expect.objectContaining({ code: 415 }));
    expect(() => applyPatch('text/plain', daemonSet(), {}, 'DaemonSet')).toThrow(expect.objectContaining({ code: 415 }));
  });

  it('ignores Content-Type parameters', () => {
    const out = applyPatch(`${SMP}; charset=utf-8`, node(), { spec: { unschedulable: true } }, 'Node') as { spec: { unschedulable?: boolean } };
    expect(out.spec.unschedulable).toBe(true);
  });
});
