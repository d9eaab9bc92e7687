import { describe, expect, it } from 'vitest';
import { backspace, EMPTY_INPUT, historyNext, historyPrev, submit, typeText } from '../../src/app/command-input.js';

describe('command input', () => {
  it('types, drops control characters, erases', () => {
    const s = backspace(typeText(EMPTY_INPUT, 'k get\u0007 nodesX'));
    expect(s.text).toBe('k get nodes');
  });
  it('recalls history and restores the draft', () => {
    let s = submit(typeText(EMPTY_INPUT, 'one'));
    s = submit(typeText(s, 'two'));
    s = submit(typeText(s, 'two'));
    expect(s.history).toEqual(['one', 'two']);
    s = typeText(s, 'dra');
    s = historyPrev(s);
    expect(s.text).toBe('two');
    s = historyPrev(historyPrev(s));
    expect(s.text).toBe('one');
    s = historyNext(historyNext(s));
    expect(s.text).toBe('dra');
    expect(historyNext(s)).toBe(s);
  });
});
