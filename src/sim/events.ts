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

/**
 * Event names of one involved object by message. The rest of the aggregation key (reason,
 * source, fieldPath) is compared on the stored Event itself, so no key string is built or kept
 * per event. Several names share a message only when those other parts differ (rare).
 */
type NamesByMessage = Map<string, string | readonly string[]>;

/** The recorder's aggregation memory in a checkpoint. */
export interface EventRecorderState {
  readonly names: ReadonlyMap<string, NamesByMessage>;
  readonly seq: number;
}

/** Writes and aggregates events into the store. */
export class EventRecorder {
  /**
   * Event names by involved object uid, then by message. Shared with checkpoints
   * copy-on-write; an inner map still shared is copied before it changes.
   */
  private names = new CowMap<string, NamesByMessage>();
  private seq = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Records one occurrence; never throws (an event must not break a controller). */
  record(input: EventInput): void {
    const { object, source } = input;
    const uid = object.metadata.uid;
    const now = isoSeconds(this.clock.now());
    const namespace = object.metadata.namespace ?? 'default';
    const known = this.names.get(uid)?.get(input.message);
    if (known !== undefined) {
      const existing = this.findSame(namespace, known, input);
      if (existing) {
        this.store.mutate('Event', namespace, existing.metadata.name, (ev) => {
          ev.count += 1;
          ev.lastTimestamp = now;
        });
        return;
      }
    }
    const name = `${object.metadata.name}.${this.uniqueHex()}`;
    const involvedObject = objectReference(object, input.fieldPath);
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
    } catch {
      // Events are best effort, as in Kubernetes (e.g. the namespace is terminating).
      return;
    }
    const owned = this.names.mutable(uid, copyNames);
    if (!owned) {
      this.names.set(uid, new Map<string, string | readonly string[]>().set(input.message, name));
      return;
    }
    // Names under this message whose events are gone (deleted by a user) are dropped here.
    const others = known === undefined ? [] : namesOf(known).filter((n) => this.store.get('Event', namespace, n));
    owned.set(input.message, others.length === 0 ? name : [...others, name]);
  }

  /** The stored event with the same aggregation key as `input`, among the named candidates. */
  private findSame(namespace: string, known: string | readonly string[], input: EventInput): Event | undefined {
    for (const candidate of namesOf(known)) {
      const ev = this.store.get('Event', namespace, candidate);
      if (
        ev &&
        ev.reason === input.reason &&
        ev.source.component === input.source.component &&
        (ev.source.host ?? '') === (input.source.host ?? '') &&
        (ev.involvedObject.fieldPath ?? '') === (input.fieldPath ?? '')
      ) {
        return ev;
      }
    }
    return undefined;
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

function copyNames(names: NamesByMessage): NamesByMessage {
  return new Map(names);
}

function namesOf(known: string | readonly string[]): readonly string[] {
  return typeof known === 'string' ? [known] : known;
}
