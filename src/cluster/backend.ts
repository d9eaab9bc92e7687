/**
 * The contract every cluster backend satisfies (the simulator in-process, a kind cluster, any
 * kubeconfig context), so the lesson runner and the app drive lessons without knowing where
 * the cluster lives. Types plus one pure table of which actions need a simulator.
 */
import type { ClusterSnapshot } from './snapshot.js';
import type { NewObject, Node } from './types.js';

/** Where the cluster lives; the guard (DESIGN §7) treats the last two differently. */
export type BackendKind = 'simulator' | 'kind' | 'kubeconfig';

/** A lesson action as the lesson writes it (name plus params), run by whichever backend is active. */
export interface BackendAction {
  readonly name: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** The kubectl command an action stands for, so `commandUsed` checks see solutions and setups alike. */
export interface CommandRecord {
  readonly command: string;
  readonly verb?: string;
  readonly resource?: string;
  readonly name?: string;
}

/** What an action needs besides its params. */
export interface ActionOptions {
  /** The lesson's folder: manifests are referenced relative to it. */
  readonly lessonDir: string;
  /** Called with the kubectl equivalent after an action a learner could have typed succeeds. */
  readonly record?: (command: CommandRecord) => void;
}

/** A lesson's starting cluster in backend-neutral form: the nodes it expects and the objects it creates. */
export interface ScenarioPlan {
  readonly nodes: readonly NewObject<Node>[];
  readonly objects: readonly Readonly<Record<string, unknown>>[];
}

/** The connection's state, for a status line ("reconnecting…") and tests. */
export interface BackendHealth {
  readonly connected: boolean;
  /** Watches re-established after a drop, since the backend started. */
  readonly reconnects: number;
  /** The latest problem as one learner-facing sentence, cleared once the watch is back. */
  readonly problem?: string;
}

/** A running cluster a lesson can read (snapshot + change notifications) and act on (setup, solutions). */
export interface ClusterBackend {
  readonly kind: BackendKind;
  /** Names the cluster in headers and messages, e.g. `context kind-learn-daemonsets at https://127.0.0.1:6443`. */
  readonly label: string;
  /** Why this backend cannot run an action (a sentence), or undefined when it can. */
  unsupported(action: BackendAction): string | undefined;
  /** The latest view (cheap; rebuilt only after a change). */
  snapshot(): ClusterSnapshot;
  /** Called after every observed change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  health(): BackendHealth;
  /** Brings the cluster to a lesson's starting state (nodes checked/labelled/tainted, objects applied). */
  prepare(plan: ScenarioPlan, opts: ActionOptions): Promise<void>;
  /** Runs one lesson action; rejects with a learner-facing sentence when the cluster refuses. */
  run(action: BackendAction, opts: ActionOptions): Promise<void>;
  close(): Promise<void>;
}

/**
 * Actions only a simulator can perform, with the reason a real cluster cannot. (`setNodeReady`
 * to Ready is the exception a backend may allow: a real node is Ready already.)
 */
export const SIMULATOR_ONLY_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['addNode', 'adds a node to the cluster, which only the simulator can do (a kind cluster or an existing cluster has a fixed set of machines)'],
  ['removeNode', 'removes a machine from the cluster, which only the simulator can do (on a real cluster the kubelet registers the node again)'],
  ['setNodeReady', "makes a node stop reporting Ready, which only the simulator can do (a real node's kubelet reports its own status)"],
]);
