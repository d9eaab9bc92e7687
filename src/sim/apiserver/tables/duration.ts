/**
 * Durations and ages exactly as the apiserver prints them (apimachinery `duration.HumanDuration`
 * and printers.go `translateTimestampSince`), so AGE columns match a real cluster to the second.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** `duration.HumanDuration`: the compact, branch-by-magnitude form kubectl users recognise (`2m5s`, `3h5m`, `8d`). */
export function humanDuration(ms: number): string {
  // Go converts with int(), which truncates toward zero; up to 2s in the future still counts as "now".
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** Go's zero `time.Time` on the wire; objects that never got a timestamp carry it or nothing. */
const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/**
 * Milliseconds of a wire timestamp, or undefined for a missing or zero time (metav1.Time.IsZero),
 * so every printer treats "never set" the same way.
 */
export function timestampMs(timestamp: string | null | undefined): number | undefined {
  if (timestamp === undefined || timestamp === null || timestamp === '') return undefined;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms) || ms === GO_ZERO_TIME_MS) return undefined;
  return ms;
}

/** `translateTimestampSince`: how long ago, or `<unknown>` when the time was never set. */
export function age(timestamp: string | null | undefined, nowMs: number): string {
  const ms = timestampMs(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(nowMs - ms);
}

/** `time.Format(time.RFC3339)` in UTC (whole seconds), for the default convertor's CREATED AT cell. */
export function rfc3339(timestamp: string | null | undefined): string {
  const ms = timestampMs(timestamp);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(ms / SECOND) * SECOND).toISOString().replace('.000Z', 'Z');
}
