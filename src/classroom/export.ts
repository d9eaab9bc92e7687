/**
 * The room at the end of a class, for a spreadsheet or a script: CSV (one row per learner, a
 * column per lesson) or JSON (the table the host serves). Learners choose their names, so a
 * CSV field that a spreadsheet would run as a formula is quoted and prefixed with `'`.
 */
import type { RoomTable } from './table.js';

/** One CSV field, quoted when needed and defused when it starts like a formula. */
export function csvField(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The room as CSV: name, current lesson and step, seconds on it, hints, stuck, then passed/total per lesson. */
export function tableCsv(table: RoomTable): string {
  const lessons = table.rows[0]?.cells.map((c) => c.lesson) ?? table.summary.finished.map((f) => f.lesson);
  const header = ['name', 'learner', 'lesson', 'step', 'seconds on step', 'hints', 'stuck', ...lessons];
  const lines = [header.map(csvField).join(',')];
  for (const r of table.rows) {
    const cells = r.cells.map((c) => (c.mark === 'done' ? 'done' : `${c.passed}/${c.total}`));
    lines.push([r.name, r.learner, r.lesson ?? '', r.step ?? '', Math.round(r.onStepMs / 1000), r.hints, r.stuck, ...cells].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The room as JSON, with its code and when it was exported. */
export function tableJson(code: string, at: Date, table: RoomTable): string {
  return `${JSON.stringify({ room: code, exportedAt: at.toISOString(), ...table }, undefined, 2)}\n`;
}
