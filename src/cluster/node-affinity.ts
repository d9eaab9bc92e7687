/**
 * Node selection by `spec.nodeSelector` and required node affinity, as the DaemonSet controller
 * and scheduler evaluate them (component-helpers `nodeaffinity`), plus learner-readable reasons
 * that name the first thing that failed.
 */
import type { Affinity, Node, NodeSelector, NodeSelectorRequirement } from './types.js';
import { goQuote, goStringSlice, newRequirement } from './selector-requirement.js';
import { parseInt64, requirementMatches, type SelectorOperator, type SelectorRequirement } from './selector.js';

const EMPTY_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/** Whether every `nodeSelector` pair is a node label; an absent or empty map matches every node. */
export function nodeMatchesNodeSelector(node: Node, nodeSelector: Readonly<Record<string, string>> | undefined): boolean {
  if (nodeSelector === undefined) return true;
  const labels = node.metadata.labels ?? EMPTY_LABELS;
  for (const key in nodeSelector) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== nodeSelector[key]) return false;
  }
  return true;
}

/** Why `nodeSelector` rejects the node (first failing key in sorted order), or undefined if it matches. */
export function nodeSelectorMismatch(node: Node, nodeSelector: Readonly<Record<string, string>> | undefined): string | undefined {
  if (nodeMatchesNodeSelector(node, nodeSelector) || nodeSelector === undefined) return undefined;
  const labels = node.metadata.labels ?? EMPTY_LABELS;
  for (const key of Object.keys(nodeSelector).sort()) {
    const want = nodeSelector[key] ?? '';
    if (!Object.prototype.hasOwnProperty.call(labels, key)) {
      return `nodeSelector ${key}=${want} does not match (node has no ${key} label)`;
    }
    if (labels[key] !== want) return `nodeSelector ${key}=${want} does not match (node has ${key}=${labels[key] ?? ''})`;
  }
  return undefined;
}

interface CompiledExpr {
  readonly source: NodeSelectorRequirement;
  readonly requirement: SelectorRequirement;
}

interface CompiledTerm {
  readonly empty: boolean;
  readonly exprs: readonly CompiledExpr[];
  readonly fields: readonly NodeSelectorRequirement[];
  readonly errors: readonly string[];
}

const LABEL_OPERATORS: Record<string, SelectorOperator | undefined> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  Gt: 'gt',
  Lt: 'lt',
};

/** Compiled terms per NodeSelector object: stored objects are immutable, so identity is a safe key. */
const compiled = new WeakMap<NodeSelector, readonly CompiledTerm[]>();

function compile(selector: NodeSelector): readonly CompiledTerm[] {
  const cached = compiled.get(selector);
  if (cached) return cached;
  const terms = (selector.nodeSelectorTerms ?? []).map((term, i) => compileTerm(term.matchExpressions ?? [], term.matchFields ?? [], `nodeSelectorTerms[${i}]`));
  compiled.set(selector, terms);
  return terms;
}

function compileTerm(exprs: readonly NodeSelectorRequirement[], fields: readonly NodeSelectorRequirement[], path: string): CompiledTerm {
  const errors: string[] = [];
  const out: CompiledExpr[] = [];
  exprs.forEach((expr, j) => {
    const p = `${path}.matchExpressions[${j}]`;
    const op = LABEL_OPERATORS[expr.operator];
    if (op === undefined) {
      errors.push(`${p}.operator: Unsupported value: ${goQuote(expr.operator)}: supported values: "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"`);
      return;
    }
    const result = newRequirement(expr.key, op, expr.values, p);
    errors.push(...result.errors);
    out.push({ source: expr, requirement: result.requirement });
  });
  fields.forEach((f, j) => {
    const p = `${path}.matchFields[${j}]`;
    if (f.operator !== 'In' && f.operator !== 'NotIn') {
      errors.push(`${p}.operator: Unsupported value: ${goQuote(f.operator)}: supported values: "In", "NotIn"`);
    } else if (f.values?.length !== 1) {
      errors.push(`${p}.values: Invalid value: ${goStringSlice(f.values)}: must have one element`);
    }
  });
  return { empty: exprs.length === 0 && fields.length === 0, exprs: out, fields, errors };
}

/** Node fields a matchFields term can see: only `metadata.name` exists (absent fields read as ""). */
function fieldMatches(f: NodeSelectorRequirement, nodeName: string): boolean {
  const actual = f.key === 'metadata.name' ? nodeName : '';
  const want = f.values?.[0] ?? '';
  return f.operator === 'In' ? actual === want : actual !== want;
}

/** Whether one compiled term selects the node (empty or invalid terms select nothing). */
function termMatches(term: CompiledTerm, node: Node): boolean {
  if (term.empty || term.errors.length > 0) return false;
  const labels = node.metadata.labels ?? EMPTY_LABELS;
  for (const e of term.exprs) {
    if (!requirementMatches(e.requirement, labels)) return false;
  }
  const name = node.metadata.name;
  if (name.length === 0) return true;
  for (const f of term.fields) {
    if (!fieldMatches(f, name)) return false;
  }
  return true;
}

/** First failing piece of a term, or undefined when the term matches the node. */
function termFailure(term: CompiledTerm, node: Node): string | undefined {
  if (term.empty) return 'an empty term matches no node';
  if (term.errors.length > 0) return `invalid term: ${term.errors.join('; ')}`;
  const labels = node.metadata.labels ?? EMPTY_LABELS;
  for (const e of term.exprs) {
    if (!requirementMatches(e.requirement, labels)) return `${describeRequirement(e.source)} — ${describeLabel(e.source, labels)}`;
  }
  const name = node.metadata.name;
  if (name.length > 0) {
    for (const f of term.fields) {
      if (!fieldMatches(f, name)) return `${describeRequirement(f)} — node is named ${name}`;
    }
  }
  return undefined;
}

function describeRequirement(r: NodeSelectorRequirement): string {
  const values = r.values ?? [];
  if (r.operator === 'Exists' || r.operator === 'DoesNotExist') return `${r.key} ${r.operator}`;
  if (r.operator === 'Gt' || r.operator === 'Lt') return `${r.key} ${r.operator} ${values.join(', ')}`;
  return `${r.key} ${r.operator} [${values.join(', ')}]`;
}

function describeLabel(r: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): string {
  if (!Object.prototype.hasOwnProperty.call(labels, r.key)) return `node has no ${r.key} label`;
  const value = labels[r.key] ?? '';
  const notInteger = (r.operator === 'Gt' || r.operator === 'Lt') && parseInt64(value) === undefined;
  return `node has ${r.key}=${value}${notInteger ? ', not an integer' : ''}`;
}

function requiredSelector(affinity: Affinity | undefined): NodeSelector | undefined {
  return affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
}

/** Required node affinity: terms ORed, requirements within a term ANDed; none set matches every node. */
export function nodeMatchesRequiredAffinity(node: Node, affinity: Affinity | undefined): boolean {
  const selector = requiredSelector(affinity);
  if (selector === undefined) return true;
  for (const term of compile(selector)) {
    if (termMatches(term, node)) return true;
  }
  return false;
}

/** Why required node affinity rejects the node, term by term, or undefined when it matches. */
export function requiredAffinityMismatch(node: Node, affinity: Affinity | undefined): string | undefined {
  const selector = requiredSelector(affinity);
  if (selector === undefined) return undefined;
  const terms = compile(selector);
  if (terms.length === 0) return 'node affinity: nodeSelectorTerms is empty, which matches no node';
  const failures: string[] = [];
  for (const [i, term] of terms.entries()) {
    const failure = termFailure(term, node);
    if (failure === undefined) return undefined;
    failures.push(`term ${i + 1}: ${failure}`);
  }
  return `node affinity: no nodeSelectorTerm matches (${failures.join('; ')})`;
}
