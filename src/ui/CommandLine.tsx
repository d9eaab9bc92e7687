/** The built-in command line (`:`) and its scrollable output pane. */
import { Box, Text } from 'ink';
import { useTone } from './theme.js';

/** Props of the prompt line. */
export interface CommandPromptProps {
  readonly focused: boolean;
  readonly text: string;
  readonly running: boolean;
  /** Whether `h` gives hints here (not in a practice exam). */
  readonly hints?: boolean;
}

/** The prompt: a cursor when focused, a reminder of `:` when not. */
export function CommandPrompt(props: CommandPromptProps) {
  const tone = useTone();
  if (!props.focused) {
    return <Text color={tone('muted')}>: command line (kubectl … or k …){props.hints === false ? '' : ' · h hint'} · ? keys</Text>;
  }
  return (
    <Text wrap="truncate-start">
      <Text color={tone('accent')}>: </Text>
      {props.text}
      <Text inverse> </Text>
      {props.running ? <Text color={tone('progress')}> running… Esc stops it</Text> : null}
    </Text>
  );
}

/** Props of the output pane: lines oldest first, and lines scrolled up from the bottom. */
export interface CommandOutputProps {
  readonly lines: readonly string[];
  readonly height: number;
  readonly scroll: number;
}

/** The last `height` lines (minus the scroll), with a note when there is more above. */
export function CommandOutput(props: CommandOutputProps) {
  const tone = useTone();
  const visible = Math.max(1, props.height - 1);
  const end = Math.max(0, props.lines.length - props.scroll);
  const start = Math.max(0, end - visible);
  const rows = props.lines.slice(start, end);
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text color={tone('accent')} wrap="truncate-end">
        ── output{start > 0 ? ` · ${start} earlier lines (PgUp)` : ''}
        {props.scroll > 0 ? ' · PgDn for newer' : ''}
      </Text>
      {props.lines.length === 0 ? <Text color={tone('muted')}>Type a kubectl command, e.g. kubectl get nodes, and press Enter.</Text> : null}
      {rows.map((line, i) => (
        <Text key={start + i} wrap="truncate-end" color={line.startsWith('$ ') ? tone('accent') : undefined}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
