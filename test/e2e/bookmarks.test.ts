import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { bootstrapCluster } from '../../src/sim/bootstrap.js';
import { ManualClock } from '../../src/sim/clock.js';
import { startApiServer } from '../../src/sim/apiserver/server.js';
import { generateSelfSigned } from '../../src/sim/apiserver/tls.js';
import { waitFor } from './harness.js';

describe('watch bookmarks', () => {
  it('sends BOOKMARK events with the current resourceVersion only to watches that allow them', async () => {
    const cluster = bootstrapCluster({ nodes: 1, clock: new ManualClock(Date.UTC(2026, 10, 25, 10, 0, 0)) });
    const tls = generateSelfSigned();
    const server = await startApiServer({ cluster, token: 't', tls, bookmarkIntervalMs: 20 });
    const rv = cluster.store.resourceVersion();
    const open = (extra: string) => {
      const state = { body: '' };
      const req = request(`${server.url}/api/v1/pods?watch=true&resourceVersion=${rv}${extra}`, { ca: tls.certPem, headers: { Authorization: 'Bearer t' } }, (res) => {
        res.on('data', (c: Buffer) => (state.body += c.toString()));
      });
      req.on('error', () => undefined);
      req.end();
      return state;
    };
    try {
      const withBookmarks = open('&allowWatchBookmarks=true');
      const without = open('');
      await waitFor(() => withBookmarks.body.includes('BOOKMARK'));
      const event = JSON.parse(withBookmarks.body.trim().split('\n')[0] ?? '{}') as { type: string; object: { kind: string; metadata: { resourceVersion: string } } };
      expect(event).toEqual({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: String(rv) } } });
      expect(without.body).toBe('');
    } finally {
      await server.close();
    }
  });
});
