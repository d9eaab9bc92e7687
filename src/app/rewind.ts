/**
 * "Rewind to before my last change": a checkpoint is kept just before each kubectl command that
 * changes the cluster (one per kubectl run — its requests share a `Kubectl-Session` id), and
 * rewinding restores the newest. Generic over the checkpoint so tests need no cluster.
 */

/** A moment the learner can go back to. */
export interface RewindPoint<C> {
  readonly checkpoint: C;
  /** The command that came next, e.g. `kubectl delete`. */
  readonly command: string;
  /** Cluster time of the checkpoint. */
  readonly atMs: number;
}

/** The newest points, oldest dropped past `limit` (each holds a whole cluster, shared structurally). */
export class RewindHistory<C> {
  private points: RewindPoint<C>[] = [];
  private lastSession: string | undefined;

  constructor(
    private readonly take: () => C,
    private readonly now: () => number,
    private readonly limit = 20,
  ) {}

  /** Before a changing request: keeps a point unless this kubectl run already has one. */
  beforeChange(command: string, session: string | undefined): void {
    if (session !== undefined && session === this.lastSession) return;
    this.lastSession = session;
    this.points.push({ checkpoint: this.take(), command, atMs: this.now() });
    if (this.points.length > this.limit) this.points.shift();
  }

  /** The newest point, removed (so rewinding twice goes back two commands). */
  pop(): RewindPoint<C> | undefined {
    this.lastSession = undefined;
    return this.points.pop();
  }

  /** How many rewinds are possible. */
  get size(): number {
    return this.points.length;
  }
}
