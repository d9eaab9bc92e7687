import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'node:https';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { readFileSync } from 'node:fs';
import { startE2E, type E2E } from './harness.js';

interface Reply {
  status: number;
  body: { kind?: string; status?: string; reason?: string; code?: number; message?: string; metadata?: { resourceVersion?: string } };
}

/** One bad (or good) request and what the apiserver answers it with. */
interface Case {
  name: string;
  method: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  reason?: string;
}

const DS_PATH = '/apis/apps/v1/namespaces/default/daemonsets';
const dsBody = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
  ...extra,
});

describe('bad input and safety (plain HTTPS)', () => {
  let e: E2E;
  let token = '';
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const send = (c: Pick<Case, 'method' | 'path' | 'body' | 'headers'>, auth = `Bearer ${token}`): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { Accept: 'application/json', 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}), ...(c.headers ?? {}) };
      if (c.body !== undefined) headers['Content-Length'] = Buffer.byteLength(c.body);
      const req = request(`${e.server.url}${c.path}`, { method: c.method, agent, ca: e.tls.certPem, headers }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Reply['body'] });
          } catch {
            reject(new Error(`${c.method} ${c.path}: ${res.statusCode ?? 0} non-JSON body: ${text.slice(0, 200)}`));
          }
        });
      });
      req.on('error', reject);
      req.end(c.body);
    });

  beforeAll(async () => {
    e = await startE2E();
    token = /token: (\S+)/.exec(readFileSync(e.kubeconfig, 'utf8'))?.[1] ?? '';
    const created = await send({ method: 'POST', path: DS_PATH, body: dsBody('keeper') });
    expect(created.status).toBe(201);
    expect(e.until(() => e.cluster.store.get('DaemonSet', 'default', 'keeper')?.status?.numberReady === 3)).toBe(true);
  });
  afterAll(async () => {
    agent.destroy();
    await e.close();
  });

  it('answers a burst of hundreds of mixed requests with Status errors and leaves the store intact', async () => {
    const known = e.cluster.store.get('DaemonSet', 'default', 'keeper');
    const counts = () => ['Node', 'Pod', 'DaemonSet', 'ControllerRevision', 'Namespace'].map((k) => e.cluster.store.list(k as 'Pod').length);
    const before = counts();
    const stale = JSON.stringify({ ...JSON.parse(JSON.stringify(known)) as object, metadata: { ...known?.metadata, resourceVersion: '1' } });
    const bad: Case[] = [
      { name: 'malformed JSON', method: 'POST', path: DS_PATH, body: '{"apiVersion": "apps/v1", "kind": ', status: 400, reason: 'BadRequest' },
      { name: 'JSON that is not an object', method: 'POST', path: DS_PATH, body: '[1,2,3]', status: 400, reason: 'BadRequest' },
      { name: 'wrong kind', method: 'POST', path: DS_PATH, body: dsBody('x', { kind: 'Pod' }), status: 400, reason: 'BadRequest' },
      { name: 'wrong apiVersion', method: 'POST', path: DS_PATH, body: dsBody('x', { apiVersion: 'apps/v1beta2' }), status: 400, reason: 'BadRequest' },
      { name: 'unknown field (strict)', method: 'POST', path: `${DS_PATH}?fieldValidation=Strict`, body: dsBody('x', { spec: { tempalte: {} } }), status: 400, reason: 'BadRequest' },
      { name: 'invalid object', method: 'POST', path: DS_PATH, body: dsBody('Bad_Name'), status: 422, reason: 'Invalid' },
      { name: 'already exists', method: 'POST', path: DS_PATH, body: dsBody('keeper'), status: 409, reason: 'AlreadyExists' },
      { name: 'unknown resource', method: 'GET', path: '/api/v1/frobnicators', status: 404, reason: 'NotFound' },
      { name: 'unknown group', method: 'GET', path: '/apis/evil.example.com/v1/things', status: 404, reason: 'NotFound' },
      { name: 'missing object', method: 'GET', path: `${DS_PATH}/nope`, status: 404, reason: 'NotFound' },
      { name: 'bad label selector', method: 'GET', path: '/api/v1/pods?labelSelector=app+in+(', status: 400, reason: 'BadRequest' },
      { name: 'bad field selector', method: 'GET', path: '/api/v1/pods?fieldSelector=spec.foo%3Dbar', status: 400, reason: 'BadRequest' },
      { name: 'dot segments', method: 'GET', path: '/api/v1/namespaces/../../x', status: 404, reason: 'NotFound' },
      { name: 'encoded dot segments', method: 'DELETE', path: `${DS_PATH}/%2e%2e/%2e%2e/keeper`, status: 404, reason: 'NotFound' },
      { name: 'encoded slash in a name', method: 'DELETE', path: '/apis/apps/v1/namespaces/default/daemonsets/keeper%2Fx', status: 404, reason: 'NotFound' },
      { name: 'encoded slash in a namespace', method: 'GET', path: '/apis/apps/v1/namespaces/default%2Fdaemonsets/daemonsets/keeper', status: 404, reason: 'NotFound' },
      { name: 'oversized body', method: 'POST', path: DS_PATH, body: Buffer.alloc(3 * 1024 * 1024 + 10, 0x20), status: 413, reason: 'RequestEntityTooLarge' },
      { name: 'unsupported patch type', method: 'PATCH', path: `${DS_PATH}/keeper`, body: '{"metadata":{"labels":{"x":"y"}}}', headers: { 'Content-Type': 'text/plain' }, status: 415, reason: 'UnsupportedMediaType' },
      { name: 'bad JSON patch', method: 'PATCH', path: `${DS_PATH}/keeper`, body: '[{"op":"remove","path":"/spec/nope"}]', headers: { 'Content-Type': 'application/json-patch+json' }, status: 422, reason: 'Invalid' },
      { name: 'stale resourceVersion', method: 'PUT', path: `${DS_PATH}/keeper`, body: stale, status: 409, reason: 'Conflict' },
      { name: 'name mismatch on PUT', method: 'PUT', path: `${DS_PATH}/other`, body: dsBody('keeper'), status: 400, reason: 'BadRequest' },
      { name: 'unsupported content type on POST', method: 'POST', path: DS_PATH, body: dsBody('x'), headers: { 'Content-Type': 'text/plain' }, status: 415, reason: 'UnsupportedMediaType' },
      { name: 'malformed YAML', method: 'POST', path: DS_PATH, body: 'apiVersion: apps/v1\nkind: [', headers: { 'Content-Type': 'application/yaml' }, status: 400, reason: 'BadRequest' },
      { name: 'YAML of the wrong kind', method: 'POST', path: DS_PATH, body: 'apiVersion: v1\nkind: Pod\nmetadata: {name: y}\n', headers: { 'Content-Type': 'application/yaml' }, status: 400, reason: 'BadRequest' },
      { name: 'wrong field type', method: 'POST', path: DS_PATH, body: dsBody('x', { spec: 1 }), status: 400, reason: 'BadRequest' },
      { name: 'wrong nested type', method: 'POST', path: DS_PATH, body: dsBody('x', { metadata: { name: 'x', labels: { a: 1 } } }), status: 400, reason: 'BadRequest' },
      { name: 'missing spec', method: 'POST', path: DS_PATH, body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x' } }), status: 422, reason: 'Invalid' },
      { name: 'pod without spec', method: 'POST', path: '/api/v1/namespaces/default/pods', body: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}', status: 422, reason: 'Invalid' },
      { name: 'pathologically deep JSON', method: 'POST', path: DS_PATH, body: `{"metadata":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`, status: 400, reason: 'BadRequest' },
      { name: 'patch that drops metadata', method: 'PATCH', path: `${DS_PATH}/keeper`, body: '{"metadata":null}', headers: { 'Content-Type': 'application/merge-patch+json' }, status: 400, reason: 'BadRequest' },
      { name: 'malformed DeleteOptions', method: 'DELETE', path: `${DS_PATH}/keeper`, body: '{"propagationPolicy":', status: 400, reason: 'BadRequest' },
      { name: 'malformed percent-encoding', method: 'DELETE', path: '/apis/apps/v1/namespaces/%ZZ/daemonsets/keeper', status: 404, reason: 'NotFound' },
      { name: 'method not allowed', method: 'POST', path: `${DS_PATH}/keeper`, body: '{}', status: 405, reason: 'MethodNotAllowed' },
      { name: 'immutable selector', method: 'PATCH', path: `${DS_PATH}/keeper`, body: '{"spec":{"selector":{"matchLabels":{"app":"other"}}}}', headers: { 'Content-Type': 'application/merge-patch+json' }, status: 422, reason: 'Invalid' },
    ];
    const good: Case[] = [
      { name: 'list nodes', method: 'GET', path: '/api/v1/nodes', status: 200 },
      { name: 'get ds', method: 'GET', path: `${DS_PATH}/keeper`, status: 200 },
      { name: 'list pods by label', method: 'GET', path: '/api/v1/namespaces/default/pods?labelSelector=app%3Dkeeper', status: 200 },
    ];
    const burst: { c: Case; auth?: string }[] = [];
    for (let i = 0; i < 12; i++) {
      for (const c of bad) burst.push({ c });
      for (const c of good) burst.push({ c });
      burst.push({ c: { name: 'no token', method: 'GET', path: '/api/v1/nodes', status: 401, reason: 'Unauthorized' }, auth: '' });
      burst.push({ c: { name: 'wrong token', method: 'DELETE', path: `${DS_PATH}/keeper`, status: 401, reason: 'Unauthorized' }, auth: `Bearer ${token}x` });
    }
    expect(burst.length).toBeGreaterThan(300);
    const replies = await Promise.all(burst.map(({ c, auth }) => send(c, auth ?? `Bearer ${token}`).then((r) => ({ c, r }))));
    const wrong = replies.filter(({ c, r }) => r.status !== c.status || (c.reason !== undefined && (r.body.kind !== 'Status' || r.body.reason !== c.reason || r.body.code !== c.status)));
    expect(wrong.map(({ c, r }) => `${c.name}: ${r.status} ${r.body.reason ?? ''} ${r.body.message ?? ''}`)).toEqual([]);
    expect(counts()).toEqual(before);
    expect(e.cluster.store.get('DaemonSet', 'default', 'keeper')).toEqual(known);
    const after = await send({ method: 'GET', path: `${DS_PATH}/keeper` });
    expect(after.status).toBe(200);
    expect(after.body.metadata?.resourceVersion).toBe(known?.metadata.resourceVersion);
  });

  it('listens on the loopback interface only', async () => {
    expect(new URL(e.server.url).hostname).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address;
    for (const host of [external, '127.0.0.2'].filter((h): h is string => h !== undefined)) {
      const outcome = await new Promise<string>((resolve) => {
        const s = connect({ host, port: e.server.port }, () => { s.destroy(); resolve('connected'); });
        s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(`${host}: ${outcome}`).toBe(`${host}: ECONNREFUSED`);
    }
  });
});
