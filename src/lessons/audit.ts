/**
 * The audit trail: which kubectl commands the learner ran. Checks read it to insist on *how*
 * a step was done (a `rollout undo`, not a re-apply). The built-in command line records what
 * it runs; the simulator's API server records kubectl's `Kubectl-Command` request header.
 */

/** One observed command. */
export interface AuditEntry {
  /** Epoch ms on the cluster's clock. */
  readonly at: number;
  readonly source: 'builtin' | 'apiserver';
  /** The kubectl sub-command path, e.g. `kubectl rollout undo`. */
  readonly command: string;
  /** The API verb of the request, when known (get, list, create, patch, delete, ...). */
  readonly verb?: string;
  /** The resource of the request, when known (daemonsets, pods, nodes, ...). */
  readonly resource?: string;
  /** The object's name, when the request named one. */
  readonly name?: string;
}

/** What checks read: entries oldest first. */
export type AuditTrail = readonly AuditEntry[];

/** An in-memory, append-only log that the API server and the built-in command line share. */
export class AuditLog {
  private readonly list: AuditEntry[] = [];
  private readonly listeners = new Set<(entry: AuditEntry) => void>();

  /** Records one command and tells subscribers (the lesson actor's `command.observed`). */
  append(entry: AuditEntry): void {
    const frozen = Object.freeze({ ...entry });
    this.list.push(frozen);
    for (const l of this.listeners) l(frozen);
  }

  /** All entries, oldest first. */
  entries(): AuditTrail {
    return this.list.slice();
  }

  /** Entries at or after `at`, e.g. since a lesson step started. */
  since(at: number): AuditTrail {
    return this.list.filter((e) => e.at >= at);
  }

  /** Subscribes to new entries; returns the unsubscribe function. */
  subscribe(listener: (entry: AuditEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets everything (a lesson reset). */
  clear(): void {
    this.list.length = 0;
  }
}

/** Whether an entry's command is `prefix` or a longer command starting with it (`kubectl rollout` matches `kubectl rollout undo`). */
export function commandMatches(entry: AuditEntry, prefix: string): boolean {
  const want = prefix.trim().replace(/\s+/g, ' ');
  const have = entry.command.trim().replace(/\s+/g, ' ');
  return have === want || have.startsWith(`${want} `);
}
