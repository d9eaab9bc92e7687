/**
 * Field selectors as the apiserver supports them per resource (`=`, `==`, `!=`, comma = AND),
 * with the same refusal for fields a resource does not index.
 */
import type { Kind, KubeObject } from '../../cluster/types.js';
import { StoreError } from '../errors.js';

/** One parsed requirement. */
export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

type Getter = (obj: KubeObject) => string;

const META: Record<string, Getter> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

const FIELDS: Record<Kind, Record<string, Getter>> = {
  Pod: {
    ...META,
    'spec.nodeName': (o) => (o.kind === 'Pod' ? (o.spec.nodeName ?? '') : ''),
    'spec.restartPolicy': (o) => (o.kind === 'Pod' ? (o.spec.restartPolicy ?? '') : ''),
    'spec.schedulerName': (o) => (o.kind === 'Pod' ? (o.spec.schedulerName ?? '') : ''),
    'spec.serviceAccountName': (o) => (o.kind === 'Pod' ? (o.spec.serviceAccountName ?? '') : ''),
    'spec.hostNetwork': (o) => (o.kind === 'Pod' ? String(o.spec.hostNetwork === true) : ''),
    'status.phase': (o) => (o.kind === 'Pod' ? (o.status.phase ?? '') : ''),
    'status.podIP': (o) => (o.kind === 'Pod' ? (o.status.podIP ?? '') : ''),
    'status.nominatedNodeName': (o) => (o.kind === 'Pod' ? (o.status.nominatedNodeName ?? '') : ''),
  },
  Event: {
    ...META,
    'involvedObject.kind': (o) => (o.kind === 'Event' ? o.involvedObject.kind : ''),
    'involvedObject.namespace': (o) => (o.kind === 'Event' ? (o.involvedObject.namespace ?? '') : ''),
    'involvedObject.name': (o) => (o.kind === 'Event' ? o.involvedObject.name : ''),
    'involvedObject.uid': (o) => (o.kind === 'Event' ? (o.involvedObject.uid ?? '') : ''),
    'involvedObject.apiVersion': (o) => (o.kind === 'Event' ? (o.involvedObject.apiVersion ?? '') : ''),
    'involvedObject.resourceVersion': (o) => (o.kind === 'Event' ? (o.involvedObject.resourceVersion ?? '') : ''),
    'involvedObject.fieldPath': (o) => (o.kind === 'Event' ? (o.involvedObject.fieldPath ?? '') : ''),
    reason: (o) => (o.kind === 'Event' ? o.reason : ''),
    reportingComponent: (o) => (o.kind === 'Event' ? o.reportingComponent : ''),
    source: (o) => (o.kind === 'Event' ? o.source.component : ''),
    type: (o) => (o.kind === 'Event' ? o.type : ''),
  },
  Node: { ...META, 'spec.unschedulable': (o) => (o.kind === 'Node' ? String(o.spec.unschedulable === true) : '') },
  Namespace: { ...META, 'status.phase': (o) => (o.kind === 'Namespace' ? (o.status?.phase ?? 'Active') : '') },
  DaemonSet: META,
  ControllerRevision: META,
};

/** Parses `a=b,c!=d`; throws 400 BadRequest for unsupported fields, as the apiserver does. */
export function parseFieldSelector(kind: Kind, text: string | undefined): FieldRequirement[] {
  if (!text) return [];
  const out: FieldRequirement[] = [];
  for (const term of text.split(',')) {
    if (term.trim() === '') continue;
    const m = /^\s*([^!=\s]+)\s*(!=|==|=)\s*(.*?)\s*$/.exec(term);
    if (!m) throw new StoreError('BadRequest', `invalid selector: '${text}'; can't understand '${term}'`);
    const [, field = '', op, value = ''] = m;
    if (!FIELDS[kind][field]) throw new StoreError('BadRequest', `field label not supported: ${field}`);
    out.push({ field, value, negate: op === '!=' });
  }
  return out;
}

/** Whether an object satisfies every requirement. */
export function matchesFields(obj: KubeObject, reqs: readonly FieldRequirement[]): boolean {
  for (const r of reqs) {
    const get = FIELDS[obj.kind][r.field];
    const actual = get ? get(obj) : '';
    if ((actual === r.value) === r.negate) return false;
  }
  return true;
}
