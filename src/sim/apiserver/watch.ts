/**
 * Watch streams as kubectl and client-go informers expect them: headers flushed at once, one
 * JSON event per line, synthetic ADDED events for resourceVersion "0"/absent, replay from a
 * recent resourceVersion, 410 Expired for an old one, selector transitions as ADDED/DELETED,
 * Table-shaped objects for `kubectl get -w`, and `timeoutSeconds`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json, KubeObject } from '../../cluster/types.js';
import type { SimCluster } from '../cluster.js';
import { StoreError } from '../errors.js';
import { goJsonStringify } from '../json.js';
import type { ResourceInfo } from '../resources.js';
import type { StoreEvent } from '../watch-hub.js';
import { statusBody } from './http-util.js';
import { includeObjectOf, selected, TABLE_CONTENT_TYPE, type Selectors } from './read.js';
import { toTable } from './tables/index.js';

/** Options a watch request carries. */
export interface WatchRequest {
  info: ResourceInfo;
  namespace?: string;
  selectors: Selectors;
  query: URLSearchParams;
  table: boolean;
  /** With `allowWatchBookmarks=true`: send a BOOKMARK with the current resourceVersion this often. */
  bookmarkIntervalMs?: number;
}

/** Serves one watch request until the client goes away or timeoutSeconds passes. */
export function serveWatch(cluster: SimCluster, req: IncomingMessage, res: ServerResponse, w: WatchRequest): void {
  const { info, namespace, selectors, query, table } = w;
  const includeObject = includeObjectOf(query);
  res.writeHead(200, { 'Content-Type': table ? TABLE_CONTENT_TYPE : 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  let columnsSent = false;
  const send = (type: string, obj: KubeObject | Json) => {
    let object: Json | object = obj;
    if (table && type !== 'ERROR' && type !== 'BOOKMARK') {
      object = toTable(info.kind, [obj as KubeObject], { nowMs: cluster.clock.now(), includeObject, resourceVersion: (obj as KubeObject).metadata.resourceVersion, omitColumnDefinitions: columnsSent });
      columnsSent = true;
    }
    res.write(`${goJsonStringify({ type, object })}\n`);
  };
  const ns = info.namespaced ? namespace : undefined;
  const match = (o: KubeObject) => (!ns || o.metadata.namespace === ns) && selected(o, selectors);
  const rvParam = query.get('resourceVersion');
  let sinceRv: number | undefined;
  if (!rvParam || rvParam === '0') {
    for (const obj of cluster.store.list(info.kind, ns)) if (match(obj)) send('ADDED', obj);
  } else if (/^\d+$/.test(rvParam)) {
    sinceRv = Number(rvParam);
  } else {
    send('ERROR', statusBody(400, 'BadRequest', `invalid resource version: ${rvParam}`));
    res.end();
    return;
  }
  let unsubscribe: (() => void) | undefined;
  try {
    unsubscribe = cluster.store.watch(
      {
        kind: info.kind,
        sinceRv,
        match,
        // A checkpoint restore rewinds the cluster: end the stream with 410 so the client re-lists.
        onExpired: (err) => {
          send('ERROR', statusBody(410, 'Expired', err.message));
          finish();
        },
      },
      (e: StoreEvent) => send(e.type, e.object),
    );
  } catch (err) {
    if (err instanceof StoreError && err.reason === 'Expired') {
      send('ERROR', statusBody(410, 'Expired', err.message));
      res.end();
      return;
    }
    throw err;
  }
  let timer: NodeJS.Timeout | undefined;
  let bookmarks: NodeJS.Timeout | undefined;
  if (query.get('allowWatchBookmarks') === 'true') {
    // Bookmarks let informers resume from a recent resourceVersion after a reconnect.
    bookmarks = setInterval(() => {
      const bookmark = { kind: info.kind, apiVersion: info.group ? `${info.group}/${info.version}` : info.version, metadata: { resourceVersion: String(cluster.store.resourceVersion()) } };
      res.write(`${goJsonStringify({ type: 'BOOKMARK', object: bookmark })}\n`);
    }, w.bookmarkIntervalMs ?? 60_000);
    bookmarks.unref();
  }
  const finish = () => {
    unsubscribe?.();
    unsubscribe = undefined;
    if (timer) clearTimeout(timer);
    if (bookmarks) clearInterval(bookmarks);
    if (!res.writableEnded) res.end();
  };
  const timeout = Number(query.get('timeoutSeconds') ?? '');
  if (Number.isFinite(timeout) && timeout > 0) timer = setTimeout(finish, timeout * 1000);
  req.on('close', finish);
  res.on('close', finish);
}
