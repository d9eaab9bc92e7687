/**
 * `date` for simulated processes. A `$(date)` value is stored as a marker holding the instant
 * (ms since process start) and format, and rendered only when a log line is read: the same
 * compiled timeline then serves every start time, and periodic loops stay periodic.
 */

const OPEN = '\u0001';
const MID = '\u0003';
const CLOSE = '\u0002';
const SPACE = '\u0004';
const MARKER_RE = new RegExp(`${OPEN}(-?\\d+)${MID}([^${CLOSE}]*)${CLOSE}`, 'g');

/** GNU/busybox default output format: `Wed Nov 25 10:01:15 UTC 2026`. */
export const DEFAULT_DATE_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

/** A marker for "the time `offsetMs` after start, formatted with `format`" (contains no whitespace). */
export function dateMarker(offsetMs: number, format: string): string {
  return `${OPEN}${offsetMs}${MID}${format.replace(/ /g, SPACE)}${CLOSE}`;
}

/** Whether a value holds date markers (then it is time-dependent). */
export function hasMarkers(text: string): boolean {
  return text.includes(OPEN);
}

/** Move every marker by `deltaMs`: a value captured one loop period earlier, re-based. */
export function shiftMarkers(text: string, deltaMs: number): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(MARKER_RE, (_m, t: string, f: string) => `${OPEN}${Number(t) + deltaMs}${MID}${f}${CLOSE}`);
}

/** Replace markers with formatted UTC dates for a process that started at `startMs` (epoch ms). */
export function renderMarkers(text: string, startMs: number): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(MARKER_RE, (_m, t: string, f: string) => formatDate(startMs + Number(t), f.split(SPACE).join(' ')));
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const FULL_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

function pad(n: number, width: number, fill = '0'): string {
  return String(n).padStart(width, fill);
}

/** strftime subset of GNU date, in UTC (containers run with TZ unset). */
export function formatDate(epochMs: number, format: string): string {
  const d = new Date(epochMs);
  const ms = ((epochMs % 1000) + 1000) % 1000;
  const h = d.getUTCHours();
  const dayOfYear = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return format.replace(/%(:?)([0-9]?)([a-zA-Z%+])/g, (whole, colon: string, width: string, c: string) => {
    switch (c) {
      case 'a': return DAYS[d.getUTCDay()] ?? '';
      case 'A': return FULL_DAYS[d.getUTCDay()] ?? '';
      case 'b': case 'h': return MONTHS[d.getUTCMonth()] ?? '';
      case 'B': return FULL_MONTHS[d.getUTCMonth()] ?? '';
      case 'd': return pad(d.getUTCDate(), 2);
      case 'e': return pad(d.getUTCDate(), 2, ' ');
      case 'H': return pad(h, 2);
      case 'k': return pad(h, 2, ' ');
      case 'I': return pad(h % 12 || 12, 2);
      case 'l': return pad(h % 12 || 12, 2, ' ');
      case 'p': return h < 12 ? 'AM' : 'PM';
      case 'M': return pad(d.getUTCMinutes(), 2);
      case 'S': return pad(d.getUTCSeconds(), 2);
      case 'm': return pad(d.getUTCMonth() + 1, 2);
      case 'y': return pad(d.getUTCFullYear() % 100, 2);
      case 'Y': return String(d.getUTCFullYear());
      case 'j': return pad(dayOfYear, 3);
      case 'u': return String(d.getUTCDay() || 7);
      case 'w': return String(d.getUTCDay());
      case 's': return String(Math.floor(epochMs / 1000));
      case 'N': return (pad(ms, 3) + '000000').slice(0, width ? Number(width) : 9);
      case 'z': return colon ? '+00:00' : '+0000';
      case 'Z': return 'UTC';
      case 'F': return formatDate(epochMs, '%Y-%m-%d');
      case 'T': return formatDate(epochMs, '%H:%M:%S');
      case 'D': return formatDate(epochMs, '%m/%d/%y');
      case 'R': return formatDate(epochMs, '%H:%M');
      case 'r': return formatDate(epochMs, '%I:%M:%S %p');
      case 'c': return formatDate(epochMs, '%a %b %e %H:%M:%S %Y');
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      case '+': return formatDate(epochMs, DEFAULT_DATE_FORMAT);
      default: return whole;
    }
  });
}

/** Translate `date` arguments into a format, or an error line as GNU date prints it. */
export function dateFormatFromArgs(args: readonly string[]): { format: string } | { error: string } {
  let format = DEFAULT_DATE_FORMAT;
  for (const a of args) {
    if (a.startsWith('+')) format = a.slice(1);
    else if (a === '-u' || a === '--utc' || a === '--universal') continue;
    else if (a === '-R' || a === '--rfc-email') format = '%a, %d %b %Y %H:%M:%S %z';
    else if (a === '-I' || a === '--iso-8601' || a === '-Idate') format = '%F';
    else if (a === '-Iseconds' || a === '--iso-8601=seconds') format = '%FT%T%:z';
    else if (a === '-Ins' || a === '--iso-8601=ns') format = '%FT%T,%N%:z';
    else return { error: `date: invalid date '${a}'` };
  }
  return { format };
}
