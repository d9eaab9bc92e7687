/**
 * The actions registry: what lesson scripts (step setup) and solutions may do to the
 * simulated cluster, by name with validated params.
 */
import { addNode, cordonNode, labelNode, removeNode, setNodeReady, taintNode, untaintNode } from './node-actions.js';
import { annotate, applyManifest, deleteDaemonPod, deleteObject, rolloutUndo, setImage } from './object-actions.js';
import type { CompiledAction, RegisteredAction } from './types.js';
import { advanceTime, breakImage, fillNode } from './world-actions.js';

export type { ActionContext, CompiledAction, RegisteredAction } from './types.js';

/** Every registered action by name. */
export const ACTIONS: ReadonlyMap<string, RegisteredAction> = new Map(
  [addNode, removeNode, labelNode, taintNode, untaintNode, setNodeReady, cordonNode, annotate, applyManifest, deleteObject, deleteDaemonPod, setImage, rolloutUndo, breakImage, fillNode, advanceTime].map((a) => [a.name, a]),
);

/** A reference to an action as a lesson writes it. */
export interface ActionRef {
  readonly name: string;
  readonly params?: Record<string, unknown>;
}

/** Compiles a reference; unknown names and bad params come back as problems. */
export function compileAction(ref: ActionRef): { ok: true; run: CompiledAction } | { ok: false; problems: string[] } {
  const action = ACTIONS.get(ref.name);
  if (!action) return { ok: false, problems: [`unknown action "${ref.name}"; known actions: ${[...ACTIONS.keys()].sort().join(', ')}`] };
  const compiled = action.compile(ref.params ?? {});
  if (compiled.ok) return compiled;
  return { ok: false, problems: compiled.problems.map((p) => `action ${ref.name}: ${p}`) };
}
