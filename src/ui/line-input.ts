/**
 * One line of typed text for a prompt (a name, a classroom address): printable characters,
 * Backspace, Ctrl+U to clear, Enter to submit, Esc or Ctrl+C to cancel. A paste or a busy loop can
 * bring several keys as one chunk (`Ada⏎`, `Lovelace⌫⌫`): they are replayed in order, and escape
 * sequences (arrow keys) inside it are dropped. Control characters never reach the text.
 */
import { useEffect, useRef, useState } from 'react';
import { useInput } from 'ink';

/** How the field is used. */
export interface LineInputOptions {
  readonly initial?: string;
  /** Whether keys go to this field now (a screen with several fields turns the others off). */
  readonly active?: boolean;
  /** Enter: true when the text is taken (the field then ignores keys until it is active again). */
  readonly onSubmit: (text: string) => boolean;
  readonly onCancel: () => void;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Arrow keys and the like inside a chunk of typed text. */
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001b(\[[0-9;?]*[ -/]*[@-~]|.)?/g;

const dropLast = (text: string): string => Array.from(text).slice(0, -1).join('');

/** The field's text, kept across key presses; the caller draws it. */
export function useLineInput(opts: LineInputOptions): string {
  const active = opts.active ?? true;
  const [text, setText] = useState(opts.initial ?? '');
  // Keys can arrive before React re-subscribes the handler: it reads and writes these, never a stale render's values.
  const latest = useRef({ text: opts.initial ?? '', done: false });
  useEffect(() => {
    if (active) latest.current.done = false;
  }, [active]);
  const edit = (next: string): void => {
    latest.current.text = next;
    setText(next);
  };
  useInput(
    (input, key) => {
      const now = latest.current;
      if (now.done) return;
      if (key.escape || (key.ctrl && input === 'c')) {
        now.done = true;
        return opts.onCancel();
      }
      const submit = (): void => {
        if (opts.onSubmit(now.text)) now.done = true;
      };
      if (key.return) return submit();
      if (key.backspace || key.delete) return edit(dropLast(now.text));
      if (key.ctrl && input === 'u') return edit('');
      if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
      let next = now.text;
      for (const ch of input.replace(ESCAPE_SEQUENCE, '')) {
        if (ch === '\r' || ch === '\n') {
          edit(next);
          return submit();
        }
        if (ch === '\u007f' || ch === '\b') next = dropLast(next);
        else if (!CONTROL.test(ch)) next += ch;
      }
      if (next !== now.text) edit(next);
    },
    { isActive: active },
  );
  return text;
}
