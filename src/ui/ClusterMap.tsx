/**
 * The live cluster map: one row per node with its state and the DaemonSet pods on it, or why a
 * DaemonSet left it out. It only renders rows the app computed; it decides nothing.
 */
import { Box, Text } from 'ink';
import { useTone, type Tone } from './theme.js';

/** A DaemonSet pod on a node, as the map shows it. */
export interface MapPod {
  readonly name: string;
  readonly status: string;
  readonly tone: Tone;
  /** The ControllerRevision number, shown so a rollout is visible node by node. */
  readonly revision?: number;
}

/** One node row. */
export interface MapNode {
  readonly name: string;
  readonly role: string;
  readonly ready: boolean;
  readonly cordoned: boolean;
  readonly taints: readonly string[];
  readonly labels: readonly string[];
  readonly pods: readonly MapPod[];
  /** Per DaemonSet that has no pod here: `name: reason in a few words`. */
  readonly absent: readonly string[];
}

/** Props: the rows, how many fit, and how far the learner scrolled. */
export interface ClusterMapProps {
  readonly nodes: readonly MapNode[];
  readonly daemonSets: readonly string[];
  readonly height: number;
  readonly offset: number;
}

function NodeRow({ node, nameWidth, roleWidth }: { node: MapNode; nameWidth: number; roleWidth: number }) {
  const tone = useTone();
  return (
    <Text wrap="truncate-end">
      <Text bold>{node.name.padEnd(nameWidth)}</Text>
      <Text color={tone('muted')}>{node.role.padEnd(roleWidth)}</Text>
      <Text color={node.ready ? tone('ok') : tone('error')}>{(node.ready ? 'Ready' : 'NotReady').padEnd(9)}</Text>
      {node.cordoned ? <Text color={tone('progress')}>cordoned </Text> : null}
      {node.pods.map((p) => (
        <Text key={p.name}>
          <Text color={tone(p.tone)}>● {p.name} {p.status}</Text>
          {p.revision !== undefined ? <Text color={tone('muted')}> r{p.revision}</Text> : null}{' '}
        </Text>
      ))}
      {node.absent.map((a) => (
        <Text key={a} color={tone('muted')}>
          ○ {a}{' '}
        </Text>
      ))}
      {node.taints.length ? <Text color={tone('progress')}>taint {node.taints.join(', ')} </Text> : null}
      {node.labels.length ? <Text color={tone('accent')}>{node.labels.join(' ')}</Text> : null}
    </Text>
  );
}

/** Clamps a scroll offset so the last page stays full. */
export function clampOffset(offset: number, total: number, visible: number): number {
  return Math.max(0, Math.min(offset, total - visible));
}

/** The map; the heading says which DaemonSets exist and which rows are visible. */
export function ClusterMap(props: ClusterMapProps) {
  const tone = useTone();
  const visible = Math.max(1, props.height - 1);
  const from = clampOffset(props.offset, props.nodes.length, visible);
  const rows = props.nodes.slice(from, from + visible);
  const more = props.nodes.length > visible ? ` · nodes ${from + 1}–${from + rows.length} of ${props.nodes.length} ([ ] scroll)` : '';
  const nameWidth = Math.min(24, Math.max(0, ...rows.map((n) => n.name.length))) + 1;
  const roleWidth = Math.min(14, Math.max(0, ...rows.map((n) => n.role.length))) + 1;
  const ds = props.daemonSets.length ? `DaemonSets: ${props.daemonSets.join(', ')}` : 'no DaemonSets yet';
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text color={tone('accent')} wrap="truncate-end">
        ── cluster · {ds}
        {more}
      </Text>
      {rows.map((n) => (
        <NodeRow key={n.name} node={n} nameWidth={nameWidth} roleWidth={roleWidth} />
      ))}
    </Box>
  );
}
