/**
 * Records Kubernetes Events the way client-go's recorder does: correlated first (similar events
 * combined, repeats counted, a source's burst about one object limited), then written.
 */
import type { Event, KubeObject, ObjectReference } from '../cluster/types.js';
import { CowMap } from './checkpoint.js';
import type { Clock } from './clock.js';
import { isoSeconds } from './clock.js';
import { apiVersionOf } from './resources.js';
import { correlate, type CorrelatorPorts, type Decision, type Occurrence } from './event-correlator.js';
import { copyMemory, ObjectMemory } from './event-memory.js';
import type { Store } from './store.js';

/** Who reports an event: `daemonset-controller`, `kubelet` on a host, `default-scheduler`, ... */
export interface EventSource {
  component: string;
  host?: string;
  /** The events.k8s.io recorder (the scheduler's): de-duplicates, but no aggregation or spam filter. */
  series?: boolean;
}

/** What to record. */
export interface EventInput {
  object: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: EventSource;
  /** e.g. `spec.containers{nginx}` for container-level kubelet events. */
  fieldPath?: string;
}

/** The recorder's correlation memory in a checkpoint. */
export interface EventRecorderState {
  readonly memory: ReadonlyMap<string, ObjectMemory>;
  readonly seq: number;
}

/** Writes events into the store after client-go's correlation (see event-correlator.ts). */
export class EventRecorder {
  /**
   * Correlation memory by involved object uid. Shared with checkpoints copy-on-write; an
   * object's map still shared is copied before it changes.
   */
  private memory = new CowMap<string, ObjectMemory>();
  private seq = 0;
  /** Filled for each occurrence and its correlation (one object each, not one per event). */
  private readonly occurrence: Occurrence = { namespace: '', objectName: '', component: '', host: '', fieldPath: '', type: '', reason: '', message: '', correlate: true };
  private readonly decision: Decision = { skip: false, isNew: false, name: '', count: undefined, first: undefined, message: '', combined: false };
  private readonly sources = new Map<string, Map<string, Event['source']>>();
  private lastRefObject: KubeObject | undefined;
  private lastRefFieldPath: string | undefined;
  private lastRef: ObjectReference | undefined;
  private readonly ports: CorrelatorPorts = {
    newName: (objectName) => `${objectName}.${this.uniqueHex()}`,
    stored: (namespace, name) => this.store.get('Event', namespace, name),
  };

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Records one occurrence; never throws (an event must not break a controller). */
  record(input: EventInput): void {
    const { object, source } = input;
    const uid = object.metadata.uid;
    const nowMs = this.clock.now();
    const now = isoSeconds(nowMs);
    const occ = this.occurrence;
    occ.namespace = object.metadata.namespace ?? 'default';
    occ.objectName = object.metadata.name;
    occ.component = source.component;
    occ.host = source.host ?? '';
    occ.fieldPath = input.fieldPath ?? '';
    occ.type = input.type;
    occ.reason = input.reason;
    occ.message = input.message;
    occ.correlate = source.series !== true;
    let memory = this.memory.mutable(uid, copyMemory);
    if (!memory) this.memory.set(uid, (memory = new ObjectMemory()));
    const d = correlate(memory, occ, nowMs, now, this.ports, this.decision);
    if (d.skip) return;
    try {
      const existing = d.isNew ? undefined : this.store.get('Event', occ.namespace, d.name);
      if (existing) {
        const count = d.count ?? existing.count + 1;
        const message = d.message;
        this.store.mutate('Event', occ.namespace, d.name, (ev) => {
          ev.count = count;
          ev.lastTimestamp = now;
          ev.message = message;
        });
        return;
      }
      // A new event, or one whose earlier occurrences were filtered out or deleted: client-go creates it.
      this.store.create(this.newEvent(input, occ.namespace, d, now), true);
    } catch {
      // Events are best effort, as in Kubernetes (e.g. the namespace is terminating).
    }
  }

  /** The event's `source`, one frozen object per component and host (events only point at it). */
  private sourceObject(component: string, host: string | undefined): Event['source'] {
    let byHost = this.sources.get(component);
    if (!byHost) this.sources.set(component, (byHost = new Map()));
    const slot = host ?? '';
    let found = byHost.get(slot);
    if (!found) byHost.set(slot, (found = Object.freeze(host ? { component, host } : { component })));
    return found;
  }

  /** The involvedObject; consecutive events about one object version (Created, Started) share it. */
  private referenceTo(object: KubeObject, fieldPath: string | undefined): ObjectReference {
    if (this.lastRef !== undefined && this.lastRefObject === object && this.lastRefFieldPath === fieldPath) return this.lastRef;
    const ref = Object.freeze(objectReference(object, fieldPath));
    this.lastRefObject = object;
    this.lastRefFieldPath = fieldPath;
    this.lastRef = ref;
    return ref;
  }

  private newEvent(input: EventInput, namespace: string, d: Decision, now: string): Event {
    const { source } = input;
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: d.name, namespace, uid: '', resourceVersion: '', creationTimestamp: '' },
      involvedObject: this.referenceTo(input.object, input.fieldPath),
      reason: input.reason,
      message: d.message,
      source: this.sourceObject(source.component, source.host),
      firstTimestamp: d.first ?? now,
      lastTimestamp: now,
      count: d.count ?? 1,
      type: input.type,
      eventTime: null,
      // client-go builds the combined event without the reporting fields.
      reportingComponent: d.combined ? '' : source.component,
      reportingInstance: d.combined ? '' : (source.host ?? ''),
    };
  }

  /** Forgets correlation state for an object that is gone. */
  forget(uid: string): void {
    this.memory.delete(uid);
  }

  /** The correlation memory, for a checkpoint. */
  snapshot(): EventRecorderState {
    return { memory: this.memory.share(), seq: this.seq };
  }

  /** Puts a checkpoint's correlation memory back. */
  restore(state: EventRecorderState): void {
    this.memory = new CowMap(state.memory);
    this.seq = state.seq;
  }

  /** Hex of Unix nanoseconds, made unique within this recorder. */
  private uniqueHex(): string {
    return nanosHex(Math.floor(this.clock.now()), this.seq++ % 1_000_000);
  }
}

const TWO_24 = 0x100_0000;

/**
 * Hex of `ms × 10^6 + extra` (Unix nanoseconds), exact without BigInt: the milliseconds are split
 * at 2^24 so each part's product stays below 2^53, and 2^24 is six hex digits.
 */
export function nanosHex(ms: number, extra: number): string {
  const high = Math.floor(ms / TWO_24);
  const low = (ms % TWO_24) * 1_000_000 + extra;
  const top = high * 1_000_000 + Math.floor(low / TWO_24);
  const bottom = (low % TWO_24).toString(16);
  return top === 0 ? bottom : `${top.toString(16)}${bottom.padStart(6, '0')}`;
}

/**
 * The event's involvedObject, built as one literal per shape (adding optional keys afterwards
 * would give each of the many stored events an extra out-of-object property array).
 */
function objectReference(object: KubeObject, fieldPath: string | undefined): ObjectReference {
  const { kind, metadata } = object;
  const { name, uid, namespace, resourceVersion } = metadata;
  const apiVersion = apiVersionOf(kind);
  if (namespace) {
    return fieldPath
      ? { kind, name, uid, apiVersion, resourceVersion, namespace, fieldPath }
      : { kind, name, uid, apiVersion, resourceVersion, namespace };
  }
  return fieldPath ? { kind, name, uid, apiVersion, resourceVersion, fieldPath } : { kind, name, uid, apiVersion, resourceVersion };
}

