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

/** One learner's row as display text (the name already made printable). */
export interface RowView {
  readonly name: string;
  readonly cells: readonly { readonly mark: LessonCell['mark']; readonly text: string }[];
  /** `lesson/step`, `lesson/done`, or `—` before the first lesson. */
  readonly where: string;
  readonly onStep: string;
  readonly hints: number;
  readonly stuck: boolean;
}

/**
 * The table as display text, shared by the terminal (`renderTable`) and the projector page
 * (the host sends it with `GET /rooms/<code>/table?view=1`), so marks and wording cannot drift.
 */
export interface TableView {
  /** `L1`, `L2`, … with the lesson each stands for and how many learners finished it. */
  readonly lessons: readonly { readonly label: string; readonly lesson: string; readonly finished: number }[];
  readonly learners: number;
  readonly rows: readonly RowView[];
  /** `N learner(s). Finished: L1 <lesson> <count>, ….` */
  readonly finished: string;
  /** `Most stuck: <lesson>/<step> (<count>).` or `Nobody is stuck.` */
  readonly mostStuck: string;
  readonly legend: readonly { readonly mark: LessonCell['mark']; readonly symbol: string; readonly meaning: string }[];
}

const MEANING: Record<LessonCell['mark'], string> = { done: 'done', current: 'current', stuck: 'stuck', started: 'started', none: 'not started' };

/** The display text of a room table. */
export function tableView(table: RoomTable): TableView {
  const lessons = table.summary.finished.map((f, i) => ({ label: `L${i + 1}`, lesson: f.lesson, finished: f.count }));
  const rows = table.rows.map(
    (r): RowView => ({
      name: printable(r.name),
      cells: r.cells.map((c) => ({ mark: c.mark, text: `${MARK[c.mark]}${c.passed}/${c.total}` })),
      where: r.lesson === undefined ? '—' : `${r.lesson}/${r.step ?? 'done'}`,
      onStep: duration(r.onStepMs),
      hints: r.hints,
      stuck: r.stuck,
    }),
  );
  const finished = `${table.summary.learners} learner(s). Finished: ${lessons.map((l) => `${l.label} ${l.lesson} ${l.finished}`).join(', ') || 'no lessons'}.`;
  const s = table.summary.mostStuck;
  const mostStuck = s ? `Most stuck: ${s.lesson}/${s.step ?? '?'} (${s.count}).` : 'Nobody is stuck.';
  const legend = (Object.keys(MARK) as LessonCell['mark'][]).map((mark) => ({ mark, symbol: MARK[mark], meaning: MEANING[mark] }));
  return { lessons, learners: table.summary.learners, rows, finished, mostStuck, legend };
}

/** Lines for a terminal: a header per lesson (numbered), a row per learner, then the summary. */
export function renderTable(table: RoomTable): string[] {
  const view = tableView(table);
  const nameWidth = Math.max(7, ...view.rows.map((r) => r.name.length));
  const header = ['Learner'.padEnd(nameWidth), ...view.lessons.map((l) => l.label.padEnd(5)), 'Current step'.padEnd(28), 'On step'.padEnd(8), 'Hints'].join('  ');
  const lines = [header];
  for (const r of view.rows) {
    lines.push([r.name.padEnd(nameWidth), ...r.cells.map((c) => c.text.padEnd(5)), r.where.slice(0, 28).padEnd(28), r.onStep.padEnd(8), `${r.hints}${r.stuck ? '  STUCK' : ''}`].join('  '));
  }
  if (view.rows.length === 0) lines.push('(no learners yet)');
  lines.push('');
  lines.push(view.finished);
  lines.push(view.mostStuck);
  lines.push(`Marks: ${view.legend.map((l) => `${l.symbol} ${l.meaning}`).join('  ')}`);
  return lines;
}
