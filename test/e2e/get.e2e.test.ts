import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:https';
import { kubectlAvailable, startE2E, type E2E } from './harness.js';

function getJson(url: string, ca: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    request(url, { ca, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    })
      .on('error', reject)
      .end();
  });
}

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  labels: {team: infra}
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      containers:
        - name: agent
          image: nginx:1.27
`;

describe.runIf(kubectlAvailable())('kubectl get against the simulator', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
    const applied = await e.kubectl(['apply', '-f', e.file('ds.yaml', DS)]);
    expect(applied.stderr).toBe('');
    expect(applied.stdout.trim()).toBe('daemonset.apps/node-agent created');
    expect(e.until(() => e.cluster.store.get('DaemonSet', 'default', 'node-agent')?.status?.numberReady === 3)).toBe(true);
  });
  afterAll(async () => {
    await e.close();
  });

  it('reports the server version kubectl selects its binary by', async () => {
    const r = await e.kubectl(['version', '-o', 'json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as { serverVersion: { major: string; minor: string } };
    expect(v.serverVersion).toMatchObject({ major: '1', minor: '32' });
  });

  it('lists nodes with the columns a kind cluster shows', async () => {
    const r = await e.kubectl(['get', 'nodes']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(lines[1]).toMatch(/^control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.\d+$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
  });

  it('prints the DaemonSet columns, wide columns and pods per node', async () => {
    const ds = await e.kubectl(['get', 'ds', '-o', 'wide']);
    expect(ds.stdout).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\n/);
    expect(ds.stdout).toMatch(/node-agent\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\S+\s+agent\s+nginx:1\.27\s+app=node-agent/);
    const pods = await e.kubectl(['get', 'pods', '-o', 'wide', '-l', 'app=node-agent']);
    expect(pods.code).toBe(0);
    const rows = pods.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^node-agent-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+worker-\d/);
  });

  it('supports -o json, yaml, name and jsonpath', async () => {
    const json = JSON.parse((await e.kubectl(['get', 'ds', 'node-agent', '-o', 'json'])).stdout) as { metadata: { generation: number }; spec: { updateStrategy: unknown } };
    expect(json.metadata.generation).toBe(1);
    expect(json.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    const yaml = (await e.kubectl(['get', 'ds', 'node-agent', '-o', 'yaml'])).stdout;
    expect(yaml).toContain('deprecated.daemonset.template.generation: "1"');
    expect(yaml).toContain('kubectl.kubernetes.io/last-applied-configuration');
    const names = (await e.kubectl(['get', 'pods', '-o', 'name'])).stdout.trim().split('\n');
    expect(names).toHaveLength(3);
    expect(names[0]).toMatch(/^pod\/node-agent-/);
    const nodes = (await e.kubectl(['get', 'pods', '-o', 'jsonpath={.items[*].spec.nodeName}'])).stdout.split(' ').sort();
    expect(nodes).toEqual(['worker-1', 'worker-2', 'worker-3']);
  });

  it('filters with field selectors and shows all namespaces', async () => {
    const one = await e.kubectl(['get', 'pods', '--field-selector', 'spec.nodeName=worker-2', '-o', 'name']);
    expect(one.stdout.trim().split('\n')).toHaveLength(1);
    const all = await e.kubectl(['get', 'ds', '-A']);
    expect(all.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+DESIRED/);
    const bad = await e.kubectl(['get', 'pods', '--field-selector', 'spec.foo=bar']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('field label not supported: spec.foo');
  });

  it('answers unknown objects and resource types the way a real server does', async () => {
    const missing = await e.kubectl(['get', 'ds', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): daemonsets.apps "nope" not found');
    const unknown = await e.kubectl(['get', 'frobnicators']);
    expect(unknown.stderr).toContain('the server doesn\'t have a resource type "frobnicators"');
    const empty = await e.kubectl(['get', 'pods', '-n', 'kube-public']);
    expect(empty.stdout).toBe('');
    expect(empty.stderr.trim()).toBe('No resources found in kube-public namespace.');
  });

  it('refuses requests without the token or with a wrong one', async () => {
    for (const headers of [{}, { Authorization: 'Bearer wrong' }] as Record<string, string>[]) {
      const r = await getJson(`${e.server.url}/api/v1/nodes`, e.tls.certPem, headers);
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    }
  });
});
