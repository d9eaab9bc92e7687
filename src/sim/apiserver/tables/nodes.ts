/**
 * The Node printer (printers.go printNode): STATUS from the Ready condition plus
 * `SchedulingDisabled` for cordoned nodes, and ROLES from the node-role labels, which is how a
 * learner sees `kubectl cordon` and the control-plane role take effect.
 */
import type { Node } from '../../../cluster/types.js';
import { age } from './duration.js';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './columns.js';

const ADDRESSES_DESCRIPTION =
  "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

const COLUMNS = [
  NAME_COLUMN,
  column('Status', 'string', 'The status of the node'),
  column('Roles', 'string', 'The roles of the node'),
  AGE_COLUMN,
  column('Version', 'string', 'Kubelet Version reported by the node.'),
  column('Internal-IP', 'string', ADDRESSES_DESCRIPTION, 1),
  column('External-IP', 'string', ADDRESSES_DESCRIPTION, 1),
  column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
  column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
  column('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
] as const;

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** `Ready` / `NotReady` / `Unknown` (no Ready condition), then `,SchedulingDisabled` when cordoned. */
export function nodeStatusText(node: Node): string {
  // The last condition of a type wins, as in printers.go's condition map.
  const ready = (node.status.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const parts = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec.unschedulable === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** `findNodeRoles`: suffixes of `node-role.kubernetes.io/<role>` and values of `kubernetes.io/role`, sorted, deduplicated. */
export function nodeRolesText(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX)) {
      const role = key.slice(ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === ROLE_LABEL && value !== '') {
      roles.add(value);
    }
  }
  return roles.size === 0 ? '<none>' : [...roles].sort(byteOrder).join(',');
}

/** Go's string ordering (bytes), which equals UTF-16 order for the ASCII that label keys allow. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function address(node: Node, type: string): string {
  return node.status.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

/** NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodePrinter: Printer<Node> = {
  columns: COLUMNS,
  cells: (node, nowMs) => {
    const info = node.status.nodeInfo;
    return [
      node.metadata.name,
      nodeStatusText(node),
      nodeRolesText(node),
      age(node.metadata.creationTimestamp, nowMs),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};
