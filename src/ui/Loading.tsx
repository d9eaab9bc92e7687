/** What the learner sees for the moment it takes to start a lesson's cluster. */
import { Text } from 'ink';
import { useTone } from './theme.js';

/** One line naming the lesson being opened. */
export function Loading(props: { what: string }) {
  const tone = useTone();
  return <Text color={tone('accent')}>Starting the simulated cluster for {props.what}…</Text>;
}
