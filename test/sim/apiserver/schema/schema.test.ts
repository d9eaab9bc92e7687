import { describe, expect, it } from 'vitest';
import {
  fieldAt,
  findUnknownFields,
  patchFactFor,
  schemaFor,
  strictDecodingMessage,
  typeDef,
} from '../../../../src/sim/apiserver/schema/index.js';

const ds = (spec: unknown, extra: Record<string, unknown> = {}): unknown => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'x', labels: { app: 'x' } },
  spec,
  ...extra,
});

describe('findUnknownFields', () => {
  const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
  it('accepts a valid DaemonSet', () => {
    expect(findUnknownFields('DaemonSet', ds({ selector: { matchLabels: { app: 'x' } }, template }))).toStrictEqual([]);
  });
  it('reports typos with the apiserver path format', () => {
    const spec = { selector: {}, tempalte: {}, template: { spec: { containers: [{ name: 'a' }, { name: 'b', imagee: 'x' }] } } };
    expect(findUnknownFields('DaemonSet', ds(spec))).toStrictEqual(['spec.tempalte', 'spec.template.spec.containers[1].imagee']);
  });
  it('checks metadata and status too', () => {
    const obj = ds({ template }, { metadata: { name: 'x', lables: {} }, status: { numberReadyy: 1 } });
    expect(findUnknownFields('DaemonSet', obj)).toStrictEqual(['metadata.lables', 'status.numberReadyy']);
  });
  it('knows apiVersion and kind, and free-form maps and RawExtension', () => {
    const cr = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { annotations: { anything: 'x' } }, revision: 1, data: { spec: { anything: true } } };
    expect(findUnknownFields('ControllerRevision', cr)).toStrictEqual([]);
  });
  it('is case-sensitive like the strict decoder', () => {
    expect(findUnknownFields('Node', { spec: { Unschedulable: true } })).toStrictEqual(['spec.Unschedulable']);
  });
  it('walks taints, tolerations, affinity, resources and env', () => {
    const pod = {
      spec: {
        tolerations: [{ key: 'k', operator: 'Exists', effekt: 'NoSchedule' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'In', value: ['x'] }] }] } } },
        containers: [{ name: 'c', resources: { limits: { cpu: '1' } }, env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' }, x: 1 } }] }],
      },
    };
    expect(findUnknownFields('Pod', pod)).toStrictEqual([
      'spec.tolerations[0].effekt',
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].value',
      'spec.containers[0].env[0].valueFrom.x',
    ]);
  });
  it('checks Eviction bodies including deleteOptions', () => {
    const ev = { kind: 'Eviction', apiVersion: 'policy/v1', metadata: { name: 'p', creationTimestamp: null }, deleteOptions: { gracePeriodSeconds: 5, grace: 1 } };
    expect(findUnknownFields('Eviction', ev)).toStrictEqual(['deleteOptions.grace']);
  });
  it('returns [] for kinds it does not model and non-objects', () => {
    expect(findUnknownFields('Widget', { foo: 1 })).toStrictEqual([]);
    expect(findUnknownFields('Pod', 'nope')).toStrictEqual([]);
  });
  it('formats the strict decoding error', () => {
    expect(strictDecodingMessage(['spec.a', 'spec.b'])).toBe('strict decoding error: unknown field "spec.a", unknown field "spec.b"');
  });
});

describe('registry lookups', () => {
  it('maps kinds to GVK and canonical type names', () => {
    expect(schemaFor('DaemonSet')).toMatchObject({ group: 'apps', version: 'v1', typeName: 'io.k8s.api.apps.v1.DaemonSet' });
    expect(schemaFor('Event')?.typeName).toBe('io.k8s.api.core.v1.Event');
    expect(schemaFor('Lease')?.group).toBe('coordination.k8s.io');
    expect(schemaFor('Nope')).toBeUndefined();
  });
  it('carries descriptions, required flags and formats', () => {
    expect(fieldAt('io.k8s.api.apps.v1.DaemonSetSpec', 'updateStrategy')?.description).toBe('An update strategy to replace existing DaemonSet pods with new pods.');
    expect(fieldAt('io.k8s.api.apps.v1.DaemonSetSpec', 'selector')?.required).toBe(true);
    expect(fieldAt('io.k8s.api.apps.v1.RollingUpdateDaemonSet', 'maxSurge')?.type).toStrictEqual({ ref: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString' });
    expect(fieldAt('io.k8s.api.core.v1.ResourceRequirements', 'limits')?.type).toStrictEqual({ values: { ref: 'io.k8s.apimachinery.pkg.api.resource.Quantity' } });
    expect(fieldAt('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'creationTimestamp')?.type).toStrictEqual({ ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time' });
    expect(typeDef('io.k8s.apimachinery.pkg.util.intstr.IntOrString')?.leaf).toBe('intOrString');
  });
  it('knows patch merge keys and strategies', () => {
    expect(patchFactFor('io.k8s.api.core.v1.PodSpec', 'containers')).toStrictEqual({ strategy: 'merge', mergeKey: 'name' });
    expect(patchFactFor('io.k8s.api.core.v1.PodSpec', 'volumes')).toStrictEqual({ strategy: 'merge,retainKeys', mergeKey: 'name' });
    expect(patchFactFor('io.k8s.api.core.v1.Container', 'volumeMounts')?.mergeKey).toBe('mountPath');
    expect(patchFactFor('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers')).toStrictEqual({ strategy: 'merge' });
    expect(patchFactFor('io.k8s.api.core.v1.PodSpec', 'tolerations')).toBeUndefined();
    expect(patchFactFor('io.k8s.api.core.v1.NodeSpec', 'taints')).toBeUndefined();
  });
});
