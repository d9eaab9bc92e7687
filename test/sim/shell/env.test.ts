import { describe, expect, it } from 'vitest';
import type { Container } from '../../../src/cluster/types.js';
import { expandKubeRefs, resolveEnv, type PodFields } from '../../../src/sim/shell/index.js';

const pod: PodFields = {
  podName: 'fluentd-x7k2p', namespace: 'logging', uid: '0b9c6f7e-1111-4222-8333-444455556666', nodeName: 'worker-1',
  podIP: '10.244.1.7', hostIP: '172.18.0.3', serviceAccountName: 'fluentd', labels: { app: 'fluentd' },
  annotations: { team: 'obs' }, nodeAllocatable: { cpu: '4', memory: '8Gi' },
};

function container(env: Container['env'], resources?: Container['resources']): Container {
  return { name: 'c', image: 'busybox', env, ...(resources ? { resources } : {}) };
}

describe('expandKubeRefs follows kubelet rules', () => {
  it.each([
    ['$(A)-$(B)', 'a-$(B)'], ['$$(A)', '$(A)'], ['$$', '$'], ['$A', '$A'], ['$(A', '$(A'], ['x$', 'x$'],
  ])('%s → %s', (input, out) => {
    expect(expandKubeRefs(input, { A: 'a' })).toBe(out);
  });
});

describe('resolveEnv', () => {
  it('reads the downward API', () => {
    const r = resolveEnv(container([
      { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
      { name: 'SA', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
      { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
      { name: 'TEAM', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['team']" } } },
      { name: 'UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
    ]), pod);
    expect(r).toMatchObject({ ok: true, env: {
      NODE_NAME: 'worker-1', POD_NAME: 'fluentd-x7k2p', POD_NAMESPACE: 'logging', POD_IP: '10.244.1.7', HOST_IP: '172.18.0.3',
      SA: 'fluentd', APP: 'fluentd', TEAM: 'obs', UID: pod.uid,
    } });
  });

  it('expands $(VAR) only from earlier variables and the service variables', () => {
    const r = resolveEnv(container([
      { name: 'LATER_REF', value: '$(NODE)' },
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'URL', value: 'http://$(NODE):9100/$(KUBERNETES_SERVICE_HOST)' },
      { name: 'ESCAPED', value: '$$(NODE)' },
    ]), pod);
    expect(r.ok && r.env).toMatchObject({ LATER_REF: '$(NODE)', URL: 'http://worker-1:9100/10.96.0.1', ESCAPED: '$(NODE)' });
  });

  it('puts container variables first, then the kubernetes service variables', () => {
    const r = resolveEnv(container([{ name: 'A', value: '1' }, { name: 'KUBERNETES_SERVICE_PORT', value: '6443' }]), pod);
    if (!r.ok) throw new Error('env');
    expect(Object.keys(r.env).slice(0, 3)).toEqual(['A', 'KUBERNETES_SERVICE_PORT', 'KUBERNETES_SERVICE_HOST']);
    expect(r.env.KUBERNETES_SERVICE_PORT).toBe('6443');
    expect(r.env.KUBERNETES_PORT).toBe('tcp://10.96.0.1:443');
  });

  it('resolves resourceFieldRef with divisors and the node allocatable as default limit', () => {
    const r = resolveEnv(container([
      { name: 'CPU_REQ_M', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
      { name: 'MEM_LIM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      { name: 'CPU_LIM', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
    ], { requests: { cpu: '250m' }, limits: { memory: '200Mi' } }), pod);
    expect(r.ok && r.env).toMatchObject({ CPU_REQ_M: '250', MEM_LIM_MI: '200', CPU_LIM: '4' });
  });

  it.each([
    [{ configMapKeyRef: { name: 'cfg', key: 'level' } }, {}, 'configmap "cfg" not found'],
    [{ configMapKeyRef: { name: 'cfg', key: 'nope' } }, { configMaps: { cfg: { level: 'debug' } } }, "couldn't find key nope in ConfigMap logging/cfg"],
    [{ secretKeyRef: { name: 'token', key: 'value' } }, {}, 'secret "token" not found'],
  ])('fails with CreateContainerConfigError: %j', (valueFrom, sources, message) => {
    expect(resolveEnv(container([{ name: 'X', valueFrom }]), pod, sources)).toEqual({ ok: false, reason: 'CreateContainerConfigError', message });
  });

  it('reads ConfigMap keys and skips optional missing ones', () => {
    const r = resolveEnv(container([
      { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'level' } } },
      { name: 'OPT', valueFrom: { secretKeyRef: { name: 'none', key: 'x', optional: true } } },
    ]), pod, { configMaps: { cfg: { level: 'debug' } } });
    expect(r.ok && r.env.LEVEL).toBe('debug');
    expect(r.ok && 'OPT' in r.env).toBe(false);
  });
});
