/**
 * Server-side printing for the simulator's API server: `toTable` answers a GET/LIST/watch that
 * asks for `as=Table;v=v1;g=meta.k8s.io` with the same columns and cells a v1.32 kube-apiserver
 * sends, so real kubectl's `get` output is indistinguishable from a real cluster's.
 */
import type { KubeObject, Kind, ObjectOfKind } from '../../../cluster/types.js';
import { assertNever } from '../../../cluster/types.js';
import type { Printer, Table } from './columns.js';
import { controllerRevisionPrinter } from './controller-revisions.js';
import { daemonSetPrinter } from './daemonsets.js';
import { eventPrinter } from './events.js';
import { defaultPrinter, leasePrinter, namespacePrinter, type LeaseLike, type MetaObject } from './generic.js';
import { nodePrinter } from './nodes.js';
import { podPrinter } from './pods.js';
import { buildTable, type TableOptions } from './table.js';

export type { ColumnDefinition, PartialObjectMetadata, Printer, Table, TableCell, TableRow, TableRowCondition } from './columns.js';
export { age, humanDuration } from './duration.js';
export { isIncludeObject, type IncludeObject, type TableOptions } from './table.js';
export type { LeaseLike, MetaObject } from './generic.js';

function isKind<K extends Kind>(kind: K) {
  return (obj: KubeObject): obj is ObjectOfKind<K> => obj.kind === kind;
}

/** Prints objects of one kind with that kind's printer; a stray object of another kind is a caller bug. */
function printKind<K extends Kind>(kind: K, printer: Printer<ObjectOfKind<K>>, objects: readonly KubeObject[], opts: TableOptions): Table {
  const typed = objects.filter(isKind(kind));
  if (typed.length !== objects.length) throw new Error(`toTable(${kind}) was given objects of another kind`);
  return buildTable(printer, typed, opts);
}

/** The Table for a list (or a one-object GET) of `kind`, exactly as kube-apiserver v1.32 prints it. */
export function toTable(kind: Kind, objects: readonly KubeObject[], opts: TableOptions): Table {
  switch (kind) {
    case 'Pod':
      return printKind(kind, podPrinter, objects, opts);
    case 'Node':
      return printKind(kind, nodePrinter, objects, opts);
    case 'DaemonSet':
      return printKind(kind, daemonSetPrinter, objects, opts);
    case 'ControllerRevision':
      return printKind(kind, controllerRevisionPrinter, objects, opts);
    case 'Event':
      return printKind(kind, eventPrinter, objects, opts);
    case 'Namespace':
      return printKind(kind, namespacePrinter, objects, opts);
    default:
      return assertNever(kind, 'kind');
  }
}

/** The apiserver's default convertor (NAME, CREATED AT) for a resource with no printer of its own. */
export function genericTable(objects: readonly MetaObject[], opts: TableOptions): Table {
  return buildTable(defaultPrinter, objects, opts);
}

/** Leases (`kubectl get leases -n kube-node-lease`): NAME HOLDER AGE. */
export function leaseTable(objects: readonly LeaseLike[], opts: TableOptions): Table {
  return buildTable(leasePrinter, objects, opts);
}
