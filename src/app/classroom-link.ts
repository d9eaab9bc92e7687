/**
 * The classroom the running tutorial is in, if any: joined before it opened (`--join`) or later
 * from the list's join screen. It forwards that room's instructor messages to the screen (no
 * room: never a message) and closes its reporting and polling when the tutorial quits. On the
 * first frame's path, so it imports nothing from the classroom modules, only their types.
 */
import type { BroadcastFeed } from './classroom-broadcasts.js';

/** A joined room as the tutorial holds it. */
export interface ClassroomConnection {
  readonly code: string;
  /** The instructor's messages (absent: none are followed). */
  readonly feed?: BroadcastFeed;
  /** Stops reporting progress and following messages. */
  close(): void;
}

/** At most one room per run; a subscribe/get store of its newest message for the screen. */
export class ClassroomLink implements BroadcastFeed {
  private connection: ClassroomConnection | undefined;
  private unfollow: (() => void) | undefined;
  private closed = false;
  private readonly listeners = new Set<() => void>();

  /** The joined room's code, or undefined before joining. */
  get code(): string | undefined {
    return this.connection?.code;
  }

  /** Starts following a joined room; after `close` (the tutorial quit meanwhile) it is closed at once. */
  connect(connection: ClassroomConnection): void {
    if (this.closed || this.connection) {
      connection.close();
      return;
    }
    this.connection = connection;
    this.unfollow = connection.feed?.subscribe(() => this.notify());
    this.notify();
  }

  readonly get = (): string | undefined => this.connection?.feed?.get();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The tutorial is quitting: stop the room's reporting and polling. */
  close(): void {
    this.closed = true;
    this.unfollow?.();
    this.unfollow = undefined;
    this.connection?.close();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
