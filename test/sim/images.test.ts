import { describe, expect, it } from 'vitest';
import {
  CATALOG, decidePull, defaultPullPolicy, goDuration, parseImageRef, pulledMessage, pullFailedMessage, resolvePull,
  type ImageOverride,
} from '../../src/sim/images.js';

describe('parseImageRef normalises like containerd', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', 'latest', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', 'docker.io/library/nginx:1.27'],
    ['fluent/fluent-bit:3.0', 'docker.io', 'fluent/fluent-bit', '3.0', 'docker.io/fluent/fluent-bit:3.0'],
    ['registry.k8s.io/pause:3.9', 'registry.k8s.io', 'pause', '3.9', 'registry.k8s.io/pause:3.9'],
    ['quay.io/prometheus/node-exporter:v1.8.2', 'quay.io', 'prometheus/node-exporter', 'v1.8.2', 'quay.io/prometheus/node-exporter:v1.8.2'],
    ['index.docker.io/library/busybox', 'docker.io', 'library/busybox', 'latest', 'docker.io/library/busybox:latest'],
    ['localhost:5000/agent:dev', 'localhost:5000', 'agent', 'dev', 'localhost:5000/agent:dev'],
  ])('%s', (image, registry, repository, tag, canonical) => {
    expect(parseImageRef(image)).toMatchObject({ ok: true, registry, repository, tag, canonical });
  });

  it('keeps a digest and adds no default tag', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseImageRef(`nginx@${digest}`)).toMatchObject({ ok: true, tag: undefined, digest, canonical: `docker.io/library/nginx@${digest}` });
  });

  it.each([
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['nginx:', 'invalid reference format'],
    ['https://harbor.example.com/app:1', 'invalid reference format'],
    ['nginx@sha256:abc', 'invalid reference format'],
    [`nginx@sha256:${'a'.repeat(63)}0a`, 'invalid checksum digest length'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
  ])('refuses %s with kubelet\'s InvalidImageName text', (image, detail) => {
    expect(parseImageRef(image)).toEqual({
      ok: false, reason: 'InvalidImageName',
      message: `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${detail}`,
    });
  });
});

describe('resolvePull', () => {
  it('pulls catalog images with deterministic size, id and duration', () => {
    const a = resolvePull('nginx:1.27');
    const b = resolvePull('nginx:1.27');
    expect(a).toEqual(b);
    if (!a.ok) throw new Error('expected a pull');
    expect(a.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(a.size).toBeGreaterThan(60_000_000);
    expect(a.size).toBeLessThan(85_000_000);
    expect(a.pullMs).toBeGreaterThanOrEqual(500);
    expect(a.pullMs).toBeLessThanOrEqual(3200);
    const other = resolvePull('nginx:1.26');
    expect(other.ok && other.imageID).not.toBe(a.imageID);
  });

  it('uses the digest of a pinned reference as imageID', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    expect(resolvePull(`busybox@${digest}`)).toMatchObject({ ok: true, imageID: `docker.io/library/busybox@${digest}` });
  });

  it('is quick when the node already has the layers', () => {
    const r = resolvePull('busybox:1.36', [], true);
    expect(r.ok && r.pullMs).toBeLessThan(600);
  });

  it.each([
    ['nginxx:1.0', [], 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:1.0": failed to resolve reference "docker.io/library/nginxx:1.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'],
    ['nginx:1.99', [{ image: 'nginx:1.99', pull: 'not-found' }], 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found'],
    ['registry.k8s.io/nope:1', [], 'rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/nope:1": failed to resolve reference "registry.k8s.io/nope:1": registry.k8s.io/nope:1: not found'],
    ['example.com/acme/agent:2', [], 'rpc error: code = Unknown desc = failed to pull and unpack image "example.com/acme/agent:2": failed to resolve reference "example.com/acme/agent:2": failed to do request: Head "https://example.com/v2/acme/agent/manifests/2": dial tcp: lookup example.com: no such host'],
  ] as [string, ImageOverride[], string][])('fails %s with the CRI message', (image, overrides, message) => {
    expect(resolvePull(image, overrides)).toEqual({ ok: false, reason: 'ErrImagePull', message });
  });

  it('reports InvalidImageName without contacting a registry', () => {
    expect(resolvePull('Nginx')).toMatchObject({ ok: false, reason: 'InvalidImageName' });
  });

  it('lets a scenario declare a private repository with its own size and behaviour', () => {
    const overrides: ImageOverride[] = [{ repository: 'example.com/acme/agent', size: 12_345_678, behaviour: { userland: 'none', entrypoint: ['/agent'], programs: { agent: 'echo ready; sleep infinity' } } }];
    const r = resolvePull('example.com/acme/agent:2', overrides);
    expect(r).toMatchObject({ ok: true, size: 12_345_678 });
    expect(r.ok && r.behaviour.entrypoint).toEqual(['/agent']);
  });

  it('an exact image override beats the catalog and a repository override', () => {
    expect(resolvePull('docker.io/library/nginx:1.99', [{ image: 'nginx:1.99', pull: 'not-found' }]).ok).toBe(false);
    expect(resolvePull('nginx:1.98', [{ image: 'nginx:1.99', pull: 'not-found' }]).ok).toBe(true);
  });

  it('knows every image of the brief', () => {
    for (const name of ['docker.io/library/nginx', 'docker.io/library/busybox', 'docker.io/fluent/fluent-bit', 'cr.fluentbit.io/fluent/fluent-bit',
      'quay.io/prometheus/node-exporter', 'registry.k8s.io/pause', 'registry.k8s.io/e2e-test-images/agnhost', 'docker.io/datadog/agent',
      'docker.io/grafana/promtail', 'docker.io/grafana/alloy', 'docker.io/calico/node', 'registry.k8s.io/kube-proxy',
      'docker.elastic.co/beats/filebeat', 'docker.io/otel/opentelemetry-collector-contrib', 'docker.io/falcosecurity/falco']) {
      expect(CATALOG.has(name), name).toBe(true);
    }
  });
});

describe('pull policy', () => {
  it.each([
    ['nginx', 'Always'], ['nginx:latest', 'Always'], ['nginx:1.27', 'IfNotPresent'], [`nginx@sha256:${'c'.repeat(64)}`, 'IfNotPresent'],
  ])('defaults %s to %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it.each([
    ['nginx:1.27', undefined, true, { action: 'present', message: 'Container image "nginx:1.27" already present on machine' }],
    ['nginx:1.27', undefined, false, { action: 'pull', cached: false }],
    ['nginx', undefined, true, { action: 'pull', cached: true }],
    ['nginx:1.27', 'Never', false, { action: 'never', reason: 'ErrImageNeverPull', message: 'Container image "nginx:1.27" is not present with pull policy of Never' }],
    ['nginx:1.27', 'Never', true, { action: 'present', message: 'Container image "nginx:1.27" already present on machine' }],
  ] as const)('%s policy=%s present=%s', (image, policy, present, decision) => {
    expect(decidePull(image, policy, present)).toEqual(decision);
  });
});

describe('event texts', () => {
  it.each([[512, '512ms'], [1000, '1s'], [2150, '2.15s'], [65_500, '1m5.5s']])('goDuration(%d) = %s', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });

  it('formats Pulled and Failed like kubelet', () => {
    expect(pulledMessage('nginx:1.27', 2150, 72_000_000)).toBe('Successfully pulled image "nginx:1.27" in 2.15s (2.15s including waiting). Image size: 72000000 bytes.');
    const f = resolvePull('nginxx:1.0');
    if (f.ok) throw new Error('expected failure');
    expect(pullFailedMessage('nginxx:1.0', f)).toMatch(/^Failed to pull image "nginxx:1\.0": rpc error: code = Unknown desc = failed to pull and unpack image/);
  });
});
