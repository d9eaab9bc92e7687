/** The practice exam's score: per task the points earned, and for every missed part what was checked and why it missed. */
import { Box, Text } from 'ink';
import type { TaskResult } from '../practice/score.js';
import { useTone } from './theme.js';
import { wrapText } from './wrap.js';

/** One task's line and parts: the grader's own result shape (a pure type, no grading code). */
export type ReportTask = Pick<TaskResult, 'title' | 'points' | 'earned' | 'parts'>;

/** Props: the graded exam. */
export interface ReportScreenProps {
  readonly tasks: readonly ReportTask[];
  readonly earned: number;
  readonly points: number;
  readonly percent: number;
  readonly time: string;
  readonly timeUp: boolean;
  /** The command that repeats this exam. */
  readonly repeat: string;
  readonly warning?: string;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
}

type Line = { text: string; tone?: 'ok' | 'error' | 'muted' | 'accent' | 'progress'; bold?: boolean };

/** The report's lines, so the screen can scroll them. */
export function reportLines(p: ReportScreenProps): Line[] {
  const lines: Line[] = [];
  p.tasks.forEach((t, i) => {
    const full = t.earned === t.points;
    lines.push({ text: `${full ? '✔' : t.earned ? '◐' : '✗'} ${i + 1}. ${t.title}  ${t.earned}/${t.points}`, tone: full ? 'ok' : t.earned ? 'progress' : 'error', bold: true });
    for (const part of t.parts) {
      lines.push({ text: `    ${part.earned ? '✔' : '✗'} ${part.what} (${part.earned}/${part.points})`, tone: part.earned ? 'muted' : undefined });
      if (part.reason !== undefined) for (const l of wrapText(part.reason, Math.max(20, p.width - 12))) lines.push({ text: `        ${l}`, tone: 'error' });
    }
  });
  return lines;
}

/** The screen. */
export function ReportScreen(p: ReportScreenProps) {
  const tone = useTone();
  const lines = reportLines(p);
  const room = Math.max(3, p.height - 5 - (p.warning !== undefined ? 1 : 0));
  const from = Math.max(0, Math.min(p.scroll, lines.length - room));
  return (
    <Box flexDirection="column" width={p.width} height={p.height} paddingX={1}>
      <Text bold color={tone('accent')} wrap="truncate-end">
        Practice exam {p.timeUp ? '— time is up' : 'finished'} · score {p.earned}/{p.points} ({p.percent}%) in {p.time}
      </Text>
      <Text color={tone('muted')} wrap="truncate-end">
        The CKA passes at 66%. {lines.length > room ? `↑/↓ scroll (${from + 1}–${Math.min(lines.length, from + room)} of ${lines.length}) · ` : ''}Esc back to the list · q quits
      </Text>
      <Text> </Text>
      <Box flexDirection="column" height={room} overflow="hidden">
        {lines.slice(from, from + room).map((l, i) => (
          <Text key={from + i} wrap="truncate-end" bold={l.bold} color={l.tone ? tone(l.tone) : undefined}>
            {l.text}
          </Text>
        ))}
      </Box>
      {p.warning !== undefined ? <Text color={tone('progress')}>{p.warning}</Text> : null}
      <Text color={tone('muted')} wrap="truncate-end">
        Same exam again: {p.repeat}
      </Text>
    </Box>
  );
}
