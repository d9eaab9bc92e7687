/**
 * Subresources kubectl uses: `pods/log` (with follow), `pods/eviction` (drain), and node
 * Leases for `kubectl describe node`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json } from '../../cluster/types.js';
import type { SimCluster } from '../cluster.js';
import { formatLogLines, logLines, logRun, type LogOptions } from '../logs.js';
import { HttpError, parseJsonBody } from './http-util.js';

function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new HttpError(400, 'BadRequest', `${name}: Invalid value: "${v}": must be a non-negative integer`);
  return Number(v);
}

/** `GET pods/{name}/log`: text/plain; with follow=true the response stays open and grows. */
export function serveLogs(cluster: SimCluster, req: IncomingMessage, res: ServerResponse, namespace: string, pod: string, query: URLSearchParams, pollMs = 200): void {
  const opts: LogOptions = {
    container: query.get('container') ?? undefined,
    previous: query.get('previous') === 'true',
    tailLines: intParam(query, 'tailLines'),
    sinceSeconds: intParam(query, 'sinceSeconds'),
    sinceTime: query.get('sinceTime') ?? undefined,
    timestamps: query.get('timestamps') === 'true',
    limitBytes: intParam(query, 'limitBytes'),
  };
  const { run } = logRun(cluster, namespace, pod, opts);
  const first = logLines(cluster, run, opts);
  if (query.get('follow') !== 'true') {
    let text = formatLogLines(first, opts.timestamps);
    if (opts.limitBytes !== undefined) text = Buffer.from(text).subarray(0, opts.limitBytes).toString();
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  res.write(formatLogLines(first, opts.timestamps));
  let cursor = first.length ? (first[first.length - 1]?.atMs ?? run.startMs) : cluster.clock.now();
  const timer = setInterval(() => {
    const now = cluster.clock.now();
    const until = Math.min(now, run.endMs ?? now) + 1;
    if (until > cursor + 1) {
      const lines = run.process.linesBetween(cursor + 1, until, 10_000);
      if (lines.length) {
        res.write(formatLogLines(lines, opts.timestamps));
        cursor = lines[lines.length - 1]?.atMs ?? cursor;
      }
    }
    const pod0 = cluster.store.get('Pod', namespace, pod);
    if ((run.endMs !== undefined && run.endMs <= now) || !pod0) stop();
  }, pollMs);
  const stop = () => {
    clearInterval(timer);
    if (!res.writableEnded) res.end();
  };
  req.on('close', stop);
}

/** `POST pods/{name}/eviction`: a graceful delete honouring deleteOptions.gracePeriodSeconds. */
export function evictPod(cluster: SimCluster, namespace: string, pod: string, body: Buffer): Json {
  const parsed = body.length ? (parseJsonBody(body) as { deleteOptions?: { gracePeriodSeconds?: number } }) : {};
  const grace = parsed.deleteOptions?.gracePeriodSeconds;
  cluster.store.delete('Pod', namespace, pod, typeof grace === 'number' ? { gracePeriodSeconds: grace } : {});
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}

/** The Lease a node's kubelet renews (shown by `kubectl describe node`). */
export function nodeLease(cluster: SimCluster, namespace: string, name: string): Json {
  const node = cluster.store.get('Node', undefined, name);
  if (namespace !== 'kube-node-lease' || !node) throw new HttpError(404, 'NotFound', `leases.coordination.k8s.io "${name}" not found`, { name, group: 'coordination.k8s.io', kind: 'leases' });
  const renew = new Date(Math.floor(cluster.clock.now() / 10_000) * 10_000).toISOString().replace('Z', '000Z');
  return {
    kind: 'Lease',
    apiVersion: 'coordination.k8s.io/v1',
    metadata: {
      name,
      namespace,
      uid: node.metadata.uid.replace(/^.{8}/, '1ea5e000'),
      resourceVersion: node.metadata.resourceVersion,
      creationTimestamp: node.metadata.creationTimestamp,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: renew },
  };
}
