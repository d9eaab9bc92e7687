/**
 * Derives the practice exam's screen from the app state and the exam: the lesson screen's
 * layout with tasks in place of steps, the task's goal as prose, no hints, and a countdown in
 * the status bar. Pure, like lesson-view.
 */
import type { PracticeTask } from '../practice/pool.js';
import type { LessonScreenProps } from '../ui/LessonScreen.js';
import type { AppContext } from './app-machine.js';
import type { ClusterView } from './cluster-view.js';

/** Everything the derivation reads. */
export interface PracticeViewInput {
  readonly tasks: readonly PracticeTask[];
  readonly app: AppContext;
  readonly commandFocused: boolean;
  readonly confirmingFinish: boolean;
  readonly map: ClusterView;
  readonly remainingMs: number;
  readonly kubeconfig: string;
  readonly message?: string;
  readonly width: number;
  readonly height: number;
  readonly renderMarkdown: (markdown: string, width: number) => readonly string[];
}

/** `mm:ss` (or `h:mm:ss` for long exams), rounded up so 0:00 means time is up. */
export function countdownText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** The task on screen (the index wraps within the exam). */
export function taskAt(tasks: readonly PracticeTask[], index: number): { task: PracticeTask | undefined; index: number } {
  const i = tasks.length ? Math.min(index, tasks.length - 1) : 0;
  return { task: tasks[i], index: i };
}

/** The screen's props. */
export function practiceScreenProps(v: PracticeViewInput): LessonScreenProps {
  const { task, index } = taskAt(v.tasks, v.app.taskIndex);
  const total = v.tasks.reduce((a, t) => a + t.points, 0);
  const heading = task ? `## Task ${index + 1} of ${v.tasks.length} — ${task.title} (${task.points} of ${total} points)\n\n${task.prompt}` : 'No tasks were drawn.';
  const footer = '\n\n*←/→ switch tasks · : opens kubectl · f finishes and scores the exam. No hints: this is the exam.*';
  return {
    title: 'Practice exam',
    progressLabel: `task ${index + 1}/${v.tasks.length} · ${task?.points ?? 0} pts`,
    steps: v.tasks.map((t, i) => ({ title: `${i + 1}. ${t.title}`, state: i === index ? 'current' : 'todo' })),
    prose: v.renderMarkdown(heading + footer, Math.max(40, v.width - 2)),
    proseScroll: v.app.proseScroll,
    map: { nodes: v.map.nodes, daemonSets: v.map.daemonSets, offset: v.app.mapScroll },
    feedback: { hints: [], hintsTotal: 0 },
    command: { focused: v.commandFocused, text: v.app.input.text, running: v.app.running, output: v.app.output, scroll: v.app.outputScroll },
    confirmingReset: v.confirmingFinish,
    confirmText: 'Finish the exam now and see your score? y finishes · n keeps going',
    status: { kubeconfig: v.kubeconfig, paused: false, countdown: countdownText(v.remainingMs), urgent: v.remainingMs < 5 * 60_000 },
    ...(v.message !== undefined ? { message: v.message } : {}),
    width: v.width,
    height: v.height,
  };
}
