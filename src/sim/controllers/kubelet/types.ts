/**
 * The simulated kubelet's private view of containers: what the container runtime knows that
 * the API object only summarises (process runs for logs, back-off counters, pull attempts).
 */
import type { Container, ContainerStateTerminated, Pod, PodStatus } from '../../../cluster/types.js';

/** One line a process wrote. */
export interface LogLine {
  atMs: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A running (or finished) container process, as the shell simulator models it. */
export interface SimProcess {
  /** When and how it exits on its own; undefined = runs until stopped. */
  readonly exit?: { atMs: number; code: number };
  /** The runtime could not start it at all (e.g. executable not found). */
  readonly startError?: { message: string; exitCode: number };
  /** Milliseconds it needs to stop after SIGTERM; undefined = ignores SIGTERM (killed after the grace period). */
  readonly stopMs?: number;
  /** Lines written in [fromMs, toMs), oldest first, at most `limit`. */
  linesBetween(fromMs: number, toMs: number, limit: number): LogLine[];
  /** The last `n` lines written before `untilMs`. */
  lastLines(untilMs: number, n: number): LogLine[];
}

/** Starts a container's process at `startMs` given its resolved environment. */
export type ProcessFactory = (input: ProcessInput) => SimProcess;

/** What a process needs to know about its container. */
export interface ProcessInput {
  pod: Pod;
  container: Container;
  podIP: string;
  hostIP: string;
  startMs: number;
  /** The image's default behaviour from the catalog (opaque to the kubelet). */
  image: unknown;
}

/** One run of a container, kept for `kubectl logs` and `--previous`. */
export interface ContainerRun {
  startMs: number;
  endMs?: number;
  exitCode?: number;
  process: SimProcess;
  containerID: string;
}

/** Where a container is in its life. */
export type ContainerPhase =
  | 'creating' // waiting for sandbox / pull to begin
  | 'pulling'
  | 'pullFailed' // ErrImagePull shown, back-off next
  | 'pullBackOff'
  | 'starting'
  | 'running'
  | 'exited' // terminated, restart or back-off next
  | 'crashBackOff'
  | 'stopped'; // killed for pod deletion

/** The kubelet's state for one container. */
export interface ContainerRuntime {
  name: string;
  image: string;
  phase: ContainerPhase;
  /** When the current phase ends (undefined = until something else happens). */
  nextAt?: number;
  pullFailures: number;
  pullMessage?: string;
  imageID?: string;
  behaviour?: unknown;
  restartCount: number;
  ready: boolean;
  readyAt?: number;
  current?: ContainerRun;
  previous?: ContainerRun;
  lastTerminated?: ContainerStateTerminated;
  /** The termination before lastTerminated: shown as lastState while lastTerminated is the current state. */
  previousTerminated?: ContainerStateTerminated;
  /** Shown while creating/pulling/starting after a back-off (ImagePullBackOff, CrashLoopBackOff). */
  waitingReason?: string;
  waitingMessage?: string;
}

/** The kubelet's state for one pod. */
export interface PodRuntime {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  startMs: number;
  sandboxReadyAt: number;
  podIP: string;
  hostIP: string;
  containers: ContainerRuntime[];
  /** Set once the kubelet saw deletionTimestamp: when the last container has stopped. */
  stopAt?: number;
  /** What the last status written was derived from (skips rebuilding an unchanged status). */
  lastStatusSignature?: string;
  /** The status object the kubelet last wrote; another writer replacing it forces a rewrite. */
  lastStatus?: PodStatus;
}
