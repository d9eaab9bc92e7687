/**
 * Golden-case runner: a case is a scenario plus steps (what a learner or lesson script does);
 * its output is what the cluster looked like at each `snapshot`, with volatile values
 * (uids, generated name suffixes, revision hashes, timestamps) replaced by stable placeholders.
 */
import yaml from 'js-yaml';
import { podReadyText, podRestarts, podStatusText } from '../../src/cluster/pod-display.js';
import type { DaemonSet, KubeObject, NewObject, Node, TaintEffect } from '../../src/cluster/types.js';
import { bootstrapCluster } from '../../src/sim/bootstrap.js';
import { ManualClock } from '../../src/sim/clock.js';
import type { SimCluster } from '../../src/sim/cluster.js';
import { targetNodeName } from '../../src/sim/controllers/pod-util.js';
import { StoreError } from '../../src/sim/errors.js';
import { buildNode } from '../../src/sim/scenario/index.js';
import * as ops from '../../src/sim/operations.js';

/** A step of a golden case. Exactly one key per step. */
export type Step = Record<string, unknown>;

/** The input file. */
export interface GoldenCase {
  description: string;
  scenario?: string;
  nodes?: number;
  steps: Step[];
}

const START = Date.UTC(2026, 10, 25, 10, 0, 0);

/** `30s`, `5m`, `1h`, `250ms` or a number of milliseconds. */
export function duration(value: unknown): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(String(value));
  if (!m) throw new Error(`bad duration ${String(value)}`);
  const n = Number(m[1]);
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

class Placeholders {
  private readonly names = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  pod(name: string, generateName: string | undefined): string {
    let p = this.names.get(name);
    if (!p) {
      const prefix = generateName ?? `${name}-`;
      const n = (this.counters.get(prefix) ?? 0) + 1;
      this.counters.set(prefix, n);
      p = `${prefix}{${n}}`;
      this.names.set(name, p);
    }
    return p;
  }

  hash(hash: string): string {
    let p = this.names.get(hash);
    if (!p) {
      const n = (this.counters.get('#hash') ?? 0) + 1;
      this.counters.set('#hash', n);
      p = `{hash-${n}}`;
      this.names.set(hash, p);
    }
    return p;
  }

  text(s: string): string {
    let out = s;
    for (const [raw, p] of this.names) if (raw.length >= 5) out = out.split(raw).join(p);
    return out.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{uid}');
  }
}

/** Runs a case and returns the YAML text of its snapshots. */
export function runGolden(c: GoldenCase): string {
  const cluster = bootstrapCluster({ clock: new ManualClock(START), scenario: c.scenario, nodes: c.nodes });
  const ph = new Placeholders();
  const snapshots: unknown[] = [];
  let lastRv = 0;
  for (const step of c.steps) {
    const [verb, arg] = Object.entries(step)[0] ?? ['', undefined];
    if (verb === 'snapshot') {
      snapshots.push(snapshot(cluster, String(arg), ph, lastRv));
      lastRv = cluster.store.resourceVersion();
      continue;
    }
    try {
      runStep(cluster, verb, arg);
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      snapshots.push({ step: verb, error: `${err.reason}: ${ph.text(err.message)}` });
    }
  }
  return yaml.dump(snapshots, { lineWidth: 160, noRefs: true, sortKeys: false });
}

function nsName(arg: Record<string, unknown>): [string, string] {
  return [String(arg['namespace'] ?? 'default'), String(arg['name'] ?? arg['daemonSet'] ?? '')];
}

function runStep(cluster: SimCluster, verb: string, raw: unknown): void {
  const arg = (raw ?? {}) as Record<string, unknown>;
  switch (verb) {
    case 'apply':
      for (const doc of yaml.loadAll(String(raw))) ops.applyObject(cluster, doc as NewObject<KubeObject>);
      break;
    case 'advance':
      cluster.advance(duration(raw));
      return;
    case 'until': {
      const [ns, name] = nsName(arg);
      const ok = cluster.runUntil(() => rolledOut(cluster.store.get('DaemonSet', ns, name)), duration(arg['timeout'] ?? '10m'));
      if (!ok) throw new StoreError('BadRequest', `daemon set "${name}" did not finish rolling out within ${String(arg['timeout'] ?? '10m')}`);
      return;
    }
    case 'taint':
      ops.taintNode(cluster, String(arg['node']), { key: String(arg['key']), value: arg['value'] as string | undefined, effect: arg['effect'] as TaintEffect });
      break;
    case 'untaint':
      ops.untaintNode(cluster, String(arg['node']), String(arg['key']), arg['effect'] as TaintEffect | undefined);
      break;
    case 'label':
      ops.labelNode(cluster, String(arg['node']), (arg['set'] ?? {}) as Record<string, string>, (arg['remove'] ?? []) as string[]);
      break;
    case 'cordon':
    case 'uncordon':
      ops.setUnschedulable(cluster, String(raw), verb === 'cordon');
      break;
    case 'nodeReady':
      ops.setNodeReady(cluster, String(arg['node']), String(arg['status']) as 'True' | 'False' | 'Unknown');
      break;
    case 'addNode':
      ops.addNode(cluster, buildNode({ name: String(arg['name']), role: 'worker', ...(arg as object) } as Parameters<typeof buildNode>[0], 50 + cluster.store.count('Node'), new Date(cluster.clock.now()).toISOString()) as NewObject<Node>);
      break;
    case 'removeNode':
      ops.removeNode(cluster, String(raw));
      break;
    case 'setImage': {
      const [ns, name] = nsName(arg);
      ops.setImage(cluster, ns, name, String(arg['container']), String(arg['image']));
      break;
    }
    case 'rollback': {
      const [ns, name] = nsName(arg);
      ops.rollback(cluster, ns, name, Number(arg['toRevision'] ?? 0));
      break;
    }
    case 'delete': {
      const [ns, name] = nsName(arg);
      const cascade = String(arg['cascade'] ?? 'background');
      const policy = ({ background: 'Background', foreground: 'Foreground', orphan: 'Orphan' } as const)[cascade as 'background'];
      ops.deleteObject(cluster, arg['kind'] as KubeObject['kind'], ns, name, { propagationPolicy: policy });
      break;
    }
    case 'deletePodOn': {
      const [ns, name] = nsName(arg);
      const ds = cluster.store.mustGet('DaemonSet', ns, name);
      const pod = ops.daemonPodOn(cluster, ds, String(arg['node']));
      if (!pod) throw new StoreError('NotFound', `no pod of ${name} on ${String(arg['node'])}`);
      ops.deleteObject(cluster, 'Pod', ns, pod.metadata.name);
      break;
    }
    default:
      throw new Error(`unknown golden step "${verb}"`);
  }
  cluster.settle();
}

function rolledOut(ds: DaemonSet | undefined): boolean {
  const s = ds?.status;
  if (!ds || !s) return false;
  return (ds.metadata.generation ?? 0) <= (s.observedGeneration ?? 0) && (s.updatedNumberScheduled ?? 0) >= s.desiredNumberScheduled && (s.numberAvailable ?? 0) >= s.desiredNumberScheduled;
}

function snapshot(cluster: SimCluster, label: string, ph: Placeholders, sinceRv: number): unknown {
  const store = cluster.store;
  // Hashes first, in revision order, so placeholders follow history.
  for (const r of [...store.list('ControllerRevision')].sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))) {
    const h = r.metadata.labels?.['controller-revision-hash'];
    if (h) ph.hash(h);
  }
  const newEvents = store
    .list('Event')
    .filter((e) => Number(e.metadata.resourceVersion) > sinceRv)
    .sort((a, b) => a.firstTimestamp.localeCompare(b.firstTimestamp) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
  // Pods are numbered in the order the controller created them, including short-lived ones.
  for (const e of newEvents) {
    const created = /^Created pod: (\S+)$/.exec(e.message);
    if (created?.[1]) ph.pod(created[1], `${e.involvedObject.name}-`);
  }
  for (const p of [...store.list('Pod')].sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) || (targetNodeName(a) ?? '').localeCompare(targetNodeName(b) ?? ''))) {
    ph.pod(p.metadata.name, p.metadata.generateName);
  }
  const events = newEvents.map((e) => ph.text(`${e.type} ${e.reason} ${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`));
  return {
    label,
    at: `${Math.round((cluster.clock.now() - START) / 1000)}s`,
    nodes: store.list('Node').map((n) => {
      const ready = n.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady';
      const taints = (n.spec.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
      return `${n.metadata.name} ${ready}${n.spec.unschedulable ? ',SchedulingDisabled' : ''}${taints.length ? ` [${taints.join(', ')}]` : ''}`;
    }),
    daemonsets: store.list('DaemonSet').map((d) => ({
      name: d.metadata.name,
      generation: d.metadata.generation,
      observedGeneration: d.status?.observedGeneration ?? 0,
      templateGeneration: d.metadata.annotations?.['deprecated.daemonset.template.generation'],
      ...(d.metadata.deletionTimestamp ? { deleting: d.metadata.finalizers ?? [] } : {}),
      status: `desired=${d.status?.desiredNumberScheduled ?? 0} current=${d.status?.currentNumberScheduled ?? 0} ready=${d.status?.numberReady ?? 0} up-to-date=${d.status?.updatedNumberScheduled ?? 0} available=${d.status?.numberAvailable ?? 0} misscheduled=${d.status?.numberMisscheduled ?? 0}`,
    })),
    pods: store
      .list('Pod')
      .map((p) => ({ node: targetNodeName(p) ?? '<none>', p }))
      .sort((a, b) => a.node.localeCompare(b.node) || ph.pod(a.p.metadata.name, a.p.metadata.generateName).localeCompare(ph.pod(b.p.metadata.name, b.p.metadata.generateName)))
      .map(({ node, p }) => {
        const hash = p.metadata.labels?.['controller-revision-hash'];
        const owner = p.metadata.ownerReferences?.find((r) => r.controller)?.name ?? '<none>';
        return `${ph.pod(p.metadata.name, p.metadata.generateName)} node=${p.spec.nodeName ?? '<none>'}${p.spec.nodeName ? '' : `(${node})`} ${podReadyText(p)} ${podStatusText(p)} restarts=${podRestarts(p)} rev=${hash ? ph.hash(hash) : '-'} owner=${owner}`;
      }),
    revisions: store.list('ControllerRevision').map((r) => `${ph.text(r.metadata.name)} revision=${r.revision} owner=${r.metadata.ownerReferences?.find((o) => o.controller)?.name ?? '<none>'}`),
    events,
  };
}
