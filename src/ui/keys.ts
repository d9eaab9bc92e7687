/**
 * The one keybinding table: key handling and the `?` help screen both read it, so a key that
 * works is a key that is documented. Pure data plus a matcher; no Ink import, so it is cheap
 * to test and to load.
 */

/** Where the learner's keys go at the moment. */
export type KeyScope = 'global' | 'list' | 'lesson' | 'practice' | 'report' | 'command' | 'help' | 'confirm';

/** Everything a key can ask for; the app turns these into machine events. */
export type KeyAction =
  | 'quit'
  | 'help'
  | 'close'
  | 'up'
  | 'down'
  | 'open'
  | 'join'
  | 'back'
  | 'command'
  | 'hint'
  | 'reset'
  | 'next-lesson'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-up'
  | 'page-down'
  | 'erase'
  | 'map-up'
  | 'map-down'
  | 'answer'
  | 'pause'
  | 'step-time'
  | 'rewind'
  | 'run'
  | 'history-prev'
  | 'history-next'
  | 'leave-command'
  | 'confirm'
  | 'cancel'
  | 'next-task'
  | 'prev-task'
  | 'finish';

/** A named special key, a printable character, or a Ctrl chord. */
export type KeySpec = { readonly special: SpecialKey } | { readonly char: string } | { readonly ctrl: string };

/** The special keys Ink reports as flags. */
export type SpecialKey = 'up' | 'down' | 'left' | 'right' | 'return' | 'escape' | 'pageUp' | 'pageDown' | 'tab' | 'backspace';

/** One row of the table. */
export interface KeyBinding {
  readonly action: KeyAction;
  readonly scopes: readonly KeyScope[];
  readonly keys: readonly KeySpec[];
  readonly help: string;
}

/** The shape of Ink's `Key` flags we read (kept local so this module needs no Ink). */
export interface KeyFlags {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly tab?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
}

const s = (special: SpecialKey): KeySpec => ({ special });
const c = (char: string): KeySpec => ({ char });

/** Order matters only for the help screen; the first binding that matches a key wins. */
export const KEYMAP: readonly KeyBinding[] = [
  { action: 'quit', scopes: ['global'], keys: [{ ctrl: 'c' }], help: 'quit (saves, stops cluster)' },
  { action: 'quit', scopes: ['list', 'lesson', 'practice', 'report', 'help'], keys: [c('q')], help: 'quit' },
  { action: 'help', scopes: ['list', 'lesson', 'practice'], keys: [c('?')], help: 'show these keys' },
  { action: 'close', scopes: ['help'], keys: [s('escape'), c('?')], help: 'close the help' },
  { action: 'up', scopes: ['list'], keys: [s('up'), c('k')], help: 'previous lesson' },
  { action: 'down', scopes: ['list'], keys: [s('down'), c('j')], help: 'next lesson' },
  { action: 'open', scopes: ['list'], keys: [s('return')], help: 'open the lesson' },
  { action: 'join', scopes: ['list'], keys: [c('c')], help: 'join a classroom' },
  { action: 'command', scopes: ['lesson', 'practice'], keys: [c(':')], help: 'command line: kubectl/k' },
  { action: 'hint', scopes: ['lesson'], keys: [c('h')], help: 'reveal the next hint' },
  { action: 'answer', scopes: ['lesson'], keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(c), help: 'answer a question' },
  { action: 'scroll-down', scopes: ['lesson', 'practice', 'report'], keys: [s('down'), c('j')], help: 'scroll the text down' },
  { action: 'scroll-up', scopes: ['lesson', 'practice', 'report'], keys: [s('up'), c('k')], help: 'scroll the text up' },
  { action: 'page-down', scopes: ['lesson', 'practice', 'command'], keys: [s('pageDown')], help: 'page down (text or output)' },
  { action: 'page-up', scopes: ['lesson', 'practice', 'command'], keys: [s('pageUp')], help: 'page up (text or output)' },
  { action: 'map-down', scopes: ['lesson', 'practice'], keys: [c(']')], help: 'scroll the map down' },
  { action: 'map-up', scopes: ['lesson', 'practice'], keys: [c('[')], help: 'scroll the map up' },
  { action: 'pause', scopes: ['lesson'], keys: [c('p')], help: 'pause/resume cluster time' },
  { action: 'step-time', scopes: ['lesson'], keys: [c('.')], help: 'paused: step the cluster' },
  { action: 'rewind', scopes: ['lesson'], keys: [c('u')], help: 'rewind: undo your last change' },
  { action: 'next-lesson', scopes: ['lesson'], keys: [c('n')], help: 'next lesson (when done)' },
  { action: 'reset', scopes: ['lesson'], keys: [c('r')], help: 'reset lesson (asks first)' },
  { action: 'back', scopes: ['lesson'], keys: [s('escape'), c('b')], help: 'back to the lesson list' },
  { action: 'next-task', scopes: ['practice'], keys: [s('right'), s('tab')], help: 'next task' },
  { action: 'prev-task', scopes: ['practice'], keys: [s('left')], help: 'previous task' },
  { action: 'finish', scopes: ['practice'], keys: [c('f'), s('escape')], help: 'finish the exam (asks first)' },
  { action: 'back', scopes: ['report'], keys: [s('escape'), s('return'), c('b')], help: 'back to the list' },
  { action: 'run', scopes: ['command'], keys: [s('return')], help: 'run the command' },
  { action: 'history-prev', scopes: ['command'], keys: [s('up')], help: 'previous command' },
  { action: 'history-next', scopes: ['command'], keys: [s('down')], help: 'next command' },
  { action: 'erase', scopes: ['command'], keys: [s('backspace')], help: 'delete the last character' },
  { action: 'leave-command', scopes: ['command'], keys: [s('escape')], help: 'stop command / leave' },
  { action: 'confirm', scopes: ['confirm'], keys: [c('y')], help: 'yes (reset / finish)' },
  { action: 'cancel', scopes: ['confirm'], keys: [c('n'), s('escape')], help: 'no, keep going' },
];

function specialPressed(flags: KeyFlags, key: SpecialKey): boolean {
  switch (key) {
    case 'up':
      return flags.upArrow === true;
    case 'down':
      return flags.downArrow === true;
    case 'left':
      return flags.leftArrow === true;
    case 'right':
      return flags.rightArrow === true;
    case 'return':
      return flags.return === true;
    case 'escape':
      return flags.escape === true;
    case 'pageUp':
      return flags.pageUp === true;
    case 'pageDown':
      return flags.pageDown === true;
    case 'tab':
      return flags.tab === true;
    case 'backspace':
      return flags.backspace === true || flags.delete === true;
  }
}

function matches(spec: KeySpec, input: string, flags: KeyFlags): boolean {
  if ('special' in spec) return specialPressed(flags, spec.special);
  if ('ctrl' in spec) return flags.ctrl === true && input.toLowerCase() === spec.ctrl;
  return flags.ctrl !== true && input === spec.char;
}

/** The binding a key press selects in `scope` (global bindings apply everywhere), if any. */
export function resolveKey(scope: KeyScope, input: string, flags: KeyFlags): KeyBinding | undefined {
  return KEYMAP.find((b) => (b.scopes.includes(scope) || b.scopes.includes('global')) && b.keys.some((k) => matches(k, input, flags)));
}

const SPECIAL_LABEL: Record<SpecialKey, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  return: 'Enter',
  escape: 'Esc',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  tab: 'Tab',
  backspace: 'Backspace',
};

/** How a key is written on the help screen. */
export function keyLabel(spec: KeySpec): string {
  if ('special' in spec) return SPECIAL_LABEL[spec.special];
  if ('ctrl' in spec) return `Ctrl+${spec.ctrl.toUpperCase()}`;
  return spec.char;
}

/** The keys of a binding as one label (`1`…`9` collapse to a range). */
export function bindingLabel(b: KeyBinding): string {
  const labels = b.keys.map(keyLabel);
  if (labels.length > 4 && labels.every((l) => /^\d$/.test(l))) return `${labels[0] ?? ''}…${labels[labels.length - 1] ?? ''}`;
  return labels.join(' ');
}

/** The keys of the first binding for `action` in `scope`, as the help screen writes them (`c`). */
export function keysFor(scope: KeyScope, action: KeyAction): string {
  const b = KEYMAP.find((k) => k.action === action && k.scopes.includes(scope));
  return b ? bindingLabel(b) : '';
}

/** Help rows per scope, in table order; `global` rows first under every heading that lists them. */
export function helpSections(): { scope: KeyScope; rows: { keys: string; help: string }[] }[] {
  const order: KeyScope[] = ['global', 'lesson', 'practice', 'report', 'list', 'command', 'confirm'];
  // A binding is listed under the first section that has it, so shared keys are not repeated.
  return order.map((scope, i) => ({
    scope,
    rows: KEYMAP.filter((b) => b.scopes.includes(scope) && !order.slice(0, i).some((earlier) => earlier !== 'global' && b.scopes.includes(earlier))).map((b) => ({
      keys: bindingLabel(b),
      help: b.help,
    })),
  }));
}
