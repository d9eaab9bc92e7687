/**
 * Small pieces most checks share: resolving the named DaemonSet (with a helpful failure when
 * it is missing) and describing where its pods are.
 */
import type { DaemonSet } from '../../cluster/types.js';
import { findDaemonSet, listText } from '../query.js';
import type { ClusterSnapshot } from '../snapshot.js';
import { fail, type CheckResult } from './types.js';

/** Runs `then` with the DaemonSet, or fails with a sentence naming what does exist. */
export function withDaemonSet(
  snap: ClusterSnapshot,
  ref: { daemonSet: string; namespace: string },
  then: (ds: DaemonSet) => CheckResult,
): CheckResult {
  const ds = findDaemonSet(snap, ref.namespace, ref.daemonSet);
  if (ds) return then(ds);
  return fail(missingDaemonSet(snap, ref.namespace, ref.daemonSet));
}

/** "There is no DaemonSet x in namespace y" plus the ones that are there. */
export function missingDaemonSet(snap: ClusterSnapshot, namespace: string, name: string): string {
  const here = snap.daemonSets.filter((d) => (d.metadata.namespace ?? 'default') === namespace && !d.metadata.deletionTimestamp);
  const others = here.map((d) => d.metadata.name);
  const elsewhere = snap.daemonSets.filter((d) => d.metadata.name === name && (d.metadata.namespace ?? 'default') !== namespace);
  let text = `There is no DaemonSet named ${name} in namespace ${namespace}`;
  if (elsewhere.length) text += ` (there is one in namespace ${elsewhere[0]?.metadata.namespace ?? ''}: use -n ${namespace})`;
  else if (others.length) text += ` (DaemonSets there: ${listText(others)})`;
  return `${text}.`;
}

/** The image each container of the template runs, for reasons. */
export function imagesOf(ds: DaemonSet): string {
  return listText(ds.spec.template.spec.containers.map((c) => `${c.name}=${c.image ?? '(none)'}`));
}
