/**
 * The short printers: Namespace (NAME STATUS AGE, so a namespace being deleted shows
 * `Terminating`), the apiserver's default convertor (NAME, CREATED AT) that any resource without
 * a printer gets, and Lease for the node heartbeats in `kube-node-lease`.
 */
import type { Namespace, ObjectMeta } from '../../../cluster/types.js';
import { age, rfc3339 } from './duration.js';
import { AGE_COLUMN, CREATION_TIMESTAMP_DESCRIPTION, NAME_COLUMN, column, type Printer } from './columns.js';

/** printers.go printNamespace; an unset phase prints as an empty cell, like `string(obj.Status.Phase)`. */
export const namespacePrinter: Printer<Namespace> = {
  columns: [NAME_COLUMN, column('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  cells: (ns, nowMs) => [ns.metadata.name, ns.status?.phase ?? '', age(ns.metadata.creationTimestamp, nowMs)],
};

/** Anything stored with object metadata. */
export interface MetaObject {
  metadata: ObjectMeta;
}

/** A coordination.k8s.io/v1 Lease, as far as its printer reads it. */
export interface LeaseLike extends MetaObject {
  spec?: { holderIdentity?: string };
}

/**
 * `rest.NewDefaultTableConvertor`: NAME plus CREATED AT as an RFC 3339 `date` cell, which is
 * what kube-apiserver serves for a resource that has no printer of its own.
 */
export const defaultPrinter: Printer<MetaObject> = {
  columns: [NAME_COLUMN, column('Created At', 'date', CREATION_TIMESTAMP_DESCRIPTION)],
  cells: (obj) => [obj.metadata.name, rfc3339(obj.metadata.creationTimestamp)],
};

/** printers.go printLease: NAME HOLDER AGE. */
export const leasePrinter: Printer<LeaseLike> = {
  columns: [
    NAME_COLUMN,
    column(
      'Holder',
      'string',
      'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.',
    ),
    AGE_COLUMN,
  ],
  cells: (lease, nowMs) => [lease.metadata.name, lease.spec?.holderIdentity ?? '', age(lease.metadata.creationTimestamp, nowMs)],
};
