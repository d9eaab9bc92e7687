/**
 * The ClusterBackend for a cluster reached through a kubeconfig (a kind cluster the tool made,
 * or any context the learner named): informers keep a snapshot current, lesson actions and
 * scenario setup go through the API. client-node (~600 ms to import) is loaded on open, never
 * at start-up.
 */
import type { ActionOptions, BackendAction, BackendHealth, BackendKind, ClusterBackend, ScenarioPlan } from '../cluster/backend.js';
import { SIMULATOR_ONLY_ACTIONS } from '../cluster/backend.js';
import type { ClusterSnapshot } from '../cluster/snapshot.js';
import type { ControllerRevision, DaemonSet, Event, Node, Pod } from '../cluster/types.js';
import { runRealAction } from './actions.js';
import { applyObject, type RealActionContext, type Send } from './apply.js';
import { describeRequestError, type RequestSite } from './errors.js';
import { chooseContext, type KubeconfigChoice } from './kubeconfig.js';
import { Reflector, type Schedule, type WatchFn } from './reflector.js';
import { RESOURCES, resourcePath, type KnownKind } from './resources.js';
import { restClient, type RestClient } from './rest.js';

/** How to open a real-cluster backend. */
export interface RealBackendOptions extends KubeconfigChoice {
  /** `kind` when the tool created the cluster; `kubeconfig` for a context the learner named. */
  readonly kind?: Exclude<BackendKind, 'simulator'>;
  /**
   * Set when the API is served by a simulator (tests, `learn-daemonsets sim`): it accepts new
   * Node objects and node status, so the simulator-only actions run too.
   */
  readonly simulated?: boolean;
  /** The clock for snapshots' `takenAt` (a simulator's clock in tests). */
  readonly now?: () => number;
  /** Per-request timeout (default 15 s). */
  readonly timeoutMs?: number;
  /** Back-off timers (tests may inject them). */
  readonly schedule?: Schedule;
  /** False: list once and never watch (a one-shot read such as `verify`). Default true. */
  readonly watch?: boolean;
  /** Limits namespaced resources to one namespace (default: all namespaces). */
  readonly namespace?: string;
}

const WATCHED = ['Node', 'Pod', 'DaemonSet', 'ControllerRevision', 'Event'] as const satisfies readonly KnownKind[];

const realSchedule: Schedule = (ms, fn) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
};

/** A backend over one kubeconfig context. */
export class RealBackend implements ClusterBackend {
  readonly label: string;
  private readonly listeners = new Set<() => void>();
  private readonly reflectors: Map<KnownKind, Reflector>;
  private cached: { key: string; snap: ClusterSnapshot } | undefined;
  private reconnects = 0;
  private problems = new Map<KnownKind, string>();

  constructor(
    readonly kind: Exclude<BackendKind, 'simulator'>,
    readonly context: string,
    readonly server: string,
    /** The kubeconfig file(s) the context came from, for messages. */
    readonly source: string,
    private readonly rest: RestClient,
    watchFn: WatchFn,
    private readonly opts: RealBackendOptions,
  ) {
    this.label = `context ${context} at ${server}`;
    this.reflectors = new Map(
      WATCHED.map((k) => [
        k,
        new Reflector(RESOURCES[k], rest, watchFn, {
          changed: () => this.changed(),
          health: (h) => this.onHealth(k, h),
        }, opts.schedule ?? realSchedule, opts.namespace),
      ]),
    );
  }

  /** Lists everything once; rejects with a RealClusterError naming the refused verb and resource. */
  async start(): Promise<void> {
    const entries = [...this.reflectors.entries()];
    const settled = await Promise.allSettled(entries.map(([, r]) => r.start(this.opts.watch !== false)));
    settled.forEach((r, i) => {
      const entry = entries[i];
      if (r.status === 'rejected' && entry) {
        for (const x of this.reflectors.values()) x.stop();
        const info = RESOURCES[entry[0]];
        throw describeRequestError(r.reason, this.site('list', info.plural, info.namespaced ? this.opts.namespace : undefined));
      }
    });
  }

  private site(verb: string, resource: string, namespace?: string): RequestSite {
    return { context: this.context, server: this.server, verb, resource, ...(namespace !== undefined ? { namespace } : {}) };
  }

  private onHealth(k: KnownKind, h: { connected: boolean; err?: unknown; reconnected?: boolean }): void {
    if (h.err !== undefined) this.problems.set(k, describeRequestError(h.err, this.site('watch', RESOURCES[k].plural)).message);
    else this.problems.delete(k);
    if (h.reconnected) this.reconnects++;
    for (const l of this.listeners) l();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  unsupported(action: BackendAction): string | undefined {
    if (this.opts.simulated) return undefined;
    // Making a node Ready again (the end of a NotReady episode) is a check, not a change, here.
    if (action.name === 'setNodeReady' && action.params?.['status'] === 'Ready') return undefined;
    const why = SIMULATOR_ONLY_ACTIONS.get(action.name);
    return why === undefined ? undefined : `this step ${why}`;
  }

  snapshot(): ClusterSnapshot {
    const key = [...this.reflectors.values()].map((r) => r.version).join(',');
    if (this.cached?.key === key) return { ...this.cached.snap, takenAt: this.now() };
    const of = <T>(k: KnownKind): T[] => (this.reflectors.get(k)?.objects() ?? []) as T[];
    const snap: ClusterSnapshot = {
      nodes: of<Node>('Node'),
      pods: of<Pod>('Pod'),
      daemonSets: of<DaemonSet>('DaemonSet'),
      controllerRevisions: of<ControllerRevision>('ControllerRevision'),
      events: of<Event>('Event'),
      takenAt: this.now(),
    };
    this.cached = { key, snap };
    return snap;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  health(): BackendHealth {
    const problem = [...this.problems.values()][0];
    return { connected: problem === undefined, reconnects: this.reconnects, ...(problem !== undefined ? { problem } : {}) };
  }

  private context_(opts: ActionOptions): RealActionContext {
    const send: Send = async <T>(verb: string, kind: KnownKind, namespace: string | undefined, req: Parameters<RestClient['send']>[0]): Promise<T> => {
      try {
        return await this.rest.send<T>(req);
      } catch (err) {
        throw describeRequestError(err, this.site(verb, RESOURCES[kind].plural, namespace));
      }
    };
    return { ...opts, send };
  }

  async prepare(plan: ScenarioPlan, opts: ActionOptions): Promise<void> {
    const ctx = this.context_(opts);
    const live = new Map(this.snapshot().nodes.map((n) => [n.metadata.name, n]));
    const missing = plan.nodes.map((n) => n.metadata.name ?? '').filter((n) => !live.has(n));
    if (missing.length && !this.opts.simulated) {
      const have = [...live.keys()].sort().join(', ') || 'none';
      throw new Error(`this lesson needs nodes named ${missing.join(', ')}, which context ${this.context} does not have (its nodes: ${have}); run this lesson in the simulator`);
    }
    for (const node of plan.nodes) {
      const name = node.metadata.name ?? '';
      const current = live.get(name);
      if (!current) {
        await ctx.send('create', 'Node', undefined, { method: 'POST', path: resourcePath(RESOURCES.Node), body: node });
        continue;
      }
      const labels = Object.fromEntries(Object.entries(node.metadata.labels ?? {}).filter(([k, v]) => current.metadata.labels?.[k] !== v));
      const taints = node.spec?.taints ?? [];
      const sameTaints = JSON.stringify(current.spec?.taints ?? []) === JSON.stringify(taints);
      const unschedulable = node.spec?.unschedulable === true;
      const patch: Record<string, unknown> = {};
      if (Object.keys(labels).length) patch['metadata'] = { labels };
      if (!sameTaints || (current.spec?.unschedulable === true) !== unschedulable) patch['spec'] = { taints, unschedulable: unschedulable ? true : null };
      if (Object.keys(patch).length) {
        await ctx.send('patch', 'Node', undefined, { method: 'PATCH', path: resourcePath(RESOURCES.Node, undefined, name), body: patch, contentType: 'application/merge-patch+json' });
      }
    }
    for (const obj of plan.objects) await applyObject(ctx, { ...obj });
  }

  async run(action: BackendAction, opts: ActionOptions): Promise<void> {
    const why = this.unsupported(action);
    if (why !== undefined) throw new Error(`cannot run ${action.name} on ${this.label}: ${why}`);
    if (action.name === 'setNodeReady' && !this.opts.simulated) return this.expectReady(String(action.params?.['node'] ?? ''));
    await runRealAction(this.context_(opts), action, () => this.now());
  }

  /** On a real cluster "make the node Ready" holds already, or cannot be done by us. */
  private expectReady(name: string): void {
    const node = this.snapshot().nodes.find((n) => n.metadata.name === name);
    if (!node) throw new Error(`there is no node ${name} on ${this.label}`);
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (!ready) throw new Error(`node ${name} is not Ready, and only its kubelet can change that: look at \`kubectl describe node ${name}\` on ${this.label}`);
  }

  async close(): Promise<void> {
    for (const r of this.reflectors.values()) r.stop();
    this.listeners.clear();
  }
}

/** Opens a backend on the chosen context and waits for the first full list (kubeconfig mistakes and refusals reject with a sentence). */
export async function openRealBackend(opts: RealBackendOptions = {}): Promise<RealBackend> {
  const k8s = await import('@kubernetes/client-node');
  const chosen = chooseContext(k8s.KubeConfig, opts);
  const rest = restClient(chosen.kc, chosen.server, opts.timeoutMs);
  const watch = new k8s.Watch(chosen.kc);
  const watchFn: WatchFn = (path, query, onEvent, onDone) => watch.watch(path, query, onEvent, onDone);
  const backend = new RealBackend(opts.kind ?? 'kubeconfig', chosen.context, chosen.server, chosen.source, rest, watchFn, opts);
  await backend.start();
  return backend;
}
