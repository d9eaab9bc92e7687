import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { startE2E, waitFor } from './harness.js';

describe('watch streams across a checkpoint restore', () => {
  it('ends an open watch with 410 Expired when the cluster is rewound, so clients re-list', async () => {
    const e = await startE2E({ nodes: 1 });
    try {
      const cp = e.cluster.checkpoint();
      const rv = e.cluster.store.resourceVersion();
      let body = '';
      let ended = false;
      const token = /token: (\S+)/.exec(readFileSync(e.kubeconfig, 'utf8'))?.[1] ?? '';
      request(`${e.server.url}/api/v1/pods?watch=true&resourceVersion=${rv}`, { ca: e.tls.certPem, headers: { Authorization: `Bearer ${token}` } }, (res) => {
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => (ended = true));
      }).end();
      e.cluster.store.create({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'a', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'nginx:1.27' }] } } } } as never);
      e.cluster.settle();
      await waitFor(() => body.includes('"ADDED"'));
      e.cluster.restore(cp);
      await waitFor(() => ended);
      const last = JSON.parse(body.trim().split('\n').pop() ?? '{}') as { type: string; object: { code: number; reason: string } };
      expect(last.type).toBe('ERROR');
      expect(last.object).toMatchObject({ code: 410, reason: 'Expired' });
      expect(e.cluster.store.list('Pod')).toHaveLength(0);
    } finally {
      await e.close();
    }
  });
});
