/**
 * The bottom line: how a second terminal reaches the cluster (`export KUBECONFIG=…`, or on a
 * real cluster its context and kubeconfig) and whether cluster time runs. In a classroom, the
 * instructor's newest broadcast takes the left part while it is on show.
 */
import { Text } from 'ink';
import { useTone } from './theme.js';

/** Props: the kubeconfig path (absent before a cluster starts) and the clock. */
export interface StatusBarProps {
  readonly kubeconfig?: string;
  /** A real cluster's context: named instead of the simulator's export line. */
  readonly context?: string;
  readonly paused: boolean;
  /** Simulated wall time, HH:MM:SS. */
  readonly time?: string;
  /** A practice exam's time left (`23:41`); replaces the cluster clock. */
  readonly countdown?: string;
  /** Little time left: the countdown turns to the warning colour. */
  readonly urgent?: boolean;
  /** The instructor's message on show (already cleaned of control characters). */
  readonly broadcast?: string;
  readonly width: number;
}

/** One line, truncated to the width; the clock on the right. */
export function StatusBar(props: StatusBarProps) {
  const tone = useTone();
  const clock = props.countdown !== undefined ? `⏱ ${props.countdown} left · ? keys` : `${props.paused ? '⏸ paused' : '▶'}${props.time ? ` ${props.time}` : ''} · ? keys`;
  const clockTone = props.countdown !== undefined ? (props.urgent ? tone('error') : tone('accent')) : props.paused ? tone('progress') : tone('ok');
  const left =
    props.broadcast !== undefined
      ? `📣 ${props.broadcast}`
      : props.context !== undefined
        ? `context ${props.context}${props.kubeconfig ? ` · KUBECONFIG=${props.kubeconfig}` : ''}`
        : props.kubeconfig
          ? `export KUBECONFIG=${props.kubeconfig}`
          : 'starting the cluster…';
  const room = Math.max(0, props.width - clock.length - 1);
  // Cut between characters, never inside an emoji's surrogate pair.
  const cut = left.slice(0, Math.max(0, room - 1)).replace(/[\uD800-\uDBFF]$/, '');
  const shown = left.length > room ? `${cut}…` : left.padEnd(room);
  return (
    <Text wrap="truncate-end">
      <Text color={props.broadcast !== undefined ? tone('accent') : tone('muted')} bold={props.broadcast !== undefined}>
        {shown}
      </Text>{' '}
      <Text color={clockTone}>{clock}</Text>
    </Text>
  );
}
