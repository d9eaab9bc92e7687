/**
 * Cross-checks a parsed scenario: unique node names, known namespaces, and every
 * pre-existing object defaulted and validated as the apiserver will when the store creates it.
 */
import type { DaemonSet, Namespace, NewObject, Pod } from '../../cluster/types.js';
import { defaultDaemonSet, defaultNamespace, defaultPod } from '../strategy/defaults.js';
import { fieldErrorText, type FieldError } from '../strategy/field-error.js';
import { validateDaemonSet, validateNamespace, validatePod } from '../strategy/validation.js';
import { expandNodes } from './nodes.js';
import type { Scenario } from './schema.js';

/** Namespaces every cluster has. */
export const BUILTIN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

const SUPPORTED: Readonly<Record<string, string>> = { DaemonSet: 'apps/v1', Pod: 'v1', Namespace: 'v1' };

/** Built-in namespaces, then the scenario's own (from `namespaces` and Namespace objects). */
export function scenarioNamespaces(scenario: Scenario): string[] {
  const names = new Set<string>(BUILTIN_NAMESPACES);
  for (const ns of scenario.namespaces ?? []) names.add(ns);
  for (const obj of scenario.objects ?? []) {
    const meta = obj['metadata'];
    if (obj['kind'] === 'Namespace' && typeof meta === 'object' && meta !== null) {
      const name = (meta as Record<string, unknown>)['name'];
      if (typeof name === 'string') names.add(name);
    }
  }
  return [...names];
}

/** The scenario's objects with `metadata.namespace` filled in (`default`), ready for the store. */
export function scenarioObjects(scenario: Scenario): Array<Record<string, unknown>> {
  return (scenario.objects ?? []).map((obj) => {
    const out = structuredClone(obj);
    const meta = { ...((out['metadata'] as Record<string, unknown> | undefined) ?? {}) };
    if (out['kind'] !== 'Namespace' && meta['namespace'] === undefined) meta['namespace'] = 'default';
    out['metadata'] = meta;
    return out;
  });
}

function validateObject(obj: Record<string, unknown>): FieldError[] | string {
  const kind = obj['kind'];
  if (typeof kind !== 'string' || SUPPORTED[kind] === undefined)
    return `kind: Unsupported value: ${JSON.stringify(kind ?? '')}: supported values: ${Object.keys(SUPPORTED).map((k) => JSON.stringify(k)).join(', ')}`;
  if (obj['apiVersion'] !== SUPPORTED[kind]) return `apiVersion: Unsupported value: ${JSON.stringify(obj['apiVersion'] ?? '')}: supported values: "${SUPPORTED[kind]}"`;
  if (typeof obj['metadata'] !== 'object' || obj['metadata'] === null) return 'metadata: Required value';
  switch (kind) {
    case 'DaemonSet':
      return validateDaemonSet(defaultDaemonSet(obj as unknown as NewObject<DaemonSet>));
    case 'Pod':
      return validatePod(defaultPod(obj as unknown as NewObject<Pod>));
    case 'Namespace':
      return validateNamespace(defaultNamespace(obj as unknown as NewObject<Namespace>));
    default:
      return `kind: Unsupported value: ${JSON.stringify(kind)}`;
  }
}

/** Problems as `objects[2].spec.selector: ...` lines; empty when the scenario is usable. */
export function validateScenarioObjects(scenario: Scenario): string[] {
  const issues: string[] = [];
  const seenNodes = new Set<string>();
  for (const node of expandNodes(scenario)) {
    if (seenNodes.has(node.name)) issues.push(`nodes: Duplicate value: ${JSON.stringify(node.name)}`);
    seenNodes.add(node.name);
  }
  const namespaces = new Set(scenarioNamespaces(scenario));
  const seenObjects = new Set<string>();
  scenarioObjects(scenario).forEach((obj, i) => {
    const at = `objects[${i}]`;
    const result = validateObject(obj);
    if (typeof result === 'string') {
      issues.push(`${at}.${result}`);
      return;
    }
    for (const err of result) issues.push(`${at}.${fieldErrorText(err)}`);
    const meta = obj['metadata'] as Record<string, unknown>;
    const ns = typeof meta['namespace'] === 'string' ? meta['namespace'] : '';
    if (ns !== '' && !namespaces.has(ns)) issues.push(`${at}.metadata.namespace: Not found: ${JSON.stringify(ns)}: add it to \`namespaces\``);
    const key = `${String(obj['kind'])}/${ns}/${String(meta['name'] ?? '')}`;
    if (seenObjects.has(key)) issues.push(`${at}.metadata.name: Duplicate value: ${JSON.stringify(meta['name'])}`);
    seenObjects.add(key);
  });
  return issues;
}
