/**
 * The contract between the simulated cluster's run loop and each controller. A controller
 * queues work from store watches, and on `run` decides purely (its `plan`) and acts thinly.
 */

/** One control loop of the simulated cluster. */
export interface Controller {
  readonly name: string;
  /** Something is queued for the instant `nowMs`. */
  hasWork(nowMs: number): boolean;
  /** Processes everything queued for `nowMs`. */
  run(nowMs: number): void;
  /** The earliest future instant this controller wants to run, if any. */
  nextWake(): number | undefined;
  /**
   * Its private memory (queues, caches, back-off), copied deeply enough that running on does
   * not change it: a cluster checkpoint holds one per controller.
   */
  snapshotState(): unknown;
  /** Continues from what `snapshotState` returned (the state stays reusable for another restore). */
  restoreState(state: unknown): void;
}
