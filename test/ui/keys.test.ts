import { describe, expect, it } from 'vitest';
import { helpSections, KEYMAP, resolveKey } from '../../src/ui/keys.js';

describe('the keybinding table', () => {
  it.each([
    ['list', 'j', {}, 'down'],
    ['list', '', { downArrow: true }, 'down'],
    ['list', '', { return: true }, 'open'],
    ['list', 'c', {}, 'join'],
    ['lesson', ':', {}, 'command'],
    ['lesson', 'h', {}, 'hint'],
    ['lesson', '3', {}, 'answer'],
    ['lesson', '', { escape: true }, 'back'],
    ['command', '', { upArrow: true }, 'history-prev'],
    ['command', '', { delete: true }, 'erase'],
    ['confirm', 'y', {}, 'confirm'],
    ['command', 'c', { ctrl: true }, 'quit'],
    ['help', '?', {}, 'close'],
  ] as const)('in %s, %j %j means %s', (scope, input, flags, action) => {
    expect(resolveKey(scope, input, flags)?.action).toBe(action);
  });

  it('lets text through on the command line (q and h are letters there)', () => {
    expect(resolveKey('command', 'q', {})).toBeUndefined();
    expect(resolveKey('command', 'h', {})).toBeUndefined();
  });

  it('documents every binding it handles, with no key bound twice in one scope', () => {
    const documented = helpSections().flatMap((s) => s.rows.map((r) => r.help));
    for (const b of KEYMAP) if (!b.scopes.every((s) => s === 'help')) expect(documented).toContain(b.help);
    for (const scope of ['list', 'lesson', 'command', 'confirm'] as const) {
      const seen = new Set<string>();
      for (const b of KEYMAP.filter((k) => k.scopes.includes(scope))) {
        for (const k of b.keys) {
          const id = JSON.stringify(k);
          expect(seen.has(id), `${id} bound twice in ${scope}`).toBe(false);
          seen.add(id);
        }
      }
    }
  });
});
