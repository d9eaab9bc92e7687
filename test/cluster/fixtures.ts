import type { DaemonSet, Node, PodSpec, Taint } from '../../src/cluster/types.js';

/** A minimal node with the given name, labels and taints. */
export function node(name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z', labels },
    spec: { taints },
    status: {},
  };
}

/** A minimal DaemonSet whose pod template spec is `spec` (containers defaulted). */
export function daemonSet(spec: Partial<PodSpec> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ds', namespace: 'default', uid: 'uid-ds', resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: {
      selector: { matchLabels: { app: 'ds' } },
      template: { metadata: { labels: { app: 'ds' } }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } },
    },
  };
}
