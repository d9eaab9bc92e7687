/**
 * What `kubectl get pods` shows in its READY, STATUS and RESTARTS columns, computed the way
 * the server-side printer does (printers.go printPod), so every view of a pod agrees with kubectl.
 */
import type { ContainerStatus, Pod } from './types.js';

/** READY: `<ready>/<total>` counting restartable init containers (sidecars) too. */
export function podReadyText(pod: Pod): string {
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let total = pod.spec.containers.length + sidecars.size;
  let ready = 0;
  for (const s of pod.status.containerStatuses ?? []) if (s.ready && s.state.running) ready++;
  for (const s of pod.status.initContainerStatuses ?? []) if (sidecars.has(s.name) && s.ready && s.started) ready++;
  if (total === 0) total = pod.status.containerStatuses?.length ?? 0;
  return `${ready}/${total}`;
}

/** Sum of restart counts (regular containers and sidecars). */
export function podRestarts(pod: Pod): number {
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let n = 0;
  for (const s of pod.status.containerStatuses ?? []) n += s.restartCount;
  for (const s of pod.status.initContainerStatuses ?? []) if (sidecars.has(s.name)) n += s.restartCount;
  return n;
}

function terminatedText(s: ContainerStatus): string | undefined {
  const t = s.state.terminated;
  if (!t) return undefined;
  if (t.reason) return t.reason;
  return t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
}

/** STATUS, following printPod's order: reason/phase, init containers, containers last-to-first, deletion. */
export function podStatusText(pod: Pod): string {
  let reason: string = pod.status.reason ?? pod.status.phase;
  const scheduled = pod.status.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.reason === 'SchedulingGated') reason = 'SchedulingGated';
  const inits = pod.spec.initContainers ?? [];
  let initializing = false;
  (pod.status.initContainerStatuses ?? []).some((s, i) => {
    const sidecar = inits.find((c) => c.name === s.name)?.restartPolicy === 'Always';
    const t = s.state.terminated;
    if (t && t.exitCode === 0) return false;
    if (sidecar && s.started) return false;
    initializing = true;
    if (t) reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    else if (s.state.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') reason = `Init:${s.state.waiting.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    return true;
  });
  const initialized = pod.status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    let hasRunning = false;
    const statuses = pod.status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i] as ContainerStatus;
      if (s.state.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state.terminated) reason = terminatedText(s) ?? reason;
      else if (s.ready && s.state.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      reason = pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && pod.status.reason === 'NodeLost') return 'Unknown';
  if (pod.metadata.deletionTimestamp && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed') return 'Terminating';
  return reason;
}
