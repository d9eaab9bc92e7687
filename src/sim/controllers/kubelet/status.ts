/**
 * Turns the kubelet's private container state into the pod status the API shows: phase
 * (kubelet getPhase), conditions in kubelet order, container states and QoS class.
 */
import type { ContainerState, ContainerStatus, Pod, PodCondition, PodPhase, PodStatus } from '../../../cluster/types.js';
import { isoSeconds } from '../../clock.js';

import type { ContainerRuntime, PodRuntime } from './types.js';

/** The container's state as the API shows it. */
export function containerState(c: ContainerRuntime): ContainerState {
  switch (c.phase) {
    case 'creating':
    case 'starting':
    case 'pulling':
      if (c.waitingReason) return { waiting: { reason: c.waitingReason, ...(c.waitingMessage ? { message: c.waitingMessage } : {}) } };
      if (c.lastTerminated && c.current?.endMs !== undefined) return { terminated: c.lastTerminated };
      return { waiting: { reason: 'ContainerCreating' } };
    case 'pullFailed':
      return { waiting: { reason: 'ErrImagePull', message: c.pullMessage ?? '' } };
    case 'pullBackOff':
      return { waiting: { reason: 'ImagePullBackOff', message: c.waitingMessage ?? '' } };
    case 'crashBackOff':
      return { waiting: { reason: 'CrashLoopBackOff', message: c.waitingMessage ?? '' } };
    case 'running':
    case 'stopped':
      return { running: { startedAt: isoSeconds(c.current?.startMs ?? 0) } };
    case 'exited':
      return c.lastTerminated ? { terminated: c.lastTerminated } : { waiting: { reason: 'ContainerCreating' } };
  }
}

/** The empty last state, shared (stored statuses are frozen anyway). */
const NO_LAST_STATE: ContainerState = Object.freeze({});

function containerStatus(c: ContainerRuntime): ContainerStatus {
  const state = containerState(c);
  const running = state.running !== undefined;
  const previous = state.terminated ? c.previousTerminated : c.lastTerminated;
  const lastState: ContainerState = previous ? { terminated: previous } : NO_LAST_STATE;
  // The runtime reports an image ID once a container exists; a pulled image alone shows none.
  const imageID = c.current ? (c.imageID ?? '') : '';
  const ready = running && c.ready;
  const id = c.current?.containerID;
  // One literal per shape: a key added afterwards costs every stored status a property array.
  return id
    ? { name: c.name, image: c.image, imageID, ready, started: running, restartCount: c.restartCount, state, lastState, containerID: id }
    : { name: c.name, image: c.image, imageID, ready, started: running, restartCount: c.restartCount, state, lastState };
}

/** kubelet getPhase for restartPolicy Always. */
function phaseOf(statuses: ContainerStatus[]): PodPhase {
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  for (const s of statuses) {
    if (s.state.running) running++;
    else if (s.state.terminated) stopped++;
    else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    }
  }
  if (waiting > 0) return 'Pending';
  if (running > 0 || stopped > 0) return 'Running';
  return 'Pending';
}

function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const any = pod.spec.containers.some((c) => Object.keys(c.resources?.requests ?? {}).length + Object.keys(c.resources?.limits ?? {}).length > 0);
  if (!any) return 'BestEffort';
  const guaranteed = pod.spec.containers.every((c) => {
    const l = c.resources?.limits ?? {};
    const r = c.resources?.requests ?? l;
    return ['cpu', 'memory'].every((k) => l[k] !== undefined && r[k] === l[k]);
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function condition(prev: PodCondition[] | undefined, type: string, ok: boolean, nowIso: string, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = prev?.find((c) => c.type === type);
  // An unchanged condition is the stored (frozen) object itself: nothing to compare or freeze.
  if (old && old.status === status && old.reason === (ok ? undefined : reason) && old.message === (ok ? undefined : message)) return old;
  const lastTransitionTime = old?.status === status ? old.lastTransitionTime : nowIso;
  // Whole literals, one per shape: properties added afterwards would give each condition a new map.
  if (ok || (!reason && !message)) return { type, status, lastProbeTime: null, lastTransitionTime };
  if (reason && message) return { type, status, lastProbeTime: null, lastTransitionTime, reason, message };
  return reason ? { type, status, lastProbeTime: null, lastTransitionTime, reason } : { type, status, lastProbeTime: null, lastTransitionTime, message };
}

/** The pod status for the kubelet's current view. */
export function buildPodStatus(pod: Pod, rt: PodRuntime, nowMs: number): PodStatus {
  const nowIso = isoSeconds(nowMs);
  const prev = pod.status.conditions;
  const statuses = rt.containers.map(containerStatus);
  const allReady = statuses.every((s) => s.ready);
  const readyMsg = allReady ? undefined : `containers with unready status: [${statuses.filter((s) => !s.ready).map((s) => s.name).join(' ')}]`;
  const sandbox = nowMs >= rt.sandboxReadyAt;
  const scheduled = prev?.find((c) => c.type === 'PodScheduled') ?? { type: 'PodScheduled', status: 'True' as const, lastProbeTime: null, lastTransitionTime: isoSeconds(rt.startMs) };
  const phase = phaseOf(statuses);
  const conditions = [
    condition(prev, 'PodReadyToStartContainers', sandbox, nowIso),
    condition(prev, 'Initialized', true, nowIso),
    condition(prev, 'Ready', allReady, nowIso, 'ContainersNotReady', readyMsg),
    condition(prev, 'ContainersReady', allReady, nowIso, 'ContainersNotReady', readyMsg),
    scheduled,
  ];
  const hostIPs = pod.status.hostIPs ?? [{ ip: rt.hostIP }];
  const startTime = isoSeconds(rt.startMs);
  // qos.GetPodQOS: the class already persisted in the status wins (it never changes).
  const qos = pod.status.qosClass ?? qosClass(pod);
  // One literal per shape (the pod IP comes with the sandbox), so no status grows a property array.
  return sandbox
    ? { phase, conditions, hostIP: rt.hostIP, hostIPs, startTime, containerStatuses: statuses, qosClass: qos, podIP: rt.podIP, podIPs: pod.status.podIPs ?? [{ ip: rt.podIP }] }
    : { phase, conditions, hostIP: rt.hostIP, hostIPs, startTime, containerStatuses: statuses, qosClass: qos };
}
