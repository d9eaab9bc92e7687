/** Why the step is not done yet, what the lesson noticed, and the hints the learner asked for. */
import { Box, Text } from 'ink';
import { useTone } from './theme.js';

/** Props: everything comes from the lesson machine's context. */
export interface FeedbackPanelProps {
  readonly failure?: string;
  readonly feedback?: string;
  /** Hints revealed so far for this step. */
  readonly hints: readonly string[];
  readonly hintsTotal: number;
  /** A gentle word when the learner has been idle on the step. */
  readonly nudge?: string;
  readonly height: number;
}

/** The panel; the newest hint is shown, older ones are counted. */
export function FeedbackPanel(props: FeedbackPanelProps) {
  const tone = useTone();
  const last = props.hints[props.hints.length - 1];
  const left = props.hintsTotal - props.hints.length;
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      {props.failure !== undefined ? (
        <Text color={tone('progress')} wrap="wrap">
          ✗ {props.failure}
        </Text>
      ) : null}
      {props.feedback !== undefined ? (
        <Text color={tone('accent')} wrap="wrap">
          → {props.feedback}
        </Text>
      ) : null}
      {last !== undefined ? (
        <Text wrap="wrap">
          <Text bold>
            Hint {props.hints.length}/{props.hintsTotal}:
          </Text>{' '}
          {last}
        </Text>
      ) : null}
      {props.nudge !== undefined ? (
        <Text color={tone('accent')} wrap="wrap">
          … {props.nudge}
        </Text>
      ) : null}
      {left > 0 && props.nudge === undefined ? (
        <Text color={tone('muted')}>
          h: {last === undefined ? 'a hint' : 'another hint'} ({left} left)
        </Text>
      ) : null}
    </Box>
  );
}
