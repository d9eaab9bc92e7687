/**
 * The command line's editing state as pure functions (typing, backspace, history recall), so
 * the app machine's actions stay one-liners and the behaviour is table-testable.
 */

/** What the learner is typing and what they typed before. */
export interface CommandInput {
  readonly text: string;
  /** Submitted commands, oldest first. */
  readonly history: readonly string[];
  /** Position while recalling history (history.length = the fresh line). */
  readonly recall: number;
  /** The line being typed before recall started, restored when recall walks past the newest. */
  readonly draft: string;
}

/** Keeps the history bounded: an hour of typing, not a memory leak. */
export const HISTORY_LIMIT = 200;

/** An empty line with no history. */
export const EMPTY_INPUT: CommandInput = { text: '', history: [], recall: 0, draft: '' };

/** Inserts typed or pasted text (control characters and newlines dropped). */
export function typeText(input: CommandInput, typed: string): CommandInput {
  // eslint-disable-next-line no-control-regex
  const clean = typed.replace(/[\u0000-\u001f\u007f]/g, '');
  return clean ? { ...input, text: input.text + clean, recall: input.history.length, draft: '' } : input;
}

/** Deletes the last character. */
export function backspace(input: CommandInput): CommandInput {
  return { ...input, text: input.text.slice(0, -1) };
}

/** Recalls the previous command (↑). */
export function historyPrev(input: CommandInput): CommandInput {
  if (input.recall === 0) return input;
  const draft = input.recall === input.history.length ? input.text : input.draft;
  const recall = input.recall - 1;
  return { ...input, recall, draft, text: input.history[recall] ?? '' };
}

/** Walks back towards the line being typed (↓). */
export function historyNext(input: CommandInput): CommandInput {
  if (input.recall >= input.history.length) return input;
  const recall = input.recall + 1;
  const text = recall === input.history.length ? input.draft : (input.history[recall] ?? '');
  return { ...input, recall, text };
}

/** Clears the line and remembers it (no duplicate of the newest entry). */
export function submit(input: CommandInput): CommandInput {
  const line = input.text.trim();
  const last = input.history[input.history.length - 1];
  const history = line && line !== last ? [...input.history, line].slice(-HISTORY_LIMIT) : input.history;
  return { text: '', history, recall: history.length, draft: '' };
}
