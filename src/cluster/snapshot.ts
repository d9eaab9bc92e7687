/**
 * The read model every lesson check grades, owned by the pure domain so that every backend
 * (the simulator's store, a real cluster's informers) can produce it without importing the
 * lesson engine.
 */
import type { ControllerRevision, DaemonSet, Event, Node, Pod } from './types.js';

/** One consistent view of the cluster at an instant. */
export interface ClusterSnapshot {
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly daemonSets: readonly DaemonSet[];
  readonly controllerRevisions: readonly ControllerRevision[];
  readonly events: readonly Event[];
  /** The cluster's clock when taken (epoch ms), for age-based checks. */
  readonly takenAt: number;
}
