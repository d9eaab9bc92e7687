import { stripVTControlCharacters } from 'node:util';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { sharedNotice, validName } from '../../src/classroom/outbox-join.js';
import { NamePrompt } from '../../src/ui/NamePrompt.js';
import { ColorContext } from '../../src/ui/theme.js';

const target = { url: 'http://192.168.1.20:7070', code: 'K7Q2XM' };
const tick = () => new Promise<void>((r) => setImmediate(r));

function prompt(initial?: string) {
  const onSubmit = vi.fn<(name: string) => void>();
  const onCancel = vi.fn<() => void>();
  const ui = render(
    h(ColorContext.Provider, { value: false }, h(NamePrompt, { code: target.code, host: '192.168.1.20:7070', notice: sharedNotice(target), validate: validName, onSubmit, onCancel, ...(initial !== undefined ? { initial } : {}) })),
  );
  const frame = () => stripVTControlCharacters(ui.lastFrame() ?? '');
  /** Types, then waits until the screen shows `want` (a frame is drawn per key). */
  const type = async (keys: string, want: (screen: string) => boolean = () => true) => {
    ui.stdin.write(keys);
    for (let i = 0; i < 50 && !want(frame()); i++) await tick();
  };
  return { ui, frame, type, onSubmit, onCancel };
}

describe('NamePrompt', () => {
  it('asks the name and says exactly what is shared, with whom', () => {
    const { frame } = prompt();
    expect(frame()).toContain('Join classroom K7Q2XM at 192.168.1.20:7070');
    expect(frame()).toContain('Your instructor will see you as:');
    expect(frame().replace(/\s+/g, ' ')).toContain('Only your name and lesson progress (step passed, hint used, lesson complete, idle) are sent to K7Q2XM at 192.168.1.20:7070. Nothing else.');
    expect(frame()).toContain('Enter joins · Esc leaves without joining');
  });

  it('starts from the stored name; backspace and typing change it; Enter joins with it trimmed', async () => {
    const { frame, type, onSubmit } = prompt('Ada');
    expect(frame()).toContain('see you as: Ada');
    await type('\u007f', (s) => s.includes('see you as: Ad '));
    await type('a L.  ', (s) => s.includes('see you as: Ada L.'));
    await type('\r');
    expect(onSubmit).toHaveBeenCalledWith('Ada L.');
  });

  it('an empty name is refused inline and nothing is submitted', async () => {
    const { frame, type, onSubmit } = prompt();
    await type('   ');
    await type('\r', (s) => s.includes('Type a name'));
    expect(frame()).toContain('Type a name (1–40 characters), or press Esc to leave.');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('more than 40 characters shows the error as you type, and Enter does not join', async () => {
    const { frame, type, onSubmit } = prompt('x'.repeat(40));
    expect(frame()).not.toContain('At most');
    await type('y', (s) => s.includes('At most'));
    expect(frame()).toContain('At most 40 characters (this is 41).');
    await type('\r');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('control characters typed or pasted never reach the name', async () => {
    const { type, onSubmit } = prompt();
    await type('A\u0007d\u0085a', (s) => s.includes('see you as: Ada'));
    await type('\r');
    expect(onSubmit).toHaveBeenCalledWith('Ada');
  });

  it('keys arriving as one chunk (a paste, a busy loop) are replayed in order: erase, arrows dropped, Enter joins', async () => {
    const { type, onSubmit } = prompt();
    await type('Gracx\u007f\u001b[De\r');
    for (let i = 0; i < 50 && onSubmit.mock.calls.length === 0; i++) await tick();
    expect(onSubmit).toHaveBeenCalledWith('Grace');
  });

  it('Esc leaves without submitting', async () => {
    const { type, onCancel, onSubmit } = prompt('Ada');
    await type('\u001b');
    for (let i = 0; i < 50 && onCancel.mock.calls.length === 0; i++) await tick();
    expect(onCancel).toHaveBeenCalledOnce();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
