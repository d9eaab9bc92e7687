/**
 * The instructor's screen, decided purely: its keys (the bottom bar reads the same table the
 * handler does), what a key press does to the screen state, and how the table's columns and
 * rows fit a terminal. No Ink import, so it is cheap to test.
 */
import { keyLabel, type KeyFlags, type KeySpec } from './keys.js';
import type { TableView } from '../classroom/render.js';

/** What a key on the host screen asks for. */
export type HostAction = 'quit' | 'up' | 'down' | 'page-up' | 'page-down' | 'message' | 'send' | 'cancel' | 'erase';

/** One binding; `typing` bindings apply while the message line is open, the others when it is closed. */
export interface HostBinding {
  readonly action: HostAction;
  readonly keys: readonly KeySpec[];
  readonly typing: boolean | 'both';
  readonly help: string;
}

/** The first binding that matches wins; the order is also the key bar's. */
export const HOST_KEYS: readonly HostBinding[] = [
  { action: 'up', keys: [{ special: 'up' }], typing: false, help: 'scroll' },
  { action: 'down', keys: [{ special: 'down' }], typing: false, help: 'scroll' },
  { action: 'page-up', keys: [{ special: 'pageUp' }], typing: false, help: 'page' },
  { action: 'page-down', keys: [{ special: 'pageDown' }], typing: false, help: 'page' },
  { action: 'message', keys: [{ char: 'b' }], typing: false, help: 'message every learner' },
  { action: 'quit', keys: [{ char: 'q' }], typing: false, help: 'stop the host' },
  { action: 'quit', keys: [{ ctrl: 'c' }], typing: 'both', help: 'stop the host' },
  { action: 'send', keys: [{ special: 'return' }], typing: true, help: 'sends' },
  { action: 'cancel', keys: [{ special: 'escape' }], typing: true, help: 'cancels' },
  { action: 'erase', keys: [{ special: 'backspace' }], typing: true, help: 'deletes' },
];

function pressed(spec: KeySpec, input: string, f: KeyFlags): boolean {
  if ('ctrl' in spec) return f.ctrl === true && input.toLowerCase() === spec.ctrl;
  if ('char' in spec) return f.ctrl !== true && input === spec.char;
  switch (spec.special) {
    case 'up':
      return f.upArrow === true;
    case 'down':
      return f.downArrow === true;
    case 'pageUp':
      return f.pageUp === true;
    case 'pageDown':
      return f.pageDown === true;
    case 'return':
      return f.return === true;
    case 'escape':
      return f.escape === true;
    case 'backspace':
      return f.backspace === true || f.delete === true;
    default:
      return false;
  }
}

/** The bottom bar: the keys that work right now, bindings with the same help joined (`↑/↓ scroll`). */
export function keyBar(typing: boolean): string {
  const groups = new Map<string, string[]>();
  for (const b of HOST_KEYS) {
    if (typing ? b.typing !== true || b.action === 'erase' : b.typing === true) continue;
    groups.set(b.help, [...(groups.get(b.help) ?? []), ...b.keys.map(keyLabel)]);
  }
  return [...groups].map(([help, keys]) => `${keys.join('/')} ${help}`).join(' · ');
}

/** What the screen holds between key presses. */
export interface HostScreenState {
  /** The first learner row shown. */
  readonly offset: number;
  /** The message being typed; undefined while the line is closed. */
  readonly typing: string | undefined;
}

/** What a key press asks the caller to do besides drawing the new state. */
export type HostEffect = { readonly kind: 'quit' } | { readonly kind: 'send'; readonly text: string } | { readonly kind: 'cancelled' };

/** Keeps the offset where rows remain to show. */
export function clampOffset(offset: number, total: number, visible: number): number {
  return Math.max(0, Math.min(offset, total - visible));
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Applies one key press; `total` learners, `visible` of them on screen. */
export function hostKey(state: HostScreenState, input: string, flags: KeyFlags, total: number, visible: number): { state: HostScreenState; effect?: HostEffect } {
  const typing = state.typing !== undefined;
  const binding = HOST_KEYS.find((b) => (b.typing === 'both' || b.typing === typing) && b.keys.some((k) => pressed(k, input, flags)));
  const move = (by: number) => ({ state: { ...state, offset: clampOffset(state.offset + by, total, visible) } });
  switch (binding?.action) {
    case 'quit':
      return { state, effect: { kind: 'quit' } };
    case 'up':
      return move(-1);
    case 'down':
      return move(1);
    case 'page-up':
      return move(-Math.max(1, visible));
    case 'page-down':
      return move(Math.max(1, visible));
    case 'message':
      return { state: { ...state, typing: '' } };
    case 'send':
      return { state, effect: { kind: 'send', text: state.typing ?? '' } };
    case 'cancel':
      return { state: { ...state, typing: undefined }, effect: { kind: 'cancelled' } };
    case 'erase':
      return { state: { ...state, typing: [...(state.typing ?? '')].slice(0, -1).join('') } };
    case undefined:
      if (!typing || flags.ctrl === true) return { state };
      // Typed or pasted text; a pasted line break or escape never lands in the message.
      return { state: { ...state, typing: (state.typing ?? '') + input.replace(CONTROL, '') } };
  }
}

/**
 * Lines the screen spends on anything but learner rows: title, "join with", the command, the
 * last message, a gap, the column heads; the scroll line, a gap, finished, most stuck, marks,
 * the notice and the key bar; plus one spare, since Ink redraws a frame as tall as the
 * terminal by clearing the whole screen.
 */
export const HOST_CHROME_ROWS = 14;

/** How many learner rows fit a terminal `rows` high (at least one). */
export function visibleLearners(rows: number): number {
  return Math.max(1, rows - HOST_CHROME_ROWS);
}

/** Column widths for the table in `columns`; lessons collapse to one mark each when full cells do not fit. */
export interface HostColumns {
  readonly name: number;
  readonly cell: number;
  /** Cells show only the mark, under the lesson number. */
  readonly compact: boolean;
  readonly where: number;
  readonly onStep: number;
  readonly hints: number;
}

const MIN_WHERE = 18;

/** Fits the view into `columns` (one space between columns, counted in each width). */
export function hostColumns(view: TableView, columns: number): HostColumns {
  const name = Math.min(16, Math.max(8, ...view.rows.map((r) => r.name.length + 1)));
  const onStep = 8;
  const hints = 9;
  const n = view.lessons.length;
  const fullCell = Math.max(4, ...view.lessons.map((l) => l.label.length), ...view.rows.flatMap((r) => r.cells.map((c) => c.text.length))) + 1;
  const compactCell = String(n).length + 1;
  const fixed = name + onStep + hints;
  const compact = fixed + n * fullCell + MIN_WHERE > columns;
  const cell = compact ? compactCell : fullCell;
  const where = Math.max(MIN_WHERE, Math.min(40, columns - fixed - n * cell - 1));
  return { name, cell, compact, where, onStep, hints };
}

/** `lesson/step` as `L3/step` when it does not fit `width` (the step is what the instructor needs). */
export function whereText(where: string, lessons: TableView['lessons'], width: number): string {
  if ([...where].length < width) return where;
  const slash = where.indexOf('/');
  const label = lessons.find((l) => l.lesson === where.slice(0, slash))?.label;
  return slash < 0 || label === undefined ? where : `${label}${where.slice(slash)}`;
}

/** Fits text into width characters: padded, or cut with an ellipsis. */
export function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length < width) return text + ' '.repeat(width - chars.length);
  return width < 2 ? ' '.repeat(Math.max(0, width)) : `${chars.slice(0, width - 2).join('')}… `;
}
