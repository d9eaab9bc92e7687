/**
 * The simulator's Kubernetes API server: HTTPS on 127.0.0.1 only, bearer-token auth,
 * discovery, OpenAPI, CRUD + watch for the simulated kinds, and the subresources kubectl
 * uses. Every failure is a `metav1.Status`; nothing a client sends can crash it or leave the
 * store half-changed (writes go through the store's all-or-nothing path).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Json } from '../../cluster/types.js';
import type { SimCluster } from '../cluster.js';
import { auditEntry, authorized, MUTATING, type ApiAuditEntry } from './audit.js';
import { aggregatedContentType, aggregatedDiscovery, legacyCoreVersions, legacyGroupList, openApiV2, resourceList, versionInfo, wantsAggregated } from './discovery.js';
import { parseBody } from './decode.js';
import { execWebSocketServer, rejectUpgrade, serveExec } from './exec.js';
import { HttpError, parseJsonBody, readBody, sendError, sendJson, statusBody } from './http-util.js';
import { OPENAPI_GROUP_VERSIONS, openApiDocument, openApiIndex, type OpenApiGroupVersion } from './openapi/index.js';
import { getObject, listBody, listObjects, objectBody, parseSelectors, wantsTable } from './read.js';
import { route, type Route } from './routes.js';
import { evictPod, nodeLease, serveLogs } from './subresources.js';
import type { TlsMaterial } from './tls.js';
import { serveWatch } from './watch.js';
import { createObject, deleteObject, deleteOptions, patchObject, replaceObject, type WriteResult } from './write.js';

export type { ApiAuditEntry } from './audit.js';

/** How to start the server. */
export interface ApiServerOptions {
  cluster: SimCluster;
  token: string;
  /** The server certificate: kubectl sends bearer tokens only over TLS. */
  tls: TlsMaterial;
  /** 0 or absent: a free port. */
  port?: number;
  /** The Kubernetes minor version reported by /version (27–33). */
  kubeMinor?: number;
  /** One line per mutating request. */
  log?: (line: string) => void;
  audit?: (entry: ApiAuditEntry) => void;
  /**
   * Called before a kubectl request that may change the cluster is carried out (the TUI keeps a
   * checkpoint there, so the learner can rewind to before their last command).
   */
  beforeChange?: (request: { command?: string; session?: string }) => void;
  /** How often watches that allow bookmarks get one (default 60 s of wall time). */
  bookmarkIntervalMs?: number;
}

/** A running server. */
export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the API server; resolves once it listens. A port in use rejects with EADDRINUSE. */
export function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const { cluster } = opts;
  const minor = opts.kubeMinor ?? 32;
  const server: Server = createServer({ key: opts.tls.keyPem, cert: opts.tls.certPem }, (req, res) => {
    handle(req, res).catch((err: unknown) => sendError(res, err));
  });
  server.keepAliveTimeout = 65_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const query = url.searchParams;
    if (!authorized(req, opts.token)) {
      sendJson(res, 401, statusBody(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const r = route(url.pathname);
    const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    let code = 200;
    if (opts.beforeChange && MUTATING.has(method) && typeof req.headers['kubectl-command'] === 'string') {
      const session = req.headers['kubectl-session'];
      opts.beforeChange({ command: req.headers['kubectl-command'], ...(typeof session === 'string' ? { session } : {}) });
    }
    try {
      code = await dispatch(req, res, r, method, query, body);
    } catch (err) {
      sendError(res, err);
      code = res.statusCode;
    } finally {
      record(req, method, url.pathname, r, query, code);
    }
  }

  function record(req: IncomingMessage, method: string, pathname: string, r: Route, query: URLSearchParams, code: number): void {
    const entry = auditEntry(req, method, r, query, code, cluster.clock.now());
    if (!entry) return;
    opts.audit?.(entry);
    if (MUTATING.has(method)) opts.log?.(`${method} ${pathname} ${code}${entry.command ? ` (${entry.command})` : ''}`);
  }

  // pods/exec arrives as an HTTP upgrade (WebSocket v5, or SPDY from old clients, which we refuse).
  const wss = execWebSocketServer();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!authorized(req, opts.token)) {
      rejectUpgrade(socket, new HttpError(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const r = route(url.pathname);
    const code = r.type === 'resource' && r.info.kind === 'Pod' && r.name && r.subresource === 'exec'
      ? serveExec(cluster, wss, req, socket, head, r.namespace ?? 'default', r.name, url.searchParams)
      : rejectUpgrade(socket, new HttpError(404, 'NotFound', 'the server could not find the requested resource'));
    record(req, 'POST', url.pathname, r, url.searchParams, code);
  });

  async function dispatch(req: IncomingMessage, res: ServerResponse, r: Route, method: string, query: URLSearchParams, body: Buffer): Promise<number> {
    const accept = req.headers.accept;
    const reply = (code: number, payload: Json | object, contentType = 'application/json', headers: Record<string, string> = {}) => {
      sendJson(res, code, payload, contentType, headers);
      return code;
    };
    switch (r.type) {
      case 'version':
        return reply(200, versionInfo(minor));
      case 'healthz':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return 200;
      case 'discovery': {
        const aggregated = wantsAggregated(accept);
        if (aggregated) return reply(200, aggregatedDiscovery(r.core, aggregated), aggregatedContentType(aggregated));
        return reply(200, r.core ? legacyCoreVersions() : legacyGroupList());
      }
      case 'openapi-v2': {
        const doc = openApiV2(accept);
        res.writeHead(200, { 'Content-Type': doc.contentType, 'Content-Length': doc.body.length });
        res.end(doc.body);
        return 200;
      }
      case 'resource-list': {
        const list = resourceList(r.group, r.version);
        if (!list) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
        return reply(200, list);
      }
      case 'openapi-index':
        return reply(200, openApiIndex());
      case 'openapi': {
        const doc = OPENAPI_GROUP_VERSIONS.includes(r.groupVersion as OpenApiGroupVersion) ? openApiDocument(r.groupVersion as OpenApiGroupVersion) : undefined;
        if (!doc) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
        res.writeHead(200, { 'Content-Type': 'application/json', ETag: `"${doc.etag}"`, 'Content-Length': Buffer.byteLength(doc.body) });
        res.end(doc.body);
        return 200;
      }
      case 'lease':
        if (method !== 'GET' || !r.name) throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
        return reply(200, nodeLease(cluster, r.namespace, r.name));
      case 'not-found':
        throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
      case 'resource':
        return resource(req, res, r, method, query, body, accept, reply);
    }
  }

  function resource(
    req: IncomingMessage,
    res: ServerResponse,
    r: Extract<Route, { type: 'resource' }>,
    method: string,
    query: URLSearchParams,
    body: Buffer,
    accept: string | undefined,
    reply: (code: number, payload: Json | object, contentType?: string, headers?: Record<string, string>) => number,
  ): number {
    const { info, namespace, name, subresource } = r;
    const table = wantsTable(accept);
    const writeReply = (w: WriteResult) => reply(w.code, w.body, 'application/json', w.warnings.length ? { Warning: w.warnings.map((m) => `299 - "${m.replace(/"/g, '\\"')}"`).join(', ') } : {});
    if (info.kind === 'Pod' && name && subresource === 'log' && method === 'GET') {
      serveLogs(cluster, req, res, namespace ?? 'default', name, query);
      return 200;
    }
    if (info.kind === 'Pod' && name && subresource === 'eviction' && method === 'POST') {
      return reply(201, evictPod(cluster, namespace ?? 'default', name, body));
    }
    if (info.kind === 'Pod' && name && subresource === 'exec') throw new HttpError(400, 'BadRequest', 'Upgrade request required');
    if (subresource && subresource !== 'status') throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
    switch (method) {
      case 'GET': {
        if (!name) {
          const selectors = parseSelectors(info, query);
          if (query.get('watch') === 'true' || query.get('watch') === '1') {
            serveWatch(cluster, req, res, { info, namespace, selectors, query, table, bookmarkIntervalMs: opts.bookmarkIntervalMs });
            return 200;
          }
          const out = listBody(cluster, info, listObjects(cluster, info, namespace, selectors), table, query);
          return reply(200, out.body, out.contentType);
        }
        const out = objectBody(cluster, info, getObject(cluster, info, namespace, name), table && !subresource, query);
        return reply(200, out.body, out.contentType);
      }
      case 'POST':
        if (name) throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
        return writeReply(createObject(cluster, info, namespace, parseBody(body, req.headers['content-type']), query));
      case 'PUT':
        if (!name) throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
        return writeReply(replaceObject(cluster, info, namespace, name, parseBody(body, req.headers['content-type']), query, subresource));
      case 'PATCH': {
        if (!name) throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
        const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        return writeReply(patchObject(cluster, info, namespace, name, contentType, parseJsonBody(body), query, subresource));
      }
      case 'DELETE': {
        const opts = deleteOptions(body, req.headers['content-type'], query);
        if (name) return writeReply(deleteObject(cluster, info, namespace, name, opts));
        const selectors = parseSelectors(info, query);
        const victims = listObjects(cluster, info, namespace, selectors);
        for (const v of victims) deleteObject(cluster, info, v.metadata.namespace, v.metadata.name, opts);
        return reply(200, { kind: `${info.kind}List`, apiVersion: info.group ? `${info.group}/${info.version}` : info.version, metadata: {}, items: victims });
      }
      default:
        throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `https://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const ws of wss.clients) ws.terminate();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
