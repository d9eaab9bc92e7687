/** Hand-built objects in the wire shape the store holds, for table printer tests. */
import type { ContainerStatus, DaemonSet, Event, Node, ObjectMeta, Pod } from '../../../../src/cluster/types.js';
import type { ColumnDefinition, Table } from '../../../../src/sim/apiserver/tables/index.js';

/** The instant every test prints at. */
export const NOW = Date.UTC(2026, 0, 1, 9, 0, 0);

/** An RFC 3339 timestamp `ms` before NOW. */
export function ago(ms: number): string {
  return new Date(NOW - ms).toISOString().replace('.000Z', 'Z');
}

export function meta(name: string, extra: Partial<ObjectMeta> = {}): ObjectMeta {
  return { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '42', creationTimestamp: ago(300_000), ...extra };
}

/** [name, type, format, priority] of each column: the shape kubectl lays out. */
export function headers(table: Table): [string, string, string, number][] {
  return (table.columnDefinitions ?? []).map((c: ColumnDefinition) => [c.name, c.type, c.format, c.priority]);
}

export function running(name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return {
    name,
    image: 'docker.io/library/nginx:1.27',
    imageID: '',
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: ago(60_000) } },
    lastState: {},
    ...extra,
  };
}

export function waiting(name: string, reason: string, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, image: 'nginx:1.27', imageID: '', ready: false, started: false, restartCount: 0, state: { waiting: { reason } }, lastState: {}, ...extra };
}

export function pod(name: string, statuses: ContainerStatus[], extra: { phase?: Pod['status']['phase']; meta?: Partial<ObjectMeta>; status?: Partial<Pod['status']> } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, extra.meta),
    spec: { containers: statuses.length > 0 ? statuses.map((s) => ({ name: s.name, image: 'nginx:1.27' })) : [{ name: 'app', image: 'nginx:1.27' }], nodeName: 'worker-1' },
    status: { phase: extra.phase ?? 'Running', podIPs: [{ ip: '10.244.1.5' }], podIP: '10.244.1.5', containerStatuses: statuses, ...extra.status },
  };
}

export function node(name: string, extra: { labels?: Record<string, string>; ready?: 'True' | 'False' | 'Unknown' | 'absent'; unschedulable?: boolean } = {}): Node {
  const ready = extra.ready ?? 'True';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { ...meta(name, { labels: extra.labels, creationTimestamp: ago(3 * 24 * 3600_000 + 5 * 3600_000) }), namespace: undefined },
    spec: extra.unschedulable === undefined ? {} : { unschedulable: extra.unschedulable },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        ...(ready === 'absent' ? [] : [{ type: 'Ready', status: ready }]),
      ],
      addresses: [
        { type: 'InternalIP', address: '172.18.0.3' },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        machineID: 'm',
        systemUUID: 's',
        bootID: 'b',
        kernelVersion: '6.8.0-45-generic',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.18',
        kubeletVersion: 'v1.32.2',
        kubeProxyVersion: 'v1.32.2',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

export function daemonSet(name: string, spec: Partial<DaemonSet['spec']> = {}, status?: DaemonSet['status']): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta(name),
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'fluentd:v1.16' }] } },
      ...spec,
    },
    ...(status ? { status } : {}),
  };
}

export function event(name: string, extra: Partial<Event> = {}): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: meta(name),
    involvedObject: { kind: 'Pod', name: 'fluentd-x7k2p', namespace: 'default', uid: 'u', apiVersion: 'v1', fieldPath: 'spec.containers{fluentd}' },
    reason: 'Pulled',
    message: 'Successfully pulled image "fluentd:v1.16"',
    source: { component: 'kubelet', host: 'worker-1' },
    firstTimestamp: ago(125_000),
    lastTimestamp: ago(30_000),
    count: 3,
    type: 'Normal',
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: 'worker-1',
    ...extra,
  };
}
