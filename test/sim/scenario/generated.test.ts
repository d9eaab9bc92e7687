import { describe, expect, it } from 'vitest';
import { buildNodes, generatedScenario } from '../../../src/sim/scenario/index.js';

const NOW = '2025-03-01T12:00:00Z';

describe('generatedScenario', () => {
  it('builds one tainted control plane and N workers', () => {
    const nodes = buildNodes(generatedScenario(5), NOW);
    expect(nodes.map((n) => n.metadata.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3', 'worker-4', 'worker-5']);
    expect(nodes[0]?.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(nodes.filter((n) => n.spec.taints !== undefined)).toHaveLength(1);
  });

  it('allows zero workers and refuses nonsense', () => {
    expect(buildNodes(generatedScenario(0), NOW)).toHaveLength(1);
    expect(() => generatedScenario(-1)).toThrow(RangeError);
    expect(() => generatedScenario(1.5)).toThrow(RangeError);
  });
});

describe('buildNodes', () => {
  const [cp, worker] = buildNodes(generatedScenario(1), NOW);

  it('labels nodes as kind does (no worker role label)', () => {
    expect(cp?.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'control-plane',
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    });
    expect(Object.keys(worker?.metadata.labels ?? {}).some((k) => k.startsWith('node-role.kubernetes.io/'))).toBe(false);
  });

  it('fills spec and status like a real node', () => {
    expect(worker?.spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], providerID: 'kind://docker/learn-daemonsets/worker-1' });
    expect(worker?.status.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'worker-1' },
    ]);
    expect(Object.keys(worker?.status.capacity ?? {})).toEqual(['cpu', 'ephemeral-storage', 'hugepages-1Gi', 'hugepages-2Mi', 'memory', 'pods']);
    expect(worker?.status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
      ['Ready', 'True', 'KubeletReady'],
    ]);
    expect(worker?.status.conditions?.[3]).toMatchObject({ message: 'kubelet is posting ready status', lastHeartbeatTime: NOW, lastTransitionTime: NOW });
    expect(worker?.status.nodeInfo).toMatchObject({
      kubeletVersion: 'v1.32.2',
      containerRuntimeVersion: 'containerd://1.7.24',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      architecture: 'amd64',
      operatingSystem: 'linux',
    });
    expect(worker?.metadata).not.toHaveProperty('uid');
  });

  it('is deterministic, with distinct machine IDs per node', () => {
    const again = buildNodes(generatedScenario(1), NOW);
    expect(again).toEqual([cp, worker]);
    expect(cp?.status.nodeInfo?.machineID).not.toBe(worker?.status.nodeInfo?.machineID);
    expect(cp?.status.nodeInfo?.systemUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('starts nodes NotReady or cordoned when the scenario says so', () => {
    const nodes = buildNodes({ version: 1, description: 'x', nodes: [{ name: 'n', conditions: { Ready: 'False' }, unschedulable: true }] }, NOW);
    expect(nodes[0]?.spec.unschedulable).toBe(true);
    expect(nodes[0]?.status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'KubeletNotReady' });
  });
});
