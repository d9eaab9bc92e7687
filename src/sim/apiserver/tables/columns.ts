/**
 * The wire shapes of a `meta.k8s.io/v1` Table and the column vocabulary the printers share.
 * Descriptions are the Kubernetes v1.32 SwaggerDoc strings printers.go quotes, so `-o json`
 * of a Table (and kubectl's `--sort-by` column lookup) sees exactly what a real server sends.
 */
import type { ObjectMeta } from '../../../cluster/types.js';

/** One column header as the apiserver describes it; `priority` 1 columns show only with `-o wide`. */
export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

/** A cell: kubectl prints `fmt.Sprint` of it, so integers stay JSON numbers. */
export type TableCell = string | number | boolean;

/** `TableRowCondition`: the apiserver marks finished pods `Completed`. */
export interface TableRowCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** What a row embeds for kubectl's NAMESPACE/LABELS decoration (`includeObject=Metadata`). */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

/** One printed object. */
export interface TableRow<O = unknown> {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object?: PartialObjectMetadata | O;
}

/**
 * The Table response. `columnDefinitions` is `null` when headers are suppressed (watch events
 * after the first), because Go marshals the nil slice that way.
 */
export interface Table<O = unknown> {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion: string };
  columnDefinitions: ColumnDefinition[] | null;
  rows: TableRow<O>[];
}

/** How one kind turns into cells (printers.go's `printX` with `Wide: true`, as the apiserver calls it). */
export interface Printer<T> {
  columns: readonly ColumnDefinition[];
  cells(obj: T, nowMs: number): TableCell[];
  conditions?(obj: T): TableRowCondition[] | undefined;
}

/** Builds a column; `format` is only ever `name` for the NAME column. */
export function column(name: string, type: ColumnDefinition['type'], description: string, priority = 0, format = ''): ColumnDefinition {
  return { name, type, format, description, priority };
}

/** metav1.ObjectMeta{}.SwaggerDoc()["name"]. */
export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"]. */
export const CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** The NAME column every printer starts with. */
export const NAME_COLUMN: ColumnDefinition = column('Name', 'string', NAME_DESCRIPTION, 0, 'name');

/** The AGE column (a HumanDuration string, not a date). */
export const AGE_COLUMN: ColumnDefinition = column('Age', 'string', CREATION_TIMESTAMP_DESCRIPTION);

/** Wide-only CONTAINERS column of workload printers. */
export const CONTAINERS_COLUMN: ColumnDefinition = column('Containers', 'string', 'Names of each container in the template.', 1);

/** Wide-only IMAGES column of workload printers. */
export const IMAGES_COLUMN: ColumnDefinition = column('Images', 'string', 'Images referenced by each container in the template.', 1);

/** `layoutContainerCells`: names and images comma-joined in spec order. */
export function containerCells(containers: readonly { name: string; image?: string }[]): [string, string] {
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}
