/**
 * The room table as plain text: what `classroom host` redraws until the Ink screen exists.
 * Pure (table in, lines out) so a golden test pins it.
 */
import type { RoomTable, LessonCell } from './table.js';

const MARK: Record<LessonCell['mark'], string> = { done: '✓', current: '▶', stuck: '!', started: '…', none: '·' };

/** Control characters (terminal escapes), line separators and bidi overrides/isolates. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A learner's name is theirs to choose: control characters (terminal escapes) are shown as '?', never sent to the terminal. */
export function printable(name: string): string {
  return name.replace(UNPRINTABLE, '?');
}

/** The same characters removed rather than marked (an instructor's broadcast: line breaks become spaces). */
export function stripUnprintable(text: string): string {
  return text.replace(/[\t\n\r\u2028\u2029]+/g, ' ').replace(UNPRINTABLE, '');
}

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function cell(c: LessonCell): string {
  return `${MARK[c.mark]}${c.passed}/${c.total}`;
}

/** Lines for a terminal: a header per lesson (numbered), a row per learner, then the summary. */
export function renderTable(table: RoomTable): string[] {
  const lessons = table.summary.finished.map((f) => f.lesson);
  const nameWidth = Math.max(7, ...table.rows.map((r) => printable(r.name).length));
  const header = ['Learner'.padEnd(nameWidth), ...lessons.map((_, i) => `L${i + 1}`.padEnd(5)), 'Current step'.padEnd(28), 'On step'.padEnd(8), 'Hints'].join('  ');
  const lines = [header];
  for (const r of table.rows) {
    const where = r.lesson === undefined ? '—' : `${r.lesson}/${r.step ?? 'done'}`;
    lines.push([printable(r.name).padEnd(nameWidth), ...r.cells.map((c) => cell(c).padEnd(5)), where.slice(0, 28).padEnd(28), duration(r.onStepMs).padEnd(8), `${r.hints}${r.stuck ? '  STUCK' : ''}`].join('  '));
  }
  if (table.rows.length === 0) lines.push('(no learners yet)');
  lines.push('');
  lines.push(`${table.summary.learners} learner(s). Finished: ${table.summary.finished.map((f, i) => `L${i + 1} ${f.lesson} ${f.count}`).join(', ') || 'no lessons'}.`);
  const s = table.summary.mostStuck;
  lines.push(s ? `Most stuck: ${s.lesson}/${s.step ?? '?'} (${s.count}).` : 'Nobody is stuck.');
  lines.push(`Marks: ${MARK.done} done  ${MARK.current} current  ${MARK.stuck} stuck  ${MARK.started} started  ${MARK.none} not started`);
  return lines;
}
