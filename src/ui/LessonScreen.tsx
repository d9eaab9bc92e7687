/**
 * The lesson screen at any size from 80×24 up: title and step checklist, the step's prose (or
 * the command output while the command line is open), the live cluster map, feedback, the
 * prompt and the status bar. Heights are budgeted here so the frame never overflows.
 */
import { Box, Text } from 'ink';
import { ClusterMap, clampOffset, type MapNode } from './ClusterMap.js';
import { CommandOutput, CommandPrompt } from './CommandLine.js';
import { FeedbackPanel } from './FeedbackPanel.js';
import { StatusBar } from './StatusBar.js';
import { useTone } from './theme.js';
import { wrapText } from './wrap.js';

/** A step in the checklist. */
export interface ChecklistStep {
  readonly title: string;
  readonly state: 'done' | 'current' | 'todo' | 'skipped';
}

/** Shown instead of the step checklist's current step when the last step passed. */
export interface Completion {
  readonly time: string;
  readonly hintsUsed: number;
  readonly hasNext: boolean;
}

/** Everything the screen shows; the app derives it from the machines and the cluster. */
export interface LessonScreenProps {
  readonly title: string;
  readonly steps: readonly ChecklistStep[];
  /** Prose already rendered to terminal lines (markdown is rendered by the app, lazily). */
  readonly prose: readonly string[];
  readonly proseScroll: number;
  readonly choices?: readonly string[];
  readonly complete?: Completion;
  readonly map: { readonly nodes: readonly MapNode[]; readonly daemonSets: readonly string[]; readonly offset: number };
  readonly feedback: { readonly failure?: string; readonly feedback?: string; readonly hints: readonly string[]; readonly hintsTotal: number; readonly nudge?: string };
  readonly command: { readonly focused: boolean; readonly text: string; readonly running: boolean; readonly output: readonly string[]; readonly scroll: number };
  readonly confirmingReset: boolean;
  /** The question asked while confirming (default: the lesson reset question). */
  readonly confirmText?: string;
  /** Replaces `step i/n` in the title line (a practice exam says `task i/n`). */
  readonly progressLabel?: string;
  readonly status: { readonly kubeconfig?: string; readonly context?: string; readonly paused: boolean; readonly time?: string; readonly countdown?: string; readonly urgent?: boolean; readonly broadcast?: string };
  /** A passing note such as "kubectl edit needs the whole terminal". */
  readonly message?: string;
  readonly width: number;
  readonly height: number;
}

const MARK: Record<ChecklistStep['state'], string> = { done: '✔', current: '›', todo: '·', skipped: '↷' };

/** Rows a text needs at this width (the feedback panel wraps rather than cutting reasons off). */
function rowsFor(text: string | undefined, width: number, prefix = 2): number {
  return text === undefined ? 0 : Math.ceil((text.length + prefix) / Math.max(20, width));
}

function feedbackHeight(p: LessonScreenProps): number {
  const f = p.feedback;
  const last = f.hints[f.hints.length - 1];
  const hintLine = f.nudge !== undefined ? rowsFor(f.nudge, p.width, 2) : f.hints.length < f.hintsTotal ? 1 : 0;
  const n = rowsFor(f.failure, p.width) + rowsFor(f.feedback, p.width) + rowsFor(last, p.width, 12) + hintLine;
  return Math.max(1, Math.min(n, 6));
}

function Checklist({ steps }: { steps: readonly ChecklistStep[] }) {
  const tone = useTone();
  return (
    <Text wrap="truncate-end">
      {steps.map((s, i) => (
        <Text key={i} color={s.state === 'done' ? tone('ok') : s.state === 'current' ? tone('accent') : tone('muted')} bold={s.state === 'current'}>
          {MARK[s.state]} {s.title}
          {i < steps.length - 1 ? '   ' : ''}
        </Text>
      ))}
    </Text>
  );
}

function mainLines(p: LessonScreenProps, tone: ReturnType<typeof useTone>): { text: string; color?: string; bold?: boolean }[] {
  const lines: { text: string; color?: string; bold?: boolean }[] = [];
  if (p.complete) {
    const c = p.complete;
    lines.push({ text: `✔ Lesson complete in ${c.time} · hints used: ${c.hintsUsed}`, color: tone('ok'), bold: true });
    lines.push({ text: c.hasNext ? 'n opens the next lesson · Esc goes back to the list' : 'That was the last lesson. Esc goes back to the list.' });
    lines.push({ text: '' });
  }
  for (const l of p.prose) lines.push({ text: l });
  if (p.choices?.length) {
    lines.push({ text: '' });
    // Long choices wrap under their number instead of being cut off.
    p.choices.forEach((c, i) => wrapText(c, Math.max(20, p.width - 6)).forEach((part, j) => lines.push({ text: `${j ? '     ' : `  ${i + 1}) `}${part}`, color: tone('accent') })));
    lines.push({ text: `Press 1–${p.choices.length} to answer.`, color: tone('muted') });
  }
  return lines;
}

/** The screen. */
export function LessonScreen(p: LessonScreenProps) {
  const tone = useTone();
  const current = p.steps.findIndex((s) => s.state === 'current');
  const mapHeight = Math.min(p.map.nodes.length + 1, Math.max(4, Math.floor(p.height * 0.3)));
  const fbHeight = feedbackHeight(p);
  // A message wraps (a skipped step's reason is long) but never takes more than three rows.
  const messageRows = p.message !== undefined ? Math.min(3, rowsFor(p.message, p.width, 0)) : 0;
  const extra = (p.confirmingReset ? 1 : 0) + messageRows;
  const mainHeight = Math.max(3, p.height - (2 + mapHeight + fbHeight + extra + 2));
  const lines = mainLines(p, tone);
  const from = clampOffset(p.proseScroll, lines.length, mainHeight);
  const shown = lines.slice(from, from + mainHeight);
  const progress = p.progressLabel ?? (p.complete ? 'complete' : `step ${current + 1}/${p.steps.length}`);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Text wrap="truncate-end">
        <Text bold color={tone('accent')}>
          {p.title}
        </Text>
        <Text color={tone('muted')}> · {progress}</Text>
        {lines.length > mainHeight && !p.command.focused ? <Text color={tone('muted')}> · ↑/↓ scroll ({from + 1}–{from + shown.length} of {lines.length})</Text> : null}
      </Text>
      <Checklist steps={p.steps} />
      {p.command.focused ? (
        <CommandOutput lines={p.command.output} height={mainHeight} scroll={p.command.scroll} />
      ) : (
        <Box flexDirection="column" height={mainHeight} overflow="hidden">
          {shown.map((l, i) => (
            <Text key={from + i} wrap="truncate-end" color={l.color} bold={l.bold}>
              {l.text === '' ? ' ' : l.text}
            </Text>
          ))}
        </Box>
      )}
      <ClusterMap nodes={p.map.nodes} daemonSets={p.map.daemonSets} height={mapHeight} offset={p.map.offset} />
      <FeedbackPanel {...p.feedback} height={fbHeight} />
      {p.message !== undefined ? (
        <Box height={messageRows} overflow="hidden">
          <Text color={tone('progress')} wrap="wrap">
            {p.message}
          </Text>
        </Box>
      ) : null}
      {p.confirmingReset ? (
        <Text color={tone('progress')} bold>
          {p.confirmText ?? 'Reset this lesson? The cluster goes back to its starting state. y resets · n keeps going'}
        </Text>
      ) : null}
      <CommandPrompt focused={p.command.focused} text={p.command.text} running={p.command.running} hints={p.feedback.hintsTotal > 0 || p.progressLabel === undefined} />
      <StatusBar {...p.status} width={p.width} />
    </Box>
  );
}
