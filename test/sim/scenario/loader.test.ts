import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, buildNodes, listBuiltinScenarios, loadScenario, parseScenario, scenarioObjects } from '../../../src/sim/scenario/index.js';

function errorOf(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

const HEAD = 'version: 1\ndescription: test\n';

describe('built-in scenarios', () => {
  it('lists and loads every shipped scenario', () => {
    const names = listBuiltinScenarios();
    expect(names).toEqual(expect.arrayContaining(['default', 'mixed-hardware', 'node-logger']));
    for (const name of names) expect(() => loadScenario(name)).not.toThrow();
  });

  it('default is one tainted control plane and three workers', () => {
    const nodes = buildNodes(loadScenario('default'), '2025-01-01T00:00:00Z');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(nodes[0]?.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(nodes.slice(1).every((n) => n.spec.taints === undefined)).toBe(true);
  });

  it('mixed-hardware has a tainted GPU node and a small node', () => {
    const nodes = buildNodes(loadScenario('mixed-hardware'), 'T');
    const gpu = nodes.find((n) => n.metadata.labels?.['gpu'] === 'true');
    expect(gpu?.spec.taints).toEqual([{ key: 'gpu', value: 'true', effect: 'NoSchedule' }]);
    const small = nodes.find((n) => n.metadata.name === 'worker-small-1');
    expect(small?.status.capacity).toMatchObject({ cpu: '1', memory: '1Gi', pods: '20' });
    expect(small?.status.allocatable).toEqual(small?.status.capacity);
  });

  it('node-logger ships a DaemonSet object with its namespace filled in', () => {
    const objects = scenarioObjects(loadScenario('node-logger'));
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({ kind: 'DaemonSet', metadata: { name: 'node-logger', namespace: 'default' } });
  });

  it('loads a scenario by path and names unknown built-ins', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scn-'));
    const file = path.join(dir, 'mine.yaml');
    writeFileSync(file, `${HEAD}nodes:\n  - name: solo\n    role: control-plane\n    taints: []\n`);
    expect(buildNodes(loadScenario(file), 'T')[0]?.spec.taints).toBeUndefined();
    expect(errorOf(() => loadScenario('nope')).message).toMatch(/^scenario "nope": unknown scenario; built-in scenarios: .*default/);
  });
});

describe('bad scenario files', () => {
  it('reports YAML syntax errors with the line', () => {
    const err = errorOf(() => parseScenario(`${HEAD}nodes:\n  - name: a\n   role: worker\n`, 'bad.yaml'));
    expect(err.line).toBe(5);
    expect(err.message).toMatch(/^bad\.yaml:5: YAML syntax error: /);
  });

  it('rejects unknown keys', () => {
    const err = errorOf(() => parseScenario(`${HEAD}nodes:\n  - name: a\n    taint: []\n`, 'typo.yaml'));
    expect(err.message).toBe('typo.yaml: nodes[0]: Unrecognized key: "taint"');
  });

  it('rejects unknown top-level keys', () => {
    const err = errorOf(() => parseScenario(`${HEAD}node: []\nnodes:\n  - name: a\n`, 'typo.yaml'));
    expect(err.message).toBe('typo.yaml: Unrecognized key: "node"');
  });

  it('reports a bad enum with its field path', () => {
    const text = `${HEAD}nodes:\n  - name: a\n  - name: b\n  - name: c\n    taints:\n      - key: gpu\n        effect: NoSchedul\n`;
    expect(errorOf(() => parseScenario(text, 'enum.yaml')).message).toBe(
      'enum.yaml: nodes[2].taints[0].effect: Invalid option: expected one of "NoSchedule"|"PreferNoSchedule"|"NoExecute"',
    );
  });

  it('reports a bad generator field on the generator branch', () => {
    const text = `${HEAD}nodes:\n  - count: two\n    namePrefix: w-\n`;
    expect(errorOf(() => parseScenario(text, 'gen.yaml')).message).toBe('gen.yaml: nodes[0].count: Invalid input: expected number, received string');
  });

  it('validates object manifests with apiserver messages', () => {
    const text = `${HEAD}nodes:
  - name: a
objects:
  - apiVersion: v1
    kind: Namespace
    metadata: {name: logging}
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: ok, namespace: logging}
    spec:
      selector: {matchLabels: {app: ok}}
      template:
        metadata: {labels: {app: ok}}
        spec: {containers: [{name: c, image: busybox}]}
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: bad}
    spec:
      selector: {matchLabels: {app: one}}
      template:
        metadata: {labels: {app: two}}
        spec: {containers: [{name: c, image: busybox}]}
`;
    expect(errorOf(() => parseScenario(text, 'obj.yaml')).message).toBe(
      'obj.yaml: objects[2].spec.template.metadata.labels: Invalid value: map[string]string{"app":"two"}: `selector` does not match template `labels`',
    );
  });

  it('rejects objects in unknown namespaces, unsupported kinds and duplicate nodes', () => {
    const text = `${HEAD}nodes:
  - name: a1
  - count: 1
    namePrefix: a
objects:
  - {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: ghost}, spec: {containers: [{name: c, image: x}]}}
  - {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}}
`;
    expect(errorOf(() => parseScenario(text, 'x.yaml')).issues).toEqual([
      'nodes: Duplicate value: "a1"',
      'objects[0].metadata.namespace: Not found: "ghost": add it to `namespaces`',
      'objects[1].kind: Unsupported value: "Deployment": supported values: "DaemonSet", "Pod", "Namespace"',
    ]);
  });

  it('rejects quantities that do not parse', () => {
    const text = `${HEAD}nodes:\n  - name: a\n    capacity: {memory: 8GB}\n`;
    expect(errorOf(() => parseScenario(text, 'q.yaml')).message).toBe('q.yaml: nodes[0].capacity.memory: not a Kubernetes quantity (e.g. "4", "500m", "8Gi")');
  });
});
