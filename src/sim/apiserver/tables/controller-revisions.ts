/**
 * The ControllerRevision printer (printers.go printControllerRevision): which controller owns
 * each revision and its number, the rows behind `kubectl rollout history daemonset/x`.
 */
import type { ControllerRevision, OwnerReference } from '../../../cluster/types.js';
import { age } from './duration.js';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './columns.js';

const COLUMNS = [
  NAME_COLUMN,
  column('Controller', 'string', 'Controller of the object'),
  column('Revision', 'string', 'revision indicates the revision of the state represented by Data.'),
  AGE_COLUMN,
] as const;

/** `schema.ParseGroupVersion(apiVersion).Group`: `apps/v1` → `apps`, `v1` → core (empty). */
function groupOf(apiVersion: string): string {
  const parts = apiVersion.split('/');
  return parts.length === 2 ? (parts[0] ?? '') : '';
}

/**
 * CONTROLLER: `<kind.group>/<name>` lower-cased from the controller owner reference
 * (`daemonset.apps/fluentd`), or `<none>` for an orphaned revision.
 */
export function controllerText(owners: readonly OwnerReference[] | undefined): string {
  const ref = owners?.find((o) => o.controller === true);
  if (ref === undefined) return '<none>';
  const group = groupOf(ref.apiVersion);
  if (ref.kind === '' && group === '') return ref.name;
  const groupKind = group === '' ? ref.kind : `${ref.kind}.${group}`;
  return `${groupKind.toLowerCase()}/${ref.name}`;
}

/** NAME CONTROLLER REVISION AGE (REVISION is an int64 cell under a `string` column, as upstream). */
export const controllerRevisionPrinter: Printer<ControllerRevision> = {
  columns: COLUMNS,
  cells: (rev, nowMs) => [rev.metadata.name, controllerText(rev.metadata.ownerReferences), rev.revision, age(rev.metadata.creationTimestamp, nowMs)],
};
