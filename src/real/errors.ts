/**
 * Turning what goes wrong on the way to a real cluster (a socket error, an HTTP status, a TLS
 * failure, a missing file) into one sentence a learner can act on. Pure and duck-typed, so it
 * never imports client-node and tests can feed it fakes.
 */

/** What kind of trouble it was: the CLI exits 2 for kubeconfig/context mistakes, 1 otherwise. */
export type RealErrorKind = 'kubeconfig' | 'context' | 'unreachable' | 'timeout' | 'tls' | 'unauthorized' | 'forbidden' | 'credentials' | 'api' | 'other';

/** A failure talking to a real cluster, with a message meant for the learner (no stack needed). */
export class RealClusterError extends Error {
  constructor(
    readonly kind: RealErrorKind,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'RealClusterError';
  }
}

/** Where a request went, so messages can name the context, server, verb and resource. */
export interface RequestSite {
  readonly context: string;
  readonly server: string;
  readonly verb: string;
  readonly resource: string;
  /** Set for a namespaced list; absent means all namespaces or a cluster-scoped resource. */
  readonly namespace?: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL']);
const TIMEOUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const TLS_TRUST = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED',
]);

function field(err: unknown, key: string): unknown {
  return typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[key] : undefined;
}

/** The socket/TLS error code, looking through node-fetch's FetchError and `cause` chains. */
export function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; e = field(e, 'cause'), depth++) {
    const code = field(e, 'code') ?? field(e, 'errno');
    if (typeof code === 'string' && code.length) return code;
  }
  return undefined;
}

/** The HTTP status of a client-node ApiException (its numeric `code`), if the server answered. */
export function httpStatus(err: unknown): number | undefined {
  const code = field(err, 'code');
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

/** The `message` of a Kubernetes Status body, which ApiException carries as text. */
function statusMessage(err: unknown): string | undefined {
  const body = field(err, 'body');
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.trim().slice(0, 200) || undefined;
    }
  }
  const msg = field(parsed, 'message');
  return typeof msg === 'string' && msg.length ? msg : undefined;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const CHECK_CONTEXT = 'check the context with kubectl config current-context';

function resourceText(site: RequestSite): string {
  return site.namespace === undefined ? site.resource : `${site.resource} in namespace ${site.namespace}`;
}

function tlsMessage(code: string, err: unknown, site: RequestSite): string | undefined {
  const at = `the Kubernetes API at ${site.server}`;
  if (TLS_TRUST.has(code)) {
    return `cannot verify the TLS certificate of ${at} (${code}): the kubeconfig's certificate-authority for context ${site.context} does not match the server; fetch a fresh kubeconfig for this cluster`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return `the TLS certificate of ${at} is expired or not yet valid (${code}): check the machine's clock, or renew the cluster's certificates`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the TLS certificate of ${at} is not issued for that address (${code}): use the server address from the cluster's own kubeconfig`;
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    return `the TLS handshake with ${at} failed (${code}): the address may serve plain HTTP or another service; ${CHECK_CONTEXT}`;
  }
  return undefined;
}

/** Explains a failed request; always returns a RealClusterError whose message names what to do next. */
export function describeRequestError(err: unknown, site: RequestSite): RealClusterError {
  if (err instanceof RealClusterError) return err;
  const status = httpStatus(err);
  if (status === 401) {
    return new RealClusterError('unauthorized', `the credentials in context ${site.context} were refused by ${site.server} (expired token?): log in again or fetch a fresh kubeconfig`, err);
  }
  if (status === 403) {
    const detail = statusMessage(err);
    return new RealClusterError(
      'forbidden',
      `context ${site.context} is not allowed to ${site.verb} ${resourceText(site)} (RBAC): ask for ${site.verb === 'get' || site.verb === 'list' || site.verb === 'watch' ? 'get/list/watch' : site.verb} on ${site.resource}${detail ? ` (server said: ${detail})` : ''}`,
      err,
    );
  }
  if (status !== undefined) {
    const detail = statusMessage(err);
    return new RealClusterError('api', `the Kubernetes API at ${site.server} answered ${status} to ${site.verb} ${resourceText(site)}${detail ? `: ${detail}` : ''}`, err);
  }
  const code = errorCode(err);
  if (code !== undefined && (TIMEOUT.has(code) || code === 'ABORT_ERR')) {
    return new RealClusterError('timeout', `cannot reach the Kubernetes API at ${site.server} (timed out): is the cluster running? ${CHECK_CONTEXT}`, err);
  }
  if (code !== undefined && UNREACHABLE.has(code)) {
    return new RealClusterError('unreachable', `cannot reach the Kubernetes API at ${site.server} (${code}): is the cluster running? ${CHECK_CONTEXT}`, err);
  }
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || /premature close/i.test(errText(err))) {
    return new RealClusterError('unreachable', `lost the connection to the Kubernetes API at ${site.server} in the middle of a response: is the cluster running? ${CHECK_CONTEXT}`, err);
  }
  const tls = code === undefined ? undefined : tlsMessage(code, err, site);
  if (tls !== undefined) return new RealClusterError('tls', tls, err);
  if (field(err, 'name') === 'AbortError' || field(err, 'type') === 'aborted') {
    return new RealClusterError('timeout', `cannot reach the Kubernetes API at ${site.server} (timed out): is the cluster running? ${CHECK_CONTEXT}`, err);
  }
  if (field(err, 'type') === 'system') {
    return new RealClusterError('unreachable', `cannot reach the Kubernetes API at ${site.server} (${code ?? errText(err)}): is the cluster running? ${CHECK_CONTEXT}`, err);
  }
  const text = errText(err).split('\n')[0] ?? '';
  const missing = field(err, 'path');
  if (code === 'ENOENT' && typeof missing === 'string') {
    return new RealClusterError('credentials', `context ${site.context} refers to ${missing}, which does not exist (a client certificate, key or CA file?): fix the kubeconfig`, err);
  }
  if (/HTTP protocol is not allowed/.test(text)) {
    return new RealClusterError('tls', `context ${site.context} points at a plain-HTTP server (${site.server}); client-node only talks HTTP when the cluster entry sets insecure-skip-tls-verify: true`, err);
  }
  if (/exec|auth|token|credential|oidc/i.test(text)) {
    return new RealClusterError('credentials', `could not get credentials for context ${site.context}: ${text}`, err);
  }
  return new RealClusterError('other', `could not ${site.verb} ${resourceText(site)} with context ${site.context}: ${text}`, err);
}

/** Explains why a kubeconfig file could not be loaded (missing, unreadable, not YAML). */
export function describeKubeconfigError(err: unknown, given: string): RealClusterError {
  const code = errorCode(err);
  const failed = field(err, 'path');
  const path = typeof failed === 'string' && failed.length ? failed : given;
  if (code === 'ENOENT') return new RealClusterError('kubeconfig', `there is no kubeconfig at ${path}: check the path given to --kubeconfig (or KUBECONFIG)`, err);
  if (code === 'EACCES' || code === 'EPERM') return new RealClusterError('kubeconfig', `cannot read the kubeconfig at ${path} (${code}): check its permissions`, err);
  if (code === 'EISDIR') return new RealClusterError('kubeconfig', `${path} is a directory, not a kubeconfig file`, err);
  const first = errText(err).split('\n')[0] ?? '';
  return new RealClusterError('kubeconfig', `the kubeconfig at ${path} cannot be read as a kubeconfig: ${first}`, err);
}
