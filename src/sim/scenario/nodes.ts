/**
 * Turns a scenario's node entries into full Node objects as a kind cluster shows them
 * (labels, annotations, capacity, conditions, addresses, nodeInfo), so `kubectl get nodes -o
 * wide` and `describe node` look real. uid, resourceVersion and creationTimestamp are the
 * store's to assign.
 */
import { createHash } from 'node:crypto';
import type { NewObject, Node, NodeCondition, Taint } from '../../cluster/types.js';
import type { Scenario, ScenarioNode, ScenarioResources } from './schema.js';

/** The taint kind puts on control-plane nodes. */
export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

const DEFAULT_CAPACITY: Readonly<Record<string, string>> = {
  cpu: '8',
  'ephemeral-storage': '102626232Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '16318484Ki',
  pods: '110',
};

type ConditionType = 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable' | 'Ready';
type Status = 'True' | 'False' | 'Unknown';

/** What the kubelet (or the node controller, for Unknown) writes for each condition state. */
const CONDITION_TEXT: Record<ConditionType, Record<Status, [string, string]>> = {
  MemoryPressure: {
    False: ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
    True: ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'],
    Unknown: ['NodeStatusUnknown', 'Kubelet stopped posting node status.'],
  },
  DiskPressure: {
    False: ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    True: ['KubeletHasDiskPressure', 'kubelet has disk pressure'],
    Unknown: ['NodeStatusUnknown', 'Kubelet stopped posting node status.'],
  },
  PIDPressure: {
    False: ['KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    True: ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available'],
    Unknown: ['NodeStatusUnknown', 'Kubelet stopped posting node status.'],
  },
  NetworkUnavailable: {
    False: ['RouteCreated', 'RouteController created a route'],
    True: ['NoRouteCreated', 'Node created without a route'],
    Unknown: ['NodeStatusUnknown', 'Kubelet stopped posting node status.'],
  },
  Ready: {
    True: ['KubeletReady', 'kubelet is posting ready status'],
    False: [
      'KubeletNotReady',
      'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    ],
    Unknown: ['NodeStatusUnknown', 'Kubelet stopped posting node status.'],
  },
};

/** Generators expanded into listed nodes, in file order. */
export function expandNodes(scenario: Scenario): ScenarioNode[] {
  const out: ScenarioNode[] = [];
  for (const entry of scenario.nodes) {
    if ('count' in entry) {
      const { count, namePrefix, ...shared } = entry;
      for (let i = 1; i <= count; i++) out.push({ ...shared, name: `${namePrefix}${i}` });
    } else {
      out.push(entry);
    }
  }
  return out;
}

function hex(seed: string, bytes: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, bytes * 2);
}

function uuid(seed: string): string {
  const h = hex(seed, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function resources(base: ScenarioResources | undefined, fallback: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...fallback };
  for (const [k, v] of Object.entries(base ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

function conditions(node: ScenarioNode, nowIso: string): NodeCondition[] {
  const wanted = node.conditions ?? {};
  const types: ConditionType[] = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];
  if (wanted.NetworkUnavailable !== undefined) types.unshift('NetworkUnavailable');
  return types.map((type) => {
    const status: Status = wanted[type] ?? (type === 'Ready' ? 'True' : 'False');
    const [reason, message] = CONDITION_TEXT[type][status];
    return { type, status, lastHeartbeatTime: nowIso, lastTransitionTime: nowIso, reason, message };
  });
}

/** One full Node for a listed scenario node; `ordinal` picks its IP and pod CIDR. */
export function buildNode(node: ScenarioNode, ordinal: number, nowIso: string): NewObject<Node> {
  const controlPlane = node.role === 'control-plane';
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': node.name,
    'kubernetes.io/os': 'linux',
    ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    ...(node.labels ?? {}),
  };
  const taints: Taint[] = (node.taints ?? (controlPlane ? [CONTROL_PLANE_TAINT] : [])).map((t) => ({ ...t }));
  const capacity = resources(node.capacity, DEFAULT_CAPACITY);
  const allocatable = resources(node.allocatable, capacity);
  const podCIDR = `10.244.${ordinal}.0/24`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR,
      podCIDRs: [podCIDR],
      providerID: `kind://docker/learn-daemonsets/${node.name}`,
      ...(taints.length > 0 ? { taints } : {}),
      ...(node.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: `172.18.0.${ordinal + 2}` },
        { type: 'Hostname', address: node.name },
      ],
      allocatable,
      capacity,
      conditions: conditions(node, nowIso),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: uuid(`boot:${node.name}`),
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-51-generic',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.32.2',
        machineID: hex(`machine:${node.name}`, 16),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: uuid(`system:${node.name}`),
      },
    },
  };
}

/** All nodes of a scenario, control planes and workers in file order. */
export function buildNodes(scenario: Scenario, nowIso: string): NewObject<Node>[] {
  return expandNodes(scenario).map((node, i) => buildNode(node, i, nowIso));
}
