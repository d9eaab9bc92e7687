/** The frame shown instead of a garbled screen when the terminal is smaller than 80×24. */
import { Box, Text } from 'ink';

/** The smallest terminal the screens are laid out for. */
export const MIN_COLUMNS = 80;
/** The fewest rows the screens are laid out for. */
export const MIN_ROWS = 24;

/** Whether a terminal of this size can show the screens. */
export function bigEnough(columns: number, rows: number): boolean {
  return columns >= MIN_COLUMNS && rows >= MIN_ROWS;
}

/** Asks for a larger window and says how large it is now. */
export function TooSmall(props: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>Please make the window larger.</Text>
      <Text>
        learn-daemonsets needs at least {MIN_COLUMNS}×{MIN_ROWS}; this one is {props.columns}×{props.rows}.
      </Text>
      <Text>q quits.</Text>
    </Box>
  );
}
