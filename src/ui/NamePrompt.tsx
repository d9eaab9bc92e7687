/**
 * Before a learner joins a classroom: the name the instructor will see, typed or confirmed,
 * and one line that says exactly what is shared. Enter joins, Esc (or Ctrl+C) leaves without
 * sending anything. The check is the caller's (the protocol's name rule), shown inline.
 */
import { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { useTone } from './theme.js';

/** Props: the room, the stored name to start from, and what to do with the answer. */
export interface NamePromptProps {
  readonly code: string;
  /** The host as the learner knows it (`192.168.1.20:7070`). */
  readonly host: string;
  /** The line that says what is sent, and to whom. */
  readonly notice: string;
  readonly initial?: string;
  /** The name as the host will get it (trimmed), or undefined when it breaks the rule. */
  readonly validate: (name: string) => string | undefined;
  readonly onSubmit: (name: string) => void;
  readonly onCancel: () => void;
}

export const NAME_LABEL = 'Your instructor will see you as:';
const MAX = 40;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Arrow keys and the like inside a chunk of typed text. */
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001b(\[[0-9;?]*[ -/]*[@-~]|.)?/g;

/** The prompt. */
export function NamePrompt(p: NamePromptProps) {
  const tone = useTone();
  const [text, setText] = useState(p.initial ?? '');
  const [tried, setTried] = useState(false);
  // Keys can arrive before React re-subscribes the handler: it reads and writes these, never a stale render's values.
  const latest = useRef({ text: p.initial ?? '', done: false });
  const edit = (next: string): void => {
    latest.current.text = next;
    setText(next);
  };
  const length = text.trim().length;
  const error = length > MAX ? `At most ${MAX} characters (this is ${length}).` : tried && length === 0 ? 'Type a name (1–40 characters), or press Esc to leave.' : undefined;
  useInput((input, key) => {
    const now = latest.current;
    if (now.done) return;
    if (key.escape || (key.ctrl && input === 'c')) {
      now.done = true;
      return p.onCancel();
    }
    const submit = (): void => {
      const name = p.validate(now.text);
      if (name === undefined) return setTried(true);
      now.done = true;
      p.onSubmit(name);
    };
    if (key.return) return submit();
    if (key.backspace || key.delete) return edit(Array.from(now.text).slice(0, -1).join(''));
    if (key.ctrl && input === 'u') return edit('');
    if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
    // A paste or a busy loop can bring several keys as one chunk (`Ada⏎`, `Lovelace⌫⌫`): replay them in order.
    let next = now.text;
    for (const ch of input.replace(ESCAPE_SEQUENCE, '')) {
      if (ch === '\r' || ch === '\n') {
        edit(next);
        return submit();
      }
      if (ch === '\u007f' || ch === '\b') next = Array.from(next).slice(0, -1).join('');
      else if (!CONTROL.test(ch)) next += ch;
    }
    if (next !== now.text) edit(next);
  });
  return (
    <Box flexDirection="column">
      <Text bold color={tone('accent')}>
        Join classroom {p.code} at {p.host}
      </Text>
      <Text> </Text>
      <Text wrap="truncate-end">
        {NAME_LABEL} <Text bold>{text}</Text>
        <Text inverse> </Text>
      </Text>
      <Text color={tone('error')}>{error ?? ' '}</Text>
      <Text wrap="wrap">{p.notice}</Text>
      <Text color={tone('muted')}>Enter joins · Esc leaves without joining</Text>
    </Box>
  );
}
