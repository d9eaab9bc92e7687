/**
 * A small JSON client for the Kubernetes REST API that borrows client-node's kubeconfig
 * handling (CA, client certificates, tokens, exec plugins via `applyToHTTPSOptions`) but keeps
 * objects in wire shape: the checks read plain JSON, not client-node's model classes.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** The server answered with an error status; `code` and `body` are what describeRequestError reads. */
export class ApiStatusError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(`HTTP ${code}`);
    this.name = 'ApiStatusError';
  }
}

/** One request: a path under the server URL, optional query, JSON body and content type. */
export interface RestRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly contentType?: string;
}

/** What the backend's reads and writes go through (tests can record or fake it). */
export interface RestClient {
  send<T>(req: RestRequest): Promise<T>;
}

/** A REST client for the kubeconfig's current context; every request gives up after `timeoutMs`. */
export function restClient(kc: KubeConfig, server: string, timeoutMs = 15_000): RestClient {
  const base = server.replace(/\/+$/, '');
  return {
    async send<T>(req: RestRequest): Promise<T> {
      const url = new URL(base + req.path);
      for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
      const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
      const opts: RequestOptions = {
        method: req.method,
        headers: {
          Accept: 'application/json',
          'User-Agent': 'learn-daemonsets',
          ...(payload ? { 'Content-Type': req.contentType ?? 'application/json', 'Content-Length': String(payload.length) } : {}),
        },
      };
      await kc.applyToHTTPSOptions(opts);
      const doRequest = url.protocol === 'http:' ? httpRequest : httpsRequest;
      return new Promise<T>((resolve, reject) => {
        const r = doRequest(url, opts, (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status >= 400) return reject(new ApiStatusError(status, text));
            try {
              resolve((text.length ? JSON.parse(text) : {}) as T);
            } catch (err) {
              reject(err instanceof Error ? err : new Error(String(err)));
            }
          });
        });
        r.setTimeout(timeoutMs, () => r.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
        r.on('error', reject);
        r.end(payload);
      });
    },
  };
}
