/**
 * client-go's event correlator (tools/record), the rules every core/v1 event recorder applies
 * before it writes an Event — the DaemonSet controller's, the kubelet's, the node lifecycle
 * controller's:
 * - aggregation: when one source reports 10 different messages with the same type and reason
 *   about one object within 10 minutes, the rest go into one event whose message is
 *   `(combined from similar events): <latest message>`, counted up instead of new events;
 * - de-duplication: the same event again bumps `count` and `lastTimestamp`;
 * - spam filter: a source may write 25 events about one object, then one more every 5 minutes
 *   (a token bucket). An event filtered out is still counted, so the next one written carries
 *   the true count.
 * Sources on the events.k8s.io recorder (the scheduler) only de-duplicate.
 *
 * This module decides; the recorder writes. The memory of one involved object (ObjectMemory) is
 * changed in place (a recorder that shares it with a checkpoint copies it first, `copyMemory`):
 * - by message: the name of the event written for it (its count is the stored event's), or an
 *   Observation when the stored event lags (occurrences filtered out) or several events share
 *   the message (other reason, type, source or fieldPath);
 * - the log of the first nine occurrences (event name and time); from the tenth on, the runs of
 *   similar events and each source's token bucket instead.
 * Nine occurrences can neither combine (that takes ten different messages) nor empty a bucket
 * (25 tokens), so until the tenth the correlator only logs them — most objects (a pod's five
 * kubelet events) never cost more than a short list. The tenth replays the log.
 */

import { ObjectMemory, type Observation, type Run } from './event-memory.js';

/** Similar events (same source, object, type, reason) before they are combined. */
export const AGGREGATE_MAX_EVENTS = 10;
/** How long a run of similar events is remembered. */
export const AGGREGATE_INTERVAL_MS = 600_000;
/** Events one source may write about one object at once. */
export const SPAM_BURST = 25;
/** One more token per 5 minutes. */
export const SPAM_REFILL_MS = 300_000;
/** The message prefix of a combined event. */
export const COMBINED_PREFIX = '(combined from similar events): ';

/** One occurrence, as a recorder reports it (one object, refilled for each occurrence). */
export interface Occurrence {
  namespace: string;
  objectName: string;
  component: string;
  /** '' when the source has no host. */
  host: string;
  fieldPath: string;
  type: string;
  reason: string;
  message: string;
  /** false for the events.k8s.io recorder: no aggregation and no spam filter. */
  correlate: boolean;
}

/** What the recorder does with an occurrence (one object, refilled for each occurrence). */
export interface Decision {
  /** Filtered out: nothing is written. */
  skip: boolean;
  /** A name not handed out before: create the event. */
  isNew: boolean;
  /** The event to write: an existing name bumps its count, a new one is created. */
  name: string;
  /** The count to write; undefined: the stored event's count plus one (or 1 for a new event). */
  count: number | undefined;
  /** The first occurrence's time for an event written late (after filtered occurrences). */
  first: string | undefined;
  /** The message to write (the combined one for aggregated events). */
  message: string;
  combined: boolean;
}

/** The stored event of a name, as far as the correlator needs it. */
export interface StoredEvent {
  readonly message: string;
  readonly source: { readonly component: string; readonly host?: string };
  readonly involvedObject: { readonly fieldPath?: string };
  readonly type: string;
  readonly reason: string;
  readonly count: number;
  readonly firstTimestamp: string;
}

/** What the correlator asks of the recorder. */
export interface CorrelatorPorts {
  /** A fresh event name for an object (`name.hex`). */
  newName(objectName: string): string;
  stored(namespace: string, name: string): StoredEvent | undefined;
}

/** The source key of an occurrence or a stored event. */
export function sourceKey(component: string, host: string | undefined): string {
  return host ? `${component}\u0000${host}` : component;
}

/**
 * Runs one occurrence through aggregation, de-duplication and the spam filter, updating
 * `memory`, and fills `out`.
 */
export function correlate(memory: ObjectMemory, occ: Occurrence, nowMs: number, nowIso: string, ports: CorrelatorPorts, out: Decision): Decision {
  out.skip = false;
  out.isNew = false;
  out.message = occ.message;
  out.combined = false;
  if (!occ.correlate || !fullMode(memory, occ.namespace, ports)) {
    // Fewer than ten occurrences so far (or the scheduler's recorder): nothing combines or is filtered.
    decide(out, observe(memory, occ, nowIso, ports, out));
    if (occ.correlate) {
      const log = memory.log as (string | number)[];
      if (log.length === 0) memory.logStart = nowMs;
      log.push(out.name, nowMs - memory.logStart);
    }
    return out;
  }
  const source = sourceKey(occ.component, occ.host);
  const run = grow(memory, `${source}\u0001${occ.type}\u0001${occ.reason}`, occ.message, nowMs);
  let observed: string | Observation;
  if (run.messages.length >= AGGREGATE_MAX_EVENTS) {
    // The set stays at most 9 long (client-go pops one); the event becomes the combined one.
    run.messages.shift();
    out.message = COMBINED_PREFIX + occ.message;
    out.combined = true;
    if (!run.combined) {
      run.combined = { source, fieldPath: occ.fieldPath, type: occ.type, reason: occ.reason, name: ports.newName(occ.objectName), count: 0, first: nowIso };
      out.isNew = true;
    }
    run.combined.count++;
    observed = run.combined;
  } else {
    observed = observe(memory, occ, nowIso, ports, out);
  }
  if (!takeToken(memory, source, nowMs)) {
    out.skip = true;
    // The stored event lags behind from now on: its count is kept here.
    if (typeof observed === 'string') {
      const ev = ports.stored(occ.namespace, observed);
      memory.remember(occ.message, { source, fieldPath: occ.fieldPath, type: occ.type, reason: occ.reason, name: observed, count: (ev?.count ?? 0) + 1, first: ev?.firstTimestamp ?? nowIso });
    }
  }
  return decide(out, observed);
}

function decide(out: Decision, observed: string | Observation): Decision {
  out.name = typeof observed === 'string' ? observed : observed.name;
  out.count = typeof observed === 'string' ? undefined : observed.count;
  out.first = typeof observed === 'string' ? undefined : observed.first;
  return out;
}

/**
 * Whether runs and buckets are kept for this object: from its tenth occurrence on, when the log
 * of the first nine is replayed into them (a logged event deleted since is left out).
 */
function fullMode(memory: ObjectMemory, namespace: string, ports: CorrelatorPorts): boolean {
  const log = memory.log;
  if (log === undefined) return true;
  if (log.length < 2 * (AGGREGATE_MAX_EVENTS - 1)) return false;
  memory.log = undefined;
  memory.runs = new Map();
  memory.buckets = new Map();
  for (let i = 0; i < log.length; i += 2) {
    const ev = ports.stored(namespace, log[i] as string);
    if (!ev) continue;
    const source = sourceKey(ev.source.component, ev.source.host);
    const at = memory.logStart + (log[i + 1] as number);
    grow(memory, `${source}\u0001${ev.type}\u0001${ev.reason}`, ev.message, at);
    takeToken(memory, source, at);
  }
  return true;
}

/** Adds a message to its run (started over after 10 quiet minutes); returns the run. */
function grow(memory: ObjectMemory, runKey: string, message: string, nowMs: number): Run {
  const runs = (memory.runs ??= new Map());
  let run = runs.get(runKey);
  if (!run) runs.set(runKey, (run = { messages: [], last: nowMs, combined: undefined }));
  else if (nowMs - run.last > AGGREGATE_INTERVAL_MS) run.messages = [];
  run.last = nowMs;
  if (!run.messages.includes(message)) run.messages.push(message);
  return run;
}

/** Whether a stored event is this occurrence's (the message already matched). */
function matches(ev: StoredEvent, occ: Occurrence): boolean {
  return ev.reason === occ.reason && ev.type === occ.type && (ev.involvedObject.fieldPath ?? '') === occ.fieldPath && ev.source.component === occ.component && (ev.source.host ?? '') === occ.host;
}

/**
 * The event this occurrence repeats — its name when the stored event's count is right, else
 * its Observation (counted up here) — or a new name (`out.isNew`).
 */
function observe(memory: ObjectMemory, occ: Occurrence, nowIso: string, ports: CorrelatorPorts, out: Decision): string | Observation {
  const known = memory.seen(occ.message);
  if (known === undefined) {
    const name = ports.newName(occ.objectName);
    memory.remember(occ.message, name);
    out.isNew = true;
    return name;
  }
  const list: Observation[] = [];
  if (typeof known === 'string') {
    const ev = ports.stored(occ.namespace, known);
    if (ev && matches(ev, occ)) return known;
    // Another event has this message (or it was deleted: then it is dropped and starts over).
    if (ev) list.push({ source: sourceKey(ev.source.component, ev.source.host), fieldPath: ev.involvedObject.fieldPath ?? '', type: ev.type, reason: ev.reason, name: known, count: ev.count, first: ev.firstTimestamp });
  } else {
    const source = sourceKey(occ.component, occ.host);
    for (const o of Array.isArray(known) ? known : [known]) {
      if (o.source === source && o.reason === occ.reason && o.type === occ.type && o.fieldPath === occ.fieldPath) {
        o.count++;
        return o;
      }
      list.push(o);
    }
  }
  const fresh: Observation = { source: sourceKey(occ.component, occ.host), fieldPath: occ.fieldPath, type: occ.type, reason: occ.reason, name: ports.newName(occ.objectName), count: 1, first: nowIso };
  memory.remember(occ.message, list.length === 0 ? fresh : [...list, fresh]);
  out.isNew = true;
  return fresh;
}

/** The token bucket: full at first, refilled over time up to the burst. */
function takeToken(memory: ObjectMemory, source: string, nowMs: number): boolean {
  const buckets = (memory.buckets ??= new Map());
  let bucket = buckets.get(source);
  if (!bucket) buckets.set(source, (bucket = { tokens: SPAM_BURST, at: nowMs }));
  bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + (nowMs - bucket.at) / SPAM_REFILL_MS);
  bucket.at = nowMs;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
