/**
 * Kubelet-lite: gives every pod bound to a Ready node a believable life — sandbox, image pull
 * (with ErrImagePull / ImagePullBackOff), create and start, readiness, exits with
 * CrashLoopBackOff back-off, and graceful stop on deletion — with the events a real kubelet
 * records. One instance plays the kubelet of every node.
 */
import type { Container, Node, Pod } from '../../../cluster/types.js';
import { isoSeconds, type Clock } from '../../clock.js';
import type { EventInput, EventRecorder } from '../../events.js';
import { alreadyPresentMessage, backOffPullingMessage, decidePull, pulledMessage, pullFailedMessage, pullingMessage, resolvePull, type ImageOverride } from '../../images.js';
import { randomHex, type Random } from '../../random.js';
import { storeKey, type Store } from '../../store.js';
import type { Controller } from '../controller.js';
import { WorkQueue } from '../work-queue.js';
import { BACKOFF_RESET_MS, backoffMs, backoffText } from './backoff.js';
import { CowMap } from '../../checkpoint.js';
import { KubeletState, ownImages, ownRuntime, type PendingPulls } from './checkpoint.js';
import { buildPodStatus } from './status.js';
import type { ContainerRuntime, PodRuntime, ProcessFactory } from './types.js';

/** How long the simulated runtime takes for each step. */
export interface KubeletTiming {
  /** Pod sandbox (network) setup before the first pull. */
  sandboxMs: number;
  /** Create + start of a container once its image is there. */
  startMs: number;
  /** Extra delay before a container without a readiness probe reports Ready. */
  readyMs: number;
  /** A failed pull takes this long to fail. */
  pullFailMs: number;
}

/** Defaults that look like a small kind cluster. */
export const DEFAULT_TIMING: KubeletTiming = { sandboxMs: 400, startMs: 300, readyMs: 0, pullFailMs: 1200 };

/** Everything the kubelet is wired to. */
export interface KubeletOptions {
  store: Store;
  clock: Clock;
  recorder: EventRecorder;
  random: Random;
  processes: ProcessFactory;
  images: () => readonly ImageOverride[];
  timing?: Partial<KubeletTiming>;
}

/** The kubelets of all simulated nodes. */
export class Kubelet implements Controller {
  readonly name = 'kubelet';
  private readonly queue = new WorkQueue();
  // Shared with checkpoints copy-on-write; runtimes and image sets are copied before changes.
  private pods = new CowMap<string, PodRuntime>();
  /** Pod uid → its store key (kept, so each lookup reuses one hashed string). */
  private keys = new CowMap<string, string>();
  private nodeImages = new CowMap<string, Set<string>>();
  private nextIP = new CowMap<string, number>();
  private pendingPulls: PendingPulls = new Map();
  private readonly timing: KubeletTiming;

  constructor(private readonly opts: KubeletOptions) {
    this.timing = { ...DEFAULT_TIMING, ...opts.timing };
    opts.store.watch({ kind: 'Pod' }, (e) => {
      const pod = e.object as Pod;
      const uid = pod.metadata.uid;
      if (e.type === 'DELETED') {
        this.pods.delete(uid);
        this.keys.delete(uid);
        return;
      }
      if (!pod.spec.nodeName) return;
      if (!this.keys.has(uid)) this.keys.set(uid, storeKey(pod.metadata.namespace ?? 'default', pod.metadata.name));
      const rt = this.pods.get(uid);
      if (!rt || (pod.metadata.deletionTimestamp && rt.stopAt === undefined)) this.queue.add(uid);
    });
    opts.store.watch({ kind: 'Node' }, (e) => {
      if (e.type === 'DELETED' || !isNodeReady(e.object as Node)) return;
      if (e.previous && isNodeReady(e.previous as Node)) return;
      for (const pod of opts.store.byIndex('Pod', 'node', e.object.metadata.name)) this.queue.add(pod.metadata.uid);
    });
  }

  hasWork(nowMs: number): boolean {
    return this.queue.hasDue(nowMs);
  }

  nextWake(): number | undefined {
    return this.queue.nextAt();
  }

  /** The kubelet's runtime view of a pod (for logs), if it has one. */
  runtime(uid: string): PodRuntime | undefined {
    return this.pods.get(uid);
  }

  snapshotState(): KubeletState {
    return new KubeletState(this.queue.snapshot(), this.pods.share(), this.keys.share(), this.nodeImages.share(), this.nextIP.share(), new Map(this.pendingPulls));
  }

  restoreState(state: unknown): void {
    if (!(state instanceof KubeletState)) throw new TypeError('not a kubelet checkpoint');
    this.queue.restore(state.queue);
    this.pods = new CowMap(state.pods);
    this.pendingPulls = new Map(state.pendingPulls);
    this.keys = new CowMap(state.keys);
    this.nodeImages = new CowMap(state.nodeImages);
    this.nextIP = new CowMap(state.nextIP);
  }

  run(nowMs: number): void {
    for (const uid of this.queue.takeDue(nowMs)) {
      const key = this.keys.get(uid);
      if (!key) continue;
      const pod = this.opts.store.getByKey('Pod', key);
      if (!pod || pod.metadata.uid !== uid || !pod.spec.nodeName) continue;
      const node = this.opts.store.get('Node', undefined, pod.spec.nodeName);
      // A NotReady or missing node has no working kubelet: its pods stand still.
      if (!node || !isNodeReady(node)) continue;
      this.syncPod(pod, node, nowMs);
    }
  }

  private syncPod(pod: Pod, node: Node, nowMs: number): void {
    let rt = this.pods.mutable(pod.metadata.uid, (r) => ownRuntime(r, this.pendingPulls));
    if (!rt) {
      rt = this.admit(pod, node, nowMs);
      this.pods.set(pod.metadata.uid, rt);
    }
    if (pod.metadata.deletionTimestamp) {
      if (this.stop(pod, rt, nowMs)) return;
    } else {
      const specs = pod.spec.containers;
      for (let i = 0; i < specs.length; i++) {
        const c = rt.containers[i];
        if (c) this.stepContainer(pod, rt, specs[i] as Container, c, nowMs);
      }
    }
    // Rebuild the status only when something it shows changed (most wake-ups move an image pull
    // along), and not while the pod worker is inside one SyncPod (pulling, then creating and
    // starting): the real kubelet posts the status it generated at the start of that sync and
    // the next one only after it returns, so the sandbox's IP shows up together with the start.
    const signature = statusSignature(rt, nowMs);
    if ((signature !== rt.lastStatusSignature || pod.status !== rt.lastStatus) && (rt.lastStatus === undefined || pod.metadata.deletionTimestamp || !insideSync(rt))) {
      const status = buildPodStatus(pod, rt, nowMs);
      if (pod.status.nominatedNodeName) status.nominatedNodeName = pod.status.nominatedNodeName;
      rt.lastStatus = this.opts.store.replaceStatus(pod, status).status;
      rt.lastStatusSignature = signature;
    }
    const wake = nextWakeOf(rt, nowMs);
    if (wake !== undefined) this.queue.addAt(pod.metadata.uid, wake);
  }

  private admit(pod: Pod, node: Node, nowMs: number): PodRuntime {
    const hostIP = node.status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '172.18.0.2';
    // Every field the runtime gets later is listed (undefined) from the start: one object shape
    // for a pod's whole life, so the kubelet's hot code is not deoptimised stage by stage.
    return {
      uid: pod.metadata.uid,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      node: node.metadata.name,
      startMs: nowMs,
      sandboxReadyAt: nowMs + this.timing.sandboxMs,
      hostIP,
      podIP: pod.spec.hostNetwork ? hostIP : this.allocateIP(node),
      containers: pod.spec.containers.map((c): ContainerRuntime => ({
        name: c.name,
        image: c.image ?? '',
        phase: 'creating',
        nextAt: nowMs + this.timing.sandboxMs,
        pullFailures: 0,
        pullMessage: undefined,
        imageID: undefined,
        behaviour: undefined,
        restartCount: 0,
        ready: false,
        readyAt: undefined,
        current: undefined,
        previous: undefined,
        lastTerminated: undefined,
        previousTerminated: undefined,
        waitingReason: undefined,
        waitingMessage: undefined,
      })),
      stopAt: undefined,
      lastStatusSignature: undefined,
      lastStatus: undefined,
    };
  }

  private allocateIP(node: Node): string {
    const n = (this.nextIP.get(node.metadata.name) ?? 1) + 1;
    this.nextIP.set(node.metadata.name, n);
    const cidr = node.spec.podCIDR ?? '10.244.0.0/24';
    const base = cidr.split('/')[0]?.split('.') ?? ['10', '244', '0', '0'];
    return `${base[0]}.${base[1]}.${Number(base[2]) + Math.floor(n / 254)}.${(n % 254) + 1}`;
  }

  private event(pod: Pod, c: ContainerRuntime | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    // One shape for every kubelet event (fieldPath present, maybe undefined).
    const input: EventInput = { object: pod, type, reason, message, source: { component: 'kubelet', host: pod.spec.nodeName }, fieldPath: c ? containerFieldPath(c.name) : undefined };
    this.opts.recorder.record(input);
  }

  /** Advances one container through every transition due at `nowMs`. */
  private stepContainer(pod: Pod, rt: PodRuntime, spec: Container, c: ContainerRuntime, nowMs: number): void {
    for (let guard = 0; guard < 8 && c.nextAt !== undefined && c.nextAt <= nowMs; guard++) {
      switch (c.phase) {
        case 'creating':
        case 'pullBackOff':
          this.beginPull(pod, rt, spec, c, nowMs);
          break;
        case 'pulling':
          this.finishPull(pod, rt, c, nowMs);
          break;
        case 'pullFailed':
          c.phase = 'pullBackOff';
          c.waitingReason = 'ImagePullBackOff';
          c.waitingMessage = backOffPullingMessage(c.image);
          this.event(pod, c, 'Normal', 'BackOff', c.waitingMessage);
          this.event(pod, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
          c.nextAt = nowMs + backoffMs(c.pullFailures);
          break;
        case 'starting':
          this.startContainer(pod, rt, spec, c, nowMs);
          break;
        case 'running':
          this.tickRunning(c, nowMs);
          break;
        case 'exited':
          this.afterExit(pod, c, nowMs);
          break;
        case 'crashBackOff':
          c.phase = 'creating';
          c.nextAt = nowMs;
          break;
        case 'stopped':
          c.nextAt = undefined;
          break;
      }
    }
  }

  private beginPull(pod: Pod, rt: PodRuntime, spec: Container, c: ContainerRuntime, nowMs: number): void {
    const present = this.nodeImages.get(rt.node)?.has(c.image) ?? false;
    const decision = decidePull(c.image, spec.imagePullPolicy, present);
    if (decision.action === 'present') {
      const known = resolvePull(c.image, this.opts.images(), true);
      if (known.ok) {
        c.imageID = known.imageID;
        c.behaviour = known.behaviour;
      }
      this.event(pod, c, 'Normal', 'Pulled', alreadyPresentMessage(c.image));
      c.phase = 'starting';
      c.nextAt = nowMs + this.timing.startMs;
      return;
    }
    if (decision.action === 'never') {
      c.phase = 'pullFailed';
      c.pullMessage = decision.message;
      c.pullFailures++;
      this.event(pod, c, 'Warning', 'ErrImageNeverPull', decision.message);
      c.nextAt = nowMs + this.timing.pullFailMs;
      return;
    }
    const result = resolvePull(c.image, this.opts.images(), decision.cached);
    this.pendingPulls.set(c, result);
    this.event(pod, c, 'Normal', 'Pulling', pullingMessage(c.image));
    c.phase = 'pulling';
    c.nextAt = nowMs + (result.ok ? result.pullMs : this.timing.pullFailMs);
  }

  private finishPull(pod: Pod, rt: PodRuntime, c: ContainerRuntime, nowMs: number): void {
    const result = this.pendingPulls.get(c) ?? resolvePull(c.image, this.opts.images());
    this.pendingPulls.delete(c);
    if (result.ok) {
      c.imageID = result.imageID;
      c.behaviour = result.behaviour;
      let images = this.nodeImages.mutable(rt.node, ownImages);
      if (!images) this.nodeImages.set(rt.node, (images = new Set()));
      images.add(c.image);
      c.pullFailures = 0;
      this.event(pod, c, 'Normal', 'Pulled', pulledMessage(c.image, result.pullMs, result.size));
      c.phase = 'starting';
      c.nextAt = nowMs + this.timing.startMs;
      return;
    }
    c.pullFailures++;
    c.phase = 'pullFailed';
    c.pullMessage = result.message;
    c.waitingReason = undefined;
    c.waitingMessage = undefined;
    this.event(pod, c, 'Warning', 'Failed', pullFailedMessage(c.image, result));
    this.event(pod, c, 'Warning', 'Failed', `Error: ${result.reason}`);
    c.nextAt = nowMs + 1000;
  }

  private startContainer(pod: Pod, rt: PodRuntime, spec: Container, c: ContainerRuntime, nowMs: number): void {
    const restarting = c.current !== undefined;
    if (restarting) c.restartCount++;
    const containerID = `containerd://${randomHex(this.opts.random, 64)}`;
    const process = this.opts.processes({ pod, container: spec, podIP: rt.podIP, hostIP: rt.hostIP, startMs: nowMs, image: c.behaviour });
    if (c.current) c.previous = c.current;
    c.current = { startMs: nowMs, process, containerID };
    this.event(pod, c, 'Normal', 'Created', `Created container: ${c.name}`);
    if (process.startError) {
      this.event(pod, c, 'Warning', 'Failed', `Error: ${process.startError.message}`);
      this.terminate(c, nowMs, process.startError.exitCode, 'StartError', process.startError.message);
      return;
    }
    this.event(pod, c, 'Normal', 'Started', `Started container ${c.name}`);
    c.phase = 'running';
    c.waitingReason = undefined;
    c.waitingMessage = undefined;
    const probeDelay = spec.readinessProbe ? (spec.readinessProbe.initialDelaySeconds ?? 0) * 1000 + 1000 : this.timing.readyMs;
    c.readyAt = nowMs + probeDelay;
    c.ready = probeDelay === 0;
    this.scheduleRunning(c, nowMs);
  }

  private scheduleRunning(c: ContainerRuntime, nowMs: number): void {
    const times: number[] = [];
    if (!c.ready && c.readyAt !== undefined) times.push(c.readyAt);
    const exit = c.current?.process.exit;
    if (exit && c.current) times.push(c.current.startMs + exit.atMs);
    const next = times.length ? Math.min(...times) : undefined;
    c.nextAt = next !== undefined ? Math.max(next, nowMs) : undefined;
  }

  private tickRunning(c: ContainerRuntime, nowMs: number): void {
    if (!c.ready && c.readyAt !== undefined && c.readyAt <= nowMs) c.ready = true;
    const exit = c.current?.process.exit;
    if (exit && c.current && c.current.startMs + exit.atMs <= nowMs) {
      this.terminate(c, c.current.startMs + exit.atMs, exit.code, exit.code === 0 ? 'Completed' : 'Error');
      return;
    }
    this.scheduleRunning(c, nowMs);
  }

  private terminate(c: ContainerRuntime, atMs: number, exitCode: number, reason: string, message?: string): void {
    const run = c.current;
    if (run) {
      run.endMs = atMs;
      run.exitCode = exitCode;
    }
    c.ready = false;
    c.phase = 'exited';
    c.previousTerminated = c.lastTerminated;
    c.lastTerminated = {
      exitCode,
      reason,
      ...(message ? { message } : {}),
      startedAt: isoSeconds(run?.startMs ?? atMs),
      finishedAt: isoSeconds(atMs),
      ...(run ? { containerID: run.containerID } : {}),
    };
    c.nextAt = atMs + 1000;
  }

  private afterExit(pod: Pod, c: ContainerRuntime, nowMs: number): void {
    const run = c.current;
    const ranLong = run !== undefined && (run.endMs ?? nowMs) - run.startMs >= BACKOFF_RESET_MS;
    if (c.restartCount === 0 || ranLong) {
      c.phase = 'creating';
      c.nextAt = nowMs;
      return;
    }
    const delay = backoffMs(c.restartCount);
    c.phase = 'crashBackOff';
    c.waitingReason = 'CrashLoopBackOff';
    c.waitingMessage = `back-off ${backoffText(delay)} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    this.event(pod, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`);
    c.nextAt = (run?.endMs ?? nowMs) + delay;
  }

  /** Stops containers for a deleted pod; returns true when the pod object is gone. */
  private stop(pod: Pod, rt: PodRuntime, nowMs: number): boolean {
    if (rt.stopAt === undefined) {
      const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
      let longest = 0;
      for (const c of rt.containers) {
        if (c.phase === 'running') {
          this.event(pod, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
          const stopMs = c.current?.process.stopMs;
          longest = Math.max(longest, stopMs === undefined ? graceMs : Math.min(stopMs, graceMs));
          c.phase = 'stopped';
        }
        c.nextAt = undefined;
      }
      rt.stopAt = nowMs + Math.max(longest, 200);
      return false;
    }
    if (nowMs < rt.stopAt) return false;
    this.opts.store.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    return true;
  }
}

/** A container is being pulled or created and started (one SyncPod of the real kubelet's pod worker). */
function insideSync(rt: PodRuntime): boolean {
  return rt.containers.some((c) => c.phase === 'pulling' || c.phase === 'starting');
}

/** The earliest instant after `nowMs` at which the pod's runtime has something to do. */
function nextWakeOf(rt: PodRuntime, nowMs: number): number | undefined {
  let min: number | undefined;
  const consider = (t: number | undefined) => {
    if (t !== undefined && t > nowMs && (min === undefined || t < min)) min = t;
  };
  consider(rt.sandboxReadyAt);
  consider(rt.stopAt);
  for (const c of rt.containers) consider(c.nextAt);
  return min;
}

const fieldPaths = new Map<string, string>();

/** `spec.containers{name}`, one shared string per container name (every event carries it). */
function containerFieldPath(name: string): string {
  let path = fieldPaths.get(name);
  if (path === undefined) {
    path = `spec.containers{${name}}`;
    if (fieldPaths.size < 1000) fieldPaths.set(name, path);
  }
  return path;
}

/** Scratch parts of a status signature (joined into one flat string, not a rope kept per pod). */
const sigParts: (string | number)[] = [];

/** Everything the pod status is derived from, as one comparable string. */
function statusSignature(rt: PodRuntime, nowMs: number): string {
  sigParts.length = 0;
  sigParts.push(nowMs >= rt.sandboxReadyAt ? 'S' : 's');
  for (const c of rt.containers) {
    sigParts.push(c.phase, c.restartCount, c.ready ? 1 : 0, c.waitingReason ?? '', c.current ? (c.imageID ?? '') : '', c.current?.startMs ?? '', c.lastTerminated?.finishedAt ?? '', c.pullMessage ?? '');
  }
  return sigParts.join('\u0000');
}

const readiness = new WeakMap<Node, boolean>();

/** The node's Ready condition is True (memoised per stored, immutable node object). */
function isNodeReady(node: Node): boolean {
  let ready = readiness.get(node);
  if (ready === undefined) {
    ready = node.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    readiness.set(node, ready);
  }
  return ready;
}


