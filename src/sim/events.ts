/**
 * Records Kubernetes Events the way client-go's recorder does: one Event object per
 * (object, reason, message, source), repeated occurrences bump `count` and `lastTimestamp`.
 */
import type { Event, KubeObject, ObjectReference } from '../cluster/types.js';
import { CowMap } from './checkpoint.js';
import type { Clock } from './clock.js';
import { isoSeconds } from './clock.js';
import { apiVersionOf } from './resources.js';
import type { Store } from './store.js';

/** Who reports an event: `daemonset-controller`, `kubelet` on a host, `default-scheduler`, ... */
export interface EventSource {
  component: string;
  host?: string;
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

/** The recorder's aggregation memory in a checkpoint. */
export interface EventRecorderState {
  readonly names: ReadonlyMap<string, Map<string, string>>;
  readonly seq: number;
}

/** Writes and aggregates events into the store. */
export class EventRecorder {
  /**
   * Event names by involved object uid, then by (reason, message, source, fieldPath). Shared
   * with checkpoints copy-on-write; an inner map still shared is copied before it changes.
   */
  private names = new CowMap<string, Map<string, string>>();
  private seq = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Records one occurrence; never throws (an event must not break a controller). */
  record(input: EventInput): void {
    const { object, source } = input;
    const key = `${input.reason}\u0000${input.message}\u0000${source.component}\u0000${source.host ?? ''}\u0000${input.fieldPath ?? ''}`;
    const byObject = this.names.get(object.metadata.uid);
    const now = isoSeconds(this.clock.now());
    const namespace = object.metadata.namespace ?? 'default';
    const existingName = byObject?.get(key);
    if (existingName && this.store.get('Event', namespace, existingName)) {
      this.store.mutate('Event', namespace, existingName, (ev) => {
        ev.count += 1;
        ev.lastTimestamp = now;
      });
      return;
    }
    const name = `${object.metadata.name}.${this.uniqueHex()}`;
    const involvedObject: ObjectReference = {
      kind: object.kind,
      name: object.metadata.name,
      uid: object.metadata.uid,
      apiVersion: apiVersionOf(object.kind),
      resourceVersion: object.metadata.resourceVersion,
    };
    if (object.metadata.namespace) involvedObject.namespace = object.metadata.namespace;
    if (input.fieldPath) involvedObject.fieldPath = input.fieldPath;
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: '', resourceVersion: '', creationTimestamp: '' },
      involvedObject,
      reason: input.reason,
      message: input.message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type: input.type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    try {
      this.store.create(event, true);
      const owned = this.names.mutable(object.metadata.uid, copyNames);
      if (owned) owned.set(key, name);
      else this.names.set(object.metadata.uid, new Map([[key, name]]));
    } catch {
      // Events are best effort, as in Kubernetes (e.g. the namespace is terminating).
    }
  }

  /** Forgets aggregation state for an object that is gone. */
  forget(uid: string): void {
    this.names.delete(uid);
  }

  /** The aggregation memory, for a checkpoint. */
  snapshot(): EventRecorderState {
    return { names: this.names.share(), seq: this.seq };
  }

  /** Puts a checkpoint's aggregation memory back. */
  restore(state: EventRecorderState): void {
    this.names = new CowMap(state.names);
    this.seq = state.seq;
  }

  /** Hex of Unix nanoseconds, made unique within this recorder. */
  private uniqueHex(): string {
    const nanos = BigInt(Math.floor(this.clock.now())) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    return nanos.toString(16);
  }
}

function copyNames(names: Map<string, string>): Map<string, string> {
  return new Map(names);
}
