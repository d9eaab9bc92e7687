/**
 * The DaemonSet registry strategy: what the apiserver does to generation, template generation
 * and status on create and update. Rolling updates and `rollout undo` key off these numbers.
 */
import type { DaemonSet, DaemonSetStatus, NewObject } from '../../cluster/types.js';
import { cloneJson } from '../json.js';
import { semanticEqual } from './semantic-equal.js';

/** apps/v1 keeps the internal templateGeneration in this annotation. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** The status fields a fresh DaemonSet always shows (zeros are omitted for the others). */
function zeroStatus(): DaemonSetStatus {
  return { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
}

function templateGeneration(ds: NewObject<DaemonSet>): number {
  const n = Number.parseInt(ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** `PrepareForCreate`: status reset, generation 1, template generation 1 (annotation "1" unless higher). */
export function prepareDaemonSetForCreate(ds: NewObject<DaemonSet>): NewObject<DaemonSet> {
  const out = cloneJson(ds);
  const gen = Math.max(1, templateGeneration(ds));
  out.metadata.generation = 1;
  out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(gen) };
  out.status = zeroStatus();
  return out;
}

/**
 * `PrepareForUpdate`: status kept from the old object; a template change bumps template
 * generation and generation, any other spec change bumps generation only. The annotation
 * always reflects the server's template generation, whatever the writer sent.
 */
export function prepareDaemonSetForUpdate(old: NewObject<DaemonSet>, ds: NewObject<DaemonSet>): NewObject<DaemonSet> {
  const out = cloneJson(ds);
  const oldGen = old.metadata.generation ?? 1;
  let tmplGen = templateGeneration(old);
  out.status = cloneJson(old.status ?? zeroStatus());
  out.metadata.generation = oldGen;
  if (!semanticEqual(old.spec.template, ds.spec.template)) {
    tmplGen += 1;
    out.metadata.generation = oldGen + 1;
  } else if (!semanticEqual(old.spec, ds.spec)) {
    out.metadata.generation = oldGen + 1;
  }
  out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(tmplGen) };
  return out;
}
