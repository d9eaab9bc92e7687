/**
 * The open lesson lives outside React (so a remount after handing the terminal to a child
 * resumes exactly where it was); screens subscribe to this holder to learn when it changes.
 */
import type { startBuiltinCommand } from './builtin-command.js';
import type { PracticeSession } from './practice-session.js';
import type { LessonSession } from './lesson-session.js';

/** The open lesson or practice exam and the markdown renderer that came with it. */
export interface Open {
  readonly session: LessonSession | PracticeSession;
  readonly renderMarkdown: (markdown: string, width: number, color: boolean) => readonly string[];
  /** The command-line runner, loaded with the session. */
  readonly builtin: { readonly startBuiltinCommand: typeof startBuiltinCommand };
}

/** A tiny external store for `useSyncExternalStore`. */
export class SessionHolder {
  private current: Open | undefined;
  private readonly listeners = new Set<() => void>();
  /** A one-line note for the lesson screen (e.g. a progress save failed). */
  message: string | undefined;

  readonly get = (): Open | undefined => this.current;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces the open session (undefined when back on the list). */
  set(open: Open | undefined): void {
    this.current = open;
    for (const l of this.listeners) l();
  }
}
