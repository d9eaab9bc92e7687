/**
 * The action contract for lesson scripts over the simulator: validated params, a thin run
 * that calls the simulator's operations, and (for things a learner could type) the kubectl
 * command it stands for, recorded in the audit trail when a solution is replayed.
 */
import { z } from 'zod';
import type { SimCluster } from '../../sim/cluster.js';
import type { AuditEntry, AuditLog } from '../audit.js';

/** What an action may touch. */
export interface ActionContext {
  readonly cluster: SimCluster;
  /** The lesson's folder, for manifests referenced by relative path. */
  readonly lessonDir: string;
  /** Present when replaying a learner's solution: kubectl-equivalent actions record themselves. */
  readonly audit?: AuditLog;
}

/** The audit fields an action stands for (time and source are filled in by the runner). */
export type KubectlEquivalent = Pick<AuditEntry, 'command' | 'verb' | 'resource' | 'name'>;

/** One named action. */
export interface ActionDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly params: S;
  readonly run: (ctx: ActionContext, params: z.output<S>) => void;
  readonly kubectl?: (params: z.output<S>) => KubectlEquivalent;
}

/** An action with params validated once; running it mutates the simulator. */
export type CompiledAction = (ctx: ActionContext) => void;

/** An action as the registry stores it. */
export interface RegisteredAction {
  readonly name: string;
  readonly description: string;
  readonly compile: (params: unknown) => { ok: true; run: CompiledAction } | { ok: false; problems: string[] };
}

/** Wraps a definition: params validated at compile time; the audit entry appended after a successful run. */
export function defineAction<S extends z.ZodType>(def: ActionDefinition<S>): RegisteredAction {
  return {
    name: def.name,
    description: def.description,
    compile(raw) {
      const parsed = def.params.safeParse(raw ?? {});
      if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)) };
      const params = parsed.data;
      return {
        ok: true,
        run(ctx) {
          def.run(ctx, params);
          const equivalent = def.kubectl?.(params);
          if (equivalent && ctx.audit) ctx.audit.append({ at: ctx.cluster.clock.now(), source: 'builtin', ...equivalent });
        },
      };
    },
  };
}

/** The taint fields shared by taint actions. */
export const effectSchema = z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
