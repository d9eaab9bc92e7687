/**
 * The core/v1 Event printer (printers.go printEvent): LAST SEEN, TYPE, REASON, OBJECT and
 * MESSAGE, with the wide SUBOBJECT/SOURCE/FIRST SEEN/COUNT/NAME columns, so `kubectl get events`
 * explains a failed pull or a missed node the way a real cluster does.
 */
import type { Event } from '../../../cluster/types.js';
import { age, timestampMs } from './duration.js';
import { NAME_DESCRIPTION, column, type Printer } from './columns.js';

const COLUMNS = [
  column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
  column('Object', 'string', 'The object that this event is about.'),
  column(
    'Subobject',
    'string',
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
    1,
  ),
  column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
  column('Message', 'string', 'A human-readable description of the status of this operation.'),
  column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
  column('Count', 'string', 'The number of times this event has occurred.', 1),
  column('Name', 'string', NAME_DESCRIPTION, 1, 'name'),
] as const;

/** `series`, which events.k8s.io writers set on core/v1 Events and our narrowed type leaves out. */
interface EventSeries {
  series?: { count?: number; lastObservedTime?: string };
}

/** Go's `unicode.IsSpace` set, which `strings.TrimSpace` strips (JS `trim` differs on U+0085/U+FEFF). */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const GO_TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

/** `strings.TrimSpace`. kubectl itself cuts a multi-line cell at the first newline and adds `...`. */
export function goTrimSpace(text: string): string {
  return text.replace(GO_TRIM, '');
}

/** `formatEventSource`: `component, host`, falling back to reportingComponent/reportingInstance. */
export function eventSourceText(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  return host === '' ? component : `${component}, ${host}`;
}

/** OBJECT: `<lowercase kind>/<name>` (`pod/fluentd-x7k2p`), or just the kind when unnamed. */
export function eventObjectText(ev: Event): string {
  const kind = (ev.involvedObject.kind ?? '').toLowerCase();
  return ev.involvedObject.name ? `${kind}/${ev.involvedObject.name}` : kind;
}

/** LAST SEEN / FIRST SEEN / COUNT with printEvent's fallbacks (eventTime, series, count 0 → 1). */
function eventTimes(ev: Event, nowMs: number): { lastSeen: string; firstSeen: string; count: number } {
  const { series } = ev as Event & EventSeries;
  const firstSeen = timestampMs(ev.firstTimestamp) === undefined ? age(ev.eventTime, nowMs) : age(ev.firstTimestamp, nowMs);
  let lastSeen = timestampMs(ev.lastTimestamp) === undefined ? firstSeen : age(ev.lastTimestamp, nowMs);
  let count = ev.count ?? 0;
  if (series) {
    lastSeen = age(series.lastObservedTime, nowMs);
    count = series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  return { lastSeen, firstSeen, count };
}

/** LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME (rows in list order: kubectl does not sort). */
export const eventPrinter: Printer<Event> = {
  columns: COLUMNS,
  cells: (ev, nowMs) => {
    const { lastSeen, firstSeen, count } = eventTimes(ev, nowMs);
    return [
      lastSeen,
      ev.type ?? '',
      ev.reason ?? '',
      eventObjectText(ev),
      ev.involvedObject.fieldPath ?? '',
      eventSourceText(ev),
      goTrimSpace(ev.message ?? ''),
      firstSeen,
      count,
      ev.metadata.name,
    ];
  },
};
