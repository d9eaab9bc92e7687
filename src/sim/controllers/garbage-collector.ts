/**
 * The garbage collector: follows ownerReferences. Dependents of a vanished owner are deleted
 * (background cascade); an owner deleted with `--cascade=orphan` has its dependents released
 * first; `--cascade=foreground` deletes dependents before the owner disappears.
 */
import type { Kind, KubeObject, OwnerReference } from '../../cluster/types.js';
import { StoreError } from '../errors.js';
import type { Store } from '../store.js';
import type { Controller } from './controller.js';
import { WorkQueue, type WorkQueueState } from './work-queue.js';

/** Kinds that can be dependents here. */
const DEPENDENT_KINDS: readonly Kind[] = ['Pod', 'ControllerRevision'];
/** Kinds that can own others here. */
const OWNER_KINDS = new Set<string>(['DaemonSet']);
/** Kinds whose deletion the collector may have to finish (finalizers it owns). */
const FINALIZED_KINDS = ['DaemonSet', 'Pod', 'ControllerRevision'] as const;
/** Finalizers the garbage collector is responsible for. */
const GC_FINALIZERS = ['orphan', 'foregroundDeletion'];

/** The collector's queue in a checkpoint. */
class GarbageCollectorState {
  constructor(readonly queue: WorkQueueState) {}
}

/** Owner-reference cascade. */
export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  private readonly queue = new WorkQueue();

  constructor(private readonly store: Store) {
    for (const kind of DEPENDENT_KINDS) {
      store.watch({ kind }, (e) => {
        // A new dependent may point at an owner that is already gone.
        if (e.type === 'ADDED') this.queue.add(`dep:${kind}:${e.object.metadata.namespace ?? ''}:${e.object.metadata.name}`);
        // A dependent vanished: a foreground-deleting owner may now finish.
        if (e.type === 'DELETED') for (const ref of e.object.metadata.ownerReferences ?? []) this.queue.add(`owner:${ref.uid}`);
      });
    }
    for (const kind of FINALIZED_KINDS) {
      store.watch({ kind }, (e) => {
        const meta = e.object.metadata;
        const ownsFinalizer = meta.deletionTimestamp && meta.finalizers?.some((f) => GC_FINALIZERS.includes(f));
        if ((e.type === 'DELETED' && kind === 'DaemonSet') || ownsFinalizer) this.queue.add(`owner:${meta.uid}`);
      });
    }
  }

  hasWork(nowMs: number): boolean {
    return this.queue.hasDue(nowMs);
  }

  nextWake(): number | undefined {
    return this.queue.nextAt();
  }

  snapshotState(): GarbageCollectorState {
    return new GarbageCollectorState(this.queue.snapshot());
  }

  restoreState(state: unknown): void {
    if (!(state instanceof GarbageCollectorState)) throw new TypeError('not a garbage-collector checkpoint');
    this.queue.restore(state.queue);
  }

  run(nowMs: number): void {
    for (const item of this.queue.takeDue(nowMs)) {
      const [type, ...rest] = item.split(':');
      if (type === 'owner') this.syncOwner(rest.join(':'));
      else this.syncDependent(rest[0] as Kind, rest[1] ?? '', rest.slice(2).join(':'));
    }
  }

  private dependents(uid: string): KubeObject[] {
    return DEPENDENT_KINDS.flatMap((k) => this.store.byIndex(k, 'owner', uid));
  }

  private findOwner(namespace: string | undefined, ref: OwnerReference): KubeObject | undefined {
    if (!OWNER_KINDS.has(ref.kind)) return undefined;
    const owner = this.store.get(ref.kind as Kind, namespace, ref.name);
    return owner?.metadata.uid === ref.uid ? owner : undefined;
  }

  private syncOwner(uid: string): void {
    const owner = FINALIZED_KINDS.map((k) => this.store.byIndex(k, 'uid', uid)[0]).find((o) => o !== undefined);
    if (owner && !owner.metadata.deletionTimestamp) return;
    const deps = this.dependents(uid);
    if (!owner) {
      for (const dep of deps) this.releaseOrDelete(dep, uid);
      return;
    }
    if (!owner.metadata.deletionTimestamp) return;
    const finalizers = owner.metadata.finalizers ?? [];
    if (finalizers.includes('orphan')) {
      for (const dep of deps) this.removeRef(dep, uid);
      this.removeFinalizer(owner, 'orphan');
    } else if (finalizers.includes('foregroundDeletion')) {
      const blocking = deps.filter((d) => d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
      for (const dep of blocking) if (!dep.metadata.deletionTimestamp) this.tryDelete(dep, 'Foreground');
      if (blocking.length === 0) this.removeFinalizer(owner, 'foregroundDeletion');
    }
  }

  private syncDependent(kind: Kind, namespace: string, name: string): void {
    const obj = this.store.get(kind, namespace || undefined, name);
    if (!obj) return;
    for (const ref of obj.metadata.ownerReferences ?? []) {
      if (!OWNER_KINDS.has(ref.kind)) continue;
      if (!this.findOwner(obj.metadata.namespace, ref)) this.queue.add(`owner:${ref.uid}`);
    }
  }

  /** A dependent of a vanished owner: drop the reference if others remain, else delete it. */
  private releaseOrDelete(dep: KubeObject, uid: string): void {
    const others = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid && this.findOwner(dep.metadata.namespace, r));
    if (others.length > 0) this.removeRef(dep, uid);
    else if (!dep.metadata.deletionTimestamp) this.tryDelete(dep, 'Background');
  }

  private removeRef(dep: KubeObject, uid: string): void {
    this.store.mutate(dep.kind, dep.metadata.namespace, dep.metadata.name, (d: KubeObject) => {
      const refs = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (refs.length) d.metadata.ownerReferences = refs;
      else delete d.metadata.ownerReferences;
    });
  }

  private removeFinalizer(owner: KubeObject, finalizer: string): void {
    this.store.mutate(owner.kind, owner.metadata.namespace, owner.metadata.name, (o: KubeObject) => {
      o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== finalizer);
      if (o.metadata.finalizers.length === 0) delete o.metadata.finalizers;
    });
  }

  private tryDelete(obj: KubeObject, propagationPolicy: 'Background' | 'Foreground'): void {
    try {
      this.store.delete(obj.kind, obj.metadata.namespace, obj.metadata.name, { propagationPolicy, preconditions: { uid: obj.metadata.uid } });
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
    }
  }
}
