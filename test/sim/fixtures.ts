/** Small builders for simulator tests (objects as a user or scenario would write them). */
import type { DaemonSet, Namespace, Node, Taint } from '../../src/cluster/types.js';
import { ManualClock, type Clock } from '../../src/sim/clock.js';
import { SimCluster } from '../../src/sim/cluster.js';
import type { LogLine, ProcessFactory, SimProcess } from '../../src/sim/controllers/kubelet/types.js';

/** A process that runs until stopped and stops within 500 ms of SIGTERM. */
export const daemonProcesses: ProcessFactory = () => quietProcess({ stopMs: 500 });

/** A process description with no output. */
export function quietProcess(opts: { exit?: { atMs: number; code: number }; stopMs?: number } = {}): SimProcess {
  return {
    exit: opts.exit,
    stopMs: opts.stopMs,
    linesBetween: (): LogLine[] => [],
    lastLines: (): LogLine[] => [],
  };
}

export function namespace(name: string): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: '', resourceVersion: '', creationTimestamp: '' } };
}

export function node(name: string, opts: { labels?: Record<string, string>; taints?: Taint[]; cpu?: string; memory?: string; ready?: boolean; index?: number } = {}): Node {
  const index = opts.index ?? 1;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...(opts.labels ?? {}) },
    },
    spec: { podCIDR: `10.244.${index}.0/24`, ...(opts.taints ? { taints: opts.taints } : {}) },
    status: {
      capacity: { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: '110' },
      allocatable: { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [{ type: 'InternalIP', address: `172.18.0.${index + 1}` }],
    },
  };
}

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

export function daemonSet(name: string, image = 'nginx:1.27', extra: Partial<DaemonSet['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } },
      ...extra,
    },
  };
}

/** A cluster with a tainted control plane and `workers` ready workers. */
export function kindLikeCluster(workers = 3, processes: ProcessFactory = daemonProcesses, clock: Clock = new ManualClock(Date.UTC(2026, 10, 25, 10, 0, 0))): SimCluster {
  const cluster = new SimCluster({ clock, processes });
  cluster.store.create(namespace('default'));
  cluster.store.create(namespace('kube-system'));
  cluster.store.create(node('control-plane', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [CONTROL_PLANE_TAINT], index: 0 }));
  for (let i = 1; i <= workers; i++) cluster.store.create(node(`worker-${i}`, { index: i }));
  cluster.settle();
  return cluster;
}
