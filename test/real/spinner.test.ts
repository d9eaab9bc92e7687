/** The progress line: a redrawn spinner with elapsed time on a terminal, plain lines elsewhere. */
import { describe, expect, it } from 'vitest';
import { elapsedText, startSpinner } from '../../src/commands/spinner.js';

describe('spinner', () => {
  it('formats elapsed time', () => {
    expect([0, 999, 12_000, 65_000].map(elapsedText)).toEqual(['0s', '0s', '12s', '1m05s']);
  });
  it('redraws one line on a terminal with the latest progress and elapsed time', () => {
    let t = 0;
    let text = '';
    const sp = startSpinner({ write: (s) => void (text += s), isTTY: true }, 'Creating…', () => t);
    t = 7_000;
    sp.update('✓ Preparing nodes');
    t = 42_000;
    sp.stop('✓ ready');
    expect(text).toBe('\r\x1b[2K⠋ Creating… (0s)\r\x1b[2K⠙ ✓ Preparing nodes (7s)\r\x1b[2K✓ ready (42s)\n');
  });
});
