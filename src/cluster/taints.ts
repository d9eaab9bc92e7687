/**
 * Taints and tolerations with the exact matching rules of core/v1 `Toleration.ToleratesTaint`
 * and the NoExecute eviction timing of the taint-eviction controller.
 */
import type { Taint, Toleration } from './types.js';

/** Whether one toleration tolerates one taint (empty effect = all effects, Exists = any value, empty key + Exists = everything). */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && (toleration.effect as string) !== '' && toleration.effect !== taint.effect) return false;
  if (toleration.key !== undefined && toleration.key !== '' && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false; // Lt/Gt are alpha in newer releases and unknown to v1.32
  }
}

/** Whether any of the tolerations tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (tolerations === undefined) return false;
  for (const t of tolerations) {
    if (toleratesTaint(t, taint)) return true;
  }
  return false;
}

/** First taint that passes `filter` and is not tolerated (`FindMatchingUntoleratedTaint`), for reasons and predicates. */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter: (t: Taint) => boolean = () => true,
): Taint | undefined {
  if (taints === undefined) return undefined;
  for (const taint of taints) {
    if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** `Taint.ToString()`: `key=value:Effect`, `key:Effect`, `key=value:` or `key`, as kubectl taint and describe show it. */
export function taintToString(taint: Taint): string {
  const value = taint.value ?? '';
  const effect: string = taint.effect ?? '';
  if (effect === '') return value === '' ? taint.key : `${taint.key}=${value}:`;
  return value === '' ? `${taint.key}:${effect}` : `${taint.key}=${value}:${effect}`;
}

/** A toleration as `kubectl describe` prints it, e.g. `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`. */
export function tolerationToString(t: Toleration): string {
  const key = t.key ?? '';
  const value = t.value ?? '';
  const effect: string = t.effect ?? '';
  let out = key;
  if (value !== '') out += `=${value}`;
  if (effect !== '') out += `:${effect}`;
  if (t.operator === 'Exists' && value === '') out += key !== '' || effect !== '' ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined) out += ` for ${t.tolerationSeconds}s`;
  return out;
}

/** What the taint-eviction controller does with a pod on a node with NoExecute taints. */
export type EvictionDecision =
  | { readonly evict: 'now'; readonly taint: Taint }
  | { readonly evict: 'after'; readonly seconds: number }
  | { readonly evict: 'never' };

const NEVER: EvictionDecision = Object.freeze({ evict: 'never' });

/**
 * NoExecute eviction timing (tainteviction `processPodOnNode` + `getMinTolerationTime`): any
 * untolerated NoExecute taint → now; each taint counts only the FIRST toleration that tolerates
 * it; none of those has tolerationSeconds → never; else the minimum, with ≤ 0 meaning 0.
 */
export function noExecuteEviction(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
): EvictionDecision {
  let min: number | undefined;
  for (const taint of taints ?? []) {
    if (taint.effect !== 'NoExecute') continue;
    const used = tolerations?.find((t) => toleratesTaint(t, taint));
    if (used === undefined) return { evict: 'now', taint };
    const seconds = used.tolerationSeconds;
    if (seconds === undefined) continue;
    const clamped = Math.max(0, seconds);
    min = min === undefined ? clamped : Math.min(min, clamped);
  }
  return min === undefined ? NEVER : { evict: 'after', seconds: min };
}
