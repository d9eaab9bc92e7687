import { describe, expect, it } from 'vitest';
import type { DaemonSet, Namespace, NewObject, Node, Pod } from '../../../src/cluster/types.js';
import { defaultDaemonSet, defaultNamespace, defaultNode, defaultPod, defaultPodTemplateSpec } from '../../../src/sim/strategy/defaults.js';

function ds(spec: Partial<DaemonSet['spec']> = {}): NewObject<DaemonSet> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'fluentd', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'fluentd' } },
      template: { metadata: { labels: { app: 'fluentd' } }, spec: { containers: [{ name: 'fluentd', image: 'fluentd:v1.16' }] } },
      ...spec,
    },
  };
}

describe('defaultDaemonSet', () => {
  it('fills the rolling update strategy, history limit and template defaults', () => {
    const out = defaultDaemonSet(ds());
    expect(out.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(out.spec.revisionHistoryLimit).toBe(10);
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'fluentd' }, creationTimestamp: null });
    expect(out.spec.template.spec).toEqual({
      containers: [
        {
          name: 'fluentd',
          image: 'fluentd:v1.16',
          imagePullPolicy: 'IfNotPresent',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
  });

  it.each([
    [{ type: 'OnDelete' as const }, { type: 'OnDelete' }],
    [{ type: 'RollingUpdate' as const, rollingUpdate: { maxUnavailable: '25%' } }, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 0 } }],
    [{ rollingUpdate: { maxSurge: 1 } }, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } }],
  ])('update strategy %j → %j', (strategy, expected) => {
    expect(defaultDaemonSet(ds({ updateStrategy: strategy })).spec.updateStrategy).toEqual(expected);
  });

  it('never mutates its input', () => {
    const input = ds();
    const copy = structuredClone(input);
    defaultDaemonSet(Object.freeze(input));
    expect(input).toEqual(copy);
  });
});

describe('container defaults', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['localhost:5000/agent', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
    ['registry.example.com:5000/team/agent:2.1', 'IfNotPresent'],
  ])('imagePullPolicy for %s is %s', (image, policy) => {
    const t = defaultPodTemplateSpec({ spec: { containers: [{ name: 'c', image }] } });
    expect(t.spec.containers[0]?.imagePullPolicy).toBe(policy);
  });

  it('keeps an explicit pull policy, defaults port protocol, canonicalises quantities', () => {
    const t = defaultPodTemplateSpec({
      spec: {
        containers: [
          {
            name: 'c',
            image: 'nginx',
            imagePullPolicy: 'Never',
            ports: [{ containerPort: 80 }],
            resources: { requests: { cpu: '0.5', memory: '1.5Gi' }, limits: { cpu: '1' } },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
          },
        ],
      },
    });
    const c = t.spec.containers[0];
    expect(c?.imagePullPolicy).toBe('Never');
    expect(c?.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c?.resources).toEqual({ requests: { cpu: '500m', memory: '1536Mi' }, limits: { cpu: '1' } });
    expect(c?.env?.[0]?.valueFrom?.fieldRef).toEqual({ fieldPath: 'spec.nodeName', apiVersion: 'v1' });
  });

  it('defaults volumes: hostPath type "" and configMap/secret defaultMode 420', () => {
    const t = defaultPodTemplateSpec({
      spec: {
        containers: [{ name: 'c', image: 'x:1' }],
        volumes: [
          { name: 'logs', hostPath: { path: '/var/log' } },
          { name: 'cfg', configMap: { name: 'cfg' } },
          { name: 'sec', secret: { secretName: 's' } },
        ],
      },
    });
    expect(t.spec.volumes).toEqual([
      { name: 'logs', hostPath: { path: '/var/log', type: '' } },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 's', defaultMode: 420 } },
    ]);
  });
});

describe('defaultPod', () => {
  const pod = (spec: Partial<Pod['spec']> = {}): NewObject<Pod> => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { limits: { cpu: '1', memory: '128Mi' } } }], ...spec },
    status: { phase: 'Pending' },
  });

  it('adds admission defaults and the 300s not-ready/unreachable tolerations', () => {
    const out = defaultPod(pod());
    expect(out.spec).toMatchObject({
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    expect(out.spec.containers[0]?.resources?.requests).toEqual({ cpu: '1', memory: '128Mi' });
    expect(out.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('does not add default tolerations a DaemonSet pod already has', () => {
    const tolerations = [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const, effect: 'NoExecute' as const },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoExecute' as const },
    ];
    expect(defaultPod(pod({ tolerations })).spec.tolerations).toEqual(tolerations);
  });

  it('gives system-node-critical its priority and mounts the API access volume when asked', () => {
    const out = defaultPod(pod({ priorityClassName: 'system-node-critical' }), { apiAccessVolumeSuffix: 'abcde' });
    expect(out.spec.priority).toBe(2000001000);
    expect(out.spec.volumes?.[0]?.name).toBe('kube-api-access-abcde');
    expect(out.spec.containers[0]?.volumeMounts).toEqual([
      { name: 'kube-api-access-abcde', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ]);
  });

  it('copies containerPort to hostPort on host-network pods', () => {
    const out = defaultPod(pod({ hostNetwork: true, containers: [{ name: 'c', image: 'x:1', ports: [{ containerPort: 9100 }] }] }));
    expect(out.spec.containers[0]?.ports).toEqual([{ containerPort: 9100, hostPort: 9100, protocol: 'TCP' }]);
  });
});

describe('defaultNode and defaultNamespace', () => {
  it('copies capacity to allocatable', () => {
    const node: NewObject<Node> = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {}, status: { capacity: { cpu: '2', memory: '0.5Gi' } } };
    expect(defaultNode(node).status.allocatable).toEqual({ cpu: '2', memory: '512Mi' });
  });

  it('adds the kubernetes finalizer, Active phase and metadata.name label', () => {
    const ns: NewObject<Namespace> = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'logging' } };
    expect(defaultNamespace(ns)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'logging', labels: { 'kubernetes.io/metadata.name': 'logging' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });
});
