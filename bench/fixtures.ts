/** The workload both benchmarks measure: one DaemonSet in kube-system tolerating every taint. */
import type { DaemonSet, DaemonSetSpec } from '../src/cluster/types.js';

/** The `everywhere` DaemonSet; pass `updateStrategy` to set how it rolls out. */
export function everywhereDaemonSet(updateStrategy?: DaemonSetSpec['updateStrategy']): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'everywhere', namespace: 'kube-system', uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: {
      selector: { matchLabels: { app: 'everywhere' } },
      ...(updateStrategy ? { updateStrategy } : {}),
      template: {
        metadata: { labels: { app: 'everywhere' } },
        spec: { tolerations: [{ operator: 'Exists' }], containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.9' }] },
      },
    },
  };
}
