/**
 * The per-node plans of one DaemonSet sync summed up (counts and actions in node order), kept
 * apart from the planner so the controller can maintain the sums incrementally between syncs.
 */
import type { DsEvent, NodePlan } from './plan.js';
import type { NodePods } from './rolling.js';

/** The node plans of one sync summed up, in node order (what the per-node loop collects). */
export interface NodeTotals {
  createOn: string[];
  deletePods: Set<string>;
  failedBackoffNodes: string[];
  events: DsEvent[];
  /** Every node's rolling-update view, in node order. */
  nodePods: NodePods[];
  requeueAt?: number;
  desired: number;
  current: number;
  ready: number;
  available: number;
  updated: number;
  misscheduled: number;
  nodesWithPods: number;
}

/** Empty totals to add node plans to, starting from `counts`' status counts if given. */
export function emptyTotals(counts?: NodeTotals): NodeTotals {
  // Always this one literal: every totals object shares a shape (no deopts in the adders).
  return {
    createOn: [],
    deletePods: new Set(),
    failedBackoffNodes: [],
    events: [],
    nodePods: [],
    requeueAt: undefined,
    desired: counts?.desired ?? 0,
    current: counts?.current ?? 0,
    ready: counts?.ready ?? 0,
    available: counts?.available ?? 0,
    updated: counts?.updated ?? 0,
    misscheduled: counts?.misscheduled ?? 0,
    nodesWithPods: counts?.nodesWithPods ?? 0,
  };
}

/** Adds one node's actions (not its counts) to the totals. */
export function addActions(t: NodeTotals, name: string, plan: NodePlan): void {
  if (plan.create) t.createOn.push(name);
  for (const p of plan.deletePods) t.deletePods.add(p);
  if (plan.failedBackoff) t.failedBackoffNodes.push(name);
  if (plan.events.length) t.events.push(...plan.events);
  if (plan.requeueAt !== undefined && (t.requeueAt === undefined || plan.requeueAt < t.requeueAt)) t.requeueAt = plan.requeueAt;
}

/** Adds (sign 1) or removes (sign -1) one node's status counts. */
export function addCounts(t: NodeTotals, plan: NodePlan, sign: 1 | -1): void {
  if (plan.current || plan.misscheduled) t.nodesWithPods += sign;
  t.desired += sign * plan.desired;
  t.current += sign * plan.current;
  t.ready += sign * plan.ready;
  t.available += sign * plan.available;
  t.updated += sign * plan.updated;
  t.misscheduled += sign * plan.misscheduled;
}
