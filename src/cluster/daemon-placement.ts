/**
 * Which nodes a DaemonSet wants (daemon controller `NodeShouldRunDaemonPod`), with reasons a
 * learner can act on, and the tolerations every DaemonSet pod receives.
 */
import type { DaemonSet, Node, PodSpec, Taint, Toleration } from './types.js';
import { nodeMatchesNodeSelector, nodeMatchesRequiredAffinity, nodeSelectorMismatch, requiredAffinityMismatch } from './node-affinity.js';
import { taintToString, tolerationsTolerateTaint } from './taints.js';

function exists(key: string, effect: 'NoSchedule' | 'NoExecute'): Toleration {
  return Object.freeze({ key, operator: 'Exists', effect });
}

/** Tolerations added to every DaemonSet pod, in the order `AddOrUpdateDaemonPodTolerations` adds them. */
export const DAEMON_DEFAULT_TOLERATIONS: readonly Toleration[] = Object.freeze([
  exists('node.kubernetes.io/not-ready', 'NoExecute'),
  exists('node.kubernetes.io/unreachable', 'NoExecute'),
  exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
  exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
  exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
  exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
]);

/** Added after the defaults when the pod uses the host network. */
export const DAEMON_HOST_NETWORK_TOLERATION: Toleration = exists('node.kubernetes.io/network-unavailable', 'NoSchedule');

/** `Toleration.MatchToleration`: same key, effect, operator and value (absent = ""). */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    ((a.effect as string | undefined) ?? '') === ((b.effect as string | undefined) ?? '') &&
    ((a.operator as string | undefined) ?? '') === ((b.operator as string | undefined) ?? '') &&
    (a.value ?? '') === (b.value ?? '')
  );
}

/** `AddOrUpdateTolerationInPodSpec`: equal entry → unchanged; matching entry that differs (e.g. tolerationSeconds) → replaced in place; none → appended. */
function addOrUpdate(list: readonly Toleration[], toleration: Toleration): readonly Toleration[] {
  let updated = false;
  const next: Toleration[] = [];
  for (const t of list) {
    if (sameToleration(toleration, t)) {
      if (t.tolerationSeconds === toleration.tolerationSeconds) return list;
      next.push(toleration);
      updated = true;
    } else {
      next.push(t);
    }
  }
  if (!updated) next.push(toleration);
  return next;
}

/** The tolerations a DaemonSet pod ends up with: the template's plus the defaults (and network-unavailable with hostNetwork). */
export function withDefaultDaemonTolerations(tolerations: readonly Toleration[] | undefined, hostNetwork: boolean | undefined): Toleration[] {
  let list: readonly Toleration[] = tolerations ?? [];
  for (const d of DAEMON_DEFAULT_TOLERATIONS) list = addOrUpdate(list, d);
  if (hostNetwork === true) list = addOrUpdate(list, DAEMON_HOST_NETWORK_TOLERATION);
  return list.map((t) => ({ ...t }));
}

/** Per pod template: the effective tolerations, computed once (stored objects are immutable). */
const effectiveTolerations = new WeakMap<PodSpec, readonly Toleration[]>();

function tolerationsFor(spec: PodSpec): readonly Toleration[] {
  let list = effectiveTolerations.get(spec);
  if (list === undefined) {
    list = withDefaultDaemonTolerations(spec.tolerations, spec.hostNetwork);
    effectiveTolerations.set(spec, list);
  }
  return list;
}

/** The controller's verdict for one node, plus why not (empty when it should run). */
export interface DaemonPlacement {
  /** A new daemon pod should be created here if none exists. */
  readonly shouldRun: boolean;
  /** An existing daemon pod may stay (false means delete it). */
  readonly shouldContinueRunning: boolean;
  readonly reasons: readonly string[];
}

const RUN: DaemonPlacement = Object.freeze({ shouldRun: true, shouldContinueRunning: true, reasons: Object.freeze([]) });

/**
 * `NodeShouldRunDaemonPod`: template nodeName, nodeSelector, required node affinity, and
 * NoSchedule/NoExecute taints against template + default tolerations. An untolerated NoSchedule
 * taint stops new pods but keeps existing ones; an untolerated NoExecute taint evicts them.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): DaemonPlacement {
  const spec = ds.spec.template.spec;
  const pinned = spec.nodeName !== undefined && spec.nodeName !== '' && spec.nodeName !== node.metadata.name;
  const fitsSelector = nodeMatchesNodeSelector(node, spec.nodeSelector);
  const fitsAffinity = nodeMatchesRequiredAffinity(node, spec.affinity);
  const tolerations = tolerationsFor(spec);
  let noSchedule = false;
  let noExecute = false;
  for (const taint of node.spec.taints ?? []) {
    if (!isUntoleratedBlocking(taint, tolerations)) continue;
    if (taint.effect === 'NoExecute') noExecute = true;
    else noSchedule = true;
  }
  if (!pinned && fitsSelector && fitsAffinity && !noSchedule && !noExecute) return RUN;
  const fits = !pinned && fitsSelector && fitsAffinity;
  return {
    shouldRun: false,
    shouldContinueRunning: fits && !noExecute,
    reasons: placementReasons(node, spec, pinned, tolerations),
  };
}

function placementReasons(node: Node, spec: PodSpec, pinned: boolean, tolerations: readonly Toleration[]): string[] {
  const reasons: string[] = [];
  if (pinned) reasons.push(`pod template pins nodeName ${spec.nodeName ?? ''}`);
  const selector = nodeSelectorMismatch(node, spec.nodeSelector);
  if (selector !== undefined) reasons.push(selector);
  const affinity = requiredAffinityMismatch(node, spec.affinity);
  if (affinity !== undefined) reasons.push(affinity);
  for (const taint of node.spec.taints ?? []) {
    if (isUntoleratedBlocking(taint, tolerations)) reasons.push(`taint ${taintToString(taint)} not tolerated`);
  }
  return reasons;
}

function isUntoleratedBlocking(taint: Taint, tolerations: readonly Toleration[]): boolean {
  return (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerationsTolerateTaint(tolerations, taint);
}
