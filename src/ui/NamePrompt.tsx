/**
 * Before a learner joins a classroom: the name the instructor will see, typed or confirmed,
 * and one line that says exactly what is shared. Enter joins, Esc (or Ctrl+C) leaves without
 * sending anything. The check is the caller's (the protocol's name rule), shown inline.
 */
import { useState } from 'react';
import { Box, Text } from 'ink';
import { useLineInput } from './line-input.js';
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

/** The prompt. */
export function NamePrompt(p: NamePromptProps) {
  const tone = useTone();
  const [tried, setTried] = useState(false);
  const text = useLineInput({
    ...(p.initial !== undefined ? { initial: p.initial } : {}),
    onSubmit: (typed) => {
      const name = p.validate(typed);
      if (name === undefined) {
        setTried(true);
        return false;
      }
      p.onSubmit(name);
      return true;
    },
    onCancel: p.onCancel,
  });
  const length = text.trim().length;
  const error = length > MAX ? `At most ${MAX} characters (this is ${length}).` : tried && length === 0 ? 'Type a name (1–40 characters), or press Esc to leave.' : undefined;
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
