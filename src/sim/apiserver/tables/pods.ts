/**
 * The Pod printer (printers.go printPod): READY, STATUS and RESTARTS as `kubectl get pods`
 * shows them, including the `2 (10s ago)` form that tells a learner a container keeps crashing.
 */
import type { ContainerStatus, Pod } from '../../../cluster/types.js';
import { podReadyText, podStatusText } from '../../../cluster/pod-display.js';
import { age, humanDuration, timestampMs } from './duration.js';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer, type TableRowCondition } from './columns.js';

const COLUMNS = [
  NAME_COLUMN,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  AGE_COLUMN,
  column('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
  column(
    'Node',
    'string',
    'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
    1,
  ),
  column(
    'Nominated Node',
    'string',
    'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
    1,
  ),
  column(
    'Readiness Gates',
    'string',
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
    1,
  ),
] as const;

/** Restart total and the latest `lastState.terminated.finishedAt` (ms) seen. */
interface Restarts {
  count: number;
  lastMs: number | undefined;
}

function addRestarts(acc: Restarts, s: ContainerStatus): void {
  acc.count += s.restartCount;
  const finished = timestampMs(s.lastState?.terminated?.finishedAt);
  if (finished !== undefined && (acc.lastMs === undefined || finished > acc.lastMs)) acc.lastMs = finished;
}

/**
 * RESTARTS the way printPod counts them: while an init container blocks the pod, every init
 * container visited so far; afterwards the sidecars plus the regular containers.
 */
export function podRestartsCell(pod: Pod, nowMs: number): string {
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const all: Restarts = { count: 0, lastMs: undefined };
  const sidecar: Restarts = { count: 0, lastMs: undefined };
  let initializing = false;
  for (const s of pod.status.initContainerStatuses ?? []) {
    addRestarts(all, s);
    if (sidecars.has(s.name)) addRestarts(sidecar, s);
    if (s.state.terminated && s.state.terminated.exitCode === 0) continue;
    if (sidecars.has(s.name) && s.started === true) continue;
    initializing = true;
    break;
  }
  let result = all;
  const initialized = pod.status.conditions?.find((c) => c.type === 'Initialized')?.status === 'True';
  if (!initializing || initialized) {
    result = sidecar;
    for (const s of pod.status.containerStatuses ?? []) addRestarts(result, s);
  }
  if (result.count === 0 || result.lastMs === undefined) return String(result.count);
  return `${result.count} (${humanDuration(nowMs - result.lastMs)} ago)`;
}

function readinessGates(pod: Pod): string {
  const gates = (pod.spec as { readinessGates?: { conditionType: string }[] }).readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status.conditions ?? [];
  const met = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${met}/${gates.length}`;
}

const SUCCEEDED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES. */
export const podPrinter: Printer<Pod> = {
  columns: COLUMNS,
  cells: (pod, nowMs) => [
    pod.metadata.name,
    podReadyText(pod),
    podStatusText(pod),
    podRestartsCell(pod, nowMs),
    age(pod.metadata.creationTimestamp, nowMs),
    pod.status.podIPs?.[0]?.ip || '<none>',
    pod.spec.nodeName || '<none>',
    pod.status.nominatedNodeName || '<none>',
    readinessGates(pod),
  ],
  conditions: (pod) => (pod.status.phase === 'Succeeded' ? SUCCEEDED : pod.status.phase === 'Failed' ? FAILED : undefined),
};
