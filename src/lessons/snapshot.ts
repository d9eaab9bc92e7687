/**
 * The read model every check grades: plain lists of the objects a DaemonSet lesson cares
 * about, taken from whichever backend runs the lesson (the simulator's store today, a real
 * cluster's list calls later), so checks never depend on where the cluster lives.
 */
import type { ClusterSnapshot } from '../cluster/snapshot.js';
import type { Event } from '../cluster/types.js';
import type { Store } from '../sim/store.js';

export type { ClusterSnapshot } from '../cluster/snapshot.js';

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
