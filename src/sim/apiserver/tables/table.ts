/**
 * Assembles a Table response from a printer, the way the apiserver's `asTable` does: every
 * column (Wide), one row per object, and per `includeObject` the object's full metadata, the
 * whole object, or nothing.
 */
import type { ObjectMeta } from '../../../cluster/types.js';
import type { PartialObjectMetadata, Printer, Table, TableRow } from './columns.js';

/** The `includeObject` query parameter; kubectl asks for `Object` only with `--sort-by`. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Request-time inputs: the clock for AGE columns and what the request asked to embed. */
export interface TableOptions {
  nowMs: number;
  /** Default `Metadata` (kubectl needs it for `-A` NAMESPACE and `--show-labels`). */
  includeObject?: IncludeObject;
  /** The list's resourceVersion, or the object's for a single GET. */
  resourceVersion: string;
  /** Watch events after the first omit the header (the apiserver sets NoHeaders). */
  omitColumnDefinitions?: boolean;
}

/** `meta.AsPartialObjectMetadata`: the whole ObjectMeta under the Table's group version. */
export function partialObjectMetadata(metadata: ObjectMeta): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

/** Prints `objects` with `printer` into a Table (objects are read, never modified). */
export function buildTable<T extends { metadata: ObjectMeta }>(printer: Printer<T>, objects: readonly T[], opts: TableOptions): Table<T> {
  const include = opts.includeObject ?? 'Metadata';
  const rows = objects.map((obj): TableRow<T> => {
    const row: TableRow<T> = { cells: printer.cells(obj, opts.nowMs) };
    const conditions = printer.conditions?.(obj);
    if (conditions !== undefined) row.conditions = conditions;
    if (include === 'Metadata') row.object = partialObjectMetadata(obj.metadata);
    else if (include === 'Object') row.object = obj;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: opts.resourceVersion },
    columnDefinitions: opts.omitColumnDefinitions === true ? null : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}

/** Whether a raw `includeObject` query value is one the apiserver accepts (others are a 400). */
export function isIncludeObject(value: string): value is IncludeObject {
  return value === 'None' || value === 'Metadata' || value === 'Object';
}
