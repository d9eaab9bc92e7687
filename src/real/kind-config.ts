/**
 * The kind cluster the tool creates: one control plane and three workers, with the Node names
 * the lessons use (control-plane, worker-1..3) instead of kind's `<cluster>-worker2`, set via
 * kubeadm's nodeRegistration.name. Shipped as code so it travels inside the bundle.
 */

/** The cluster's name; kind names its context `kind-<name>`. */
export const KIND_CLUSTER = 'learn-daemonsets';

/** The kubeconfig context kind creates for it. */
export const KIND_CONTEXT = `kind-${KIND_CLUSTER}`;

const nodeName = (kind: 'InitConfiguration' | 'JoinConfiguration', name: string): string[] => [
  '    kubeadmConfigPatches:',
  '      - |',
  `        kind: ${kind}`,
  '        nodeRegistration:',
  `          name: ${name}`,
];

/** kind's cluster config (v1alpha4). */
export const KIND_CONFIG = [
  'kind: Cluster',
  'apiVersion: kind.x-k8s.io/v1alpha4',
  `name: ${KIND_CLUSTER}`,
  'nodes:',
  '  - role: control-plane',
  ...nodeName('InitConfiguration', 'control-plane'),
  ...[1, 2, 3].flatMap((i) => ['  - role: worker', ...nodeName('JoinConfiguration', `worker-${i}`)]),
  '',
].join('\n');
