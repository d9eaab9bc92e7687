/**
 * The read model every check grades: plain lists of the objects a DaemonSet lesson cares
 * about, taken from whichever backend runs the lesson (the simulator's store today, a real
 * cluster's list calls later), so checks never depend on where the cluster lives.
 */
import type { ControllerRevision, DaemonSet, Event, Node, Pod } from '../cluster/types.js';
import type { Store } from '../sim/store.js';

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

/** An empty cluster: what a machine sees before the first `cluster.changed`. */
export const EMPTY_SNAPSHOT: ClusterSnapshot = Object.freeze({
  nodes: [],
  pods: [],
  daemonSets: [],
  controllerRevisions: [],
  events: [],
  takenAt: 0,
});

/**
 * Reads the simulator's store; its objects are frozen, so no copy is needed. Events (tens of
 * thousands on a big cluster) are listed only if a check asks for them.
 */
export function snapshotFromStore(store: Store, now: number): ClusterSnapshot {
  let events: readonly Event[] | undefined;
  return {
    nodes: store.list('Node'),
    pods: store.list('Pod'),
    daemonSets: store.list('DaemonSet'),
    controllerRevisions: store.list('ControllerRevision'),
    get events() {
      events ??= store.list('Event');
      return events;
    },
    takenAt: now,
  };
}
