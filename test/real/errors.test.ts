import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { describeKubeconfigError, describeRequestError, errorCode, RealClusterError, type RequestSite } from '../../src/real/errors.js';
import { chooseContext, defaultKubeconfigSource } from '../../src/real/kubeconfig.js';

const site: RequestSite = { context: 'kind-prod', server: 'https://10.0.0.1:6443', verb: 'list', resource: 'pods' };

/** What node-fetch rejects with when the socket fails (FetchError with the system code). */
function fetchError(code: string, message = `request to ${site.server}/api/v1/pods failed, reason: ${code}`): Error {
  return Object.assign(new Error(message), { name: 'FetchError', type: 'system', code, errno: code });
}

const status = (code: number, message: string) =>
  new ApiException(code, 'Unknown API Status Code!', JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code }), {});

describe('describeRequestError', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET'])('%s: cannot reach, with the URL, the code and what to check', (code) => {
    const e = describeRequestError(fetchError(code), site);
    expect(e).toBeInstanceOf(RealClusterError);
    expect(e.kind).toBe('unreachable');
    expect(e.message).toBe(`cannot reach the Kubernetes API at https://10.0.0.1:6443 (${code}): is the cluster running? check the context with kubectl config current-context`);
  });

  it('timeouts and aborted requests say "timed out"', () => {
    for (const err of [fetchError('ETIMEDOUT'), Object.assign(new Error('The user aborted a request.'), { name: 'AbortError', type: 'aborted' })]) {
      const e = describeRequestError(err, site);
      expect(e.kind).toBe('timeout');
      expect(e.message).toContain('cannot reach the Kubernetes API at https://10.0.0.1:6443 (timed out): is the cluster running?');
    }
  });

  it('finds the code through a cause chain', () => {
    const err = new Error('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(errorCode(err)).toBe('ECONNREFUSED');
    expect(describeRequestError(err, site).kind).toBe('unreachable');
  });

  it('401: the context\'s credentials were refused', () => {
    const e = describeRequestError(new ApiException(401, 'Unauthorized', '{"kind":"Status","message":"Unauthorized","code":401}', {}), site);
    expect(e.kind).toBe('unauthorized');
    expect(e.message).toContain('the credentials in context kind-prod were refused by https://10.0.0.1:6443 (expired token?)');
  });

  it('403: names the verb and the resource, and what to ask for', () => {
    const msg = 'pods is forbidden: User "dev" cannot list resource "pods" in API group "" at the cluster scope';
    const e = describeRequestError(status(403, msg), site);
    expect(e.kind).toBe('forbidden');
    expect(e.message).toBe(`context kind-prod is not allowed to list pods (RBAC): ask for get/list/watch on pods (server said: ${msg})`);
    const ns = describeRequestError(status(403, 'nope'), { ...site, resource: 'daemonsets', namespace: 'team-a' });
    expect(ns.message).toContain('is not allowed to list daemonsets in namespace team-a (RBAC): ask for get/list/watch on daemonsets');
  });

  it('other statuses carry the server\'s own message', () => {
    const e = describeRequestError(status(404, 'the server could not find the requested resource'), { ...site, resource: 'controllerrevisions' });
    expect(e.kind).toBe('api');
    expect(e.message).toBe('the Kubernetes API at https://10.0.0.1:6443 answered 404 to list controllerrevisions: the server could not find the requested resource');
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'cannot verify the TLS certificate of the Kubernetes API at https://10.0.0.1:6443 (DEPTH_ZERO_SELF_SIGNED_CERT)'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'certificate-authority for context kind-prod does not match the server'],
    ['CERT_HAS_EXPIRED', 'is expired or not yet valid (CERT_HAS_EXPIRED): check the machine\'s clock'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'is not issued for that address'],
    ['EPROTO', 'the TLS handshake with the Kubernetes API at https://10.0.0.1:6443 failed (EPROTO)'],
  ])('TLS %s is explained', (code, text) => {
    const e = describeRequestError(fetchError(code), site);
    expect(e.kind).toBe('tls');
    expect(e.message).toContain(text);
  });

  it('a plain-HTTP server without insecure-skip-tls-verify, and failing credential plugins', () => {
    const http = describeRequestError(new Error('HTTP protocol is not allowed when skipTLSVerify is not set or false'), site);
    expect(http.kind).toBe('tls');
    expect(http.message).toContain('insecure-skip-tls-verify: true');
    const exec = describeRequestError(new Error('Failed to refresh token: exec: executable gke-gcloud-auth-plugin not found'), site);
    expect(exec.kind).toBe('credentials');
    expect(exec.message).toMatch(/^could not get credentials for context kind-prod: Failed to refresh token/);
    expect(describeRequestError(exec, site)).toBe(exec);
    const file = describeRequestError(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: '/home/me/.minikube/client.crt' }), site);
    expect(file.message).toBe('context kind-prod refers to /home/me/.minikube/client.crt, which does not exist (a client certificate, key or CA file?): fix the kubeconfig');
  });
});

describe('kubeconfig loading and context choice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-real-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = (current: string) =>
    ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: c1', '  cluster:', '    server: https://127.0.0.1:1', 'users:', '- name: u1', '  user:', '    token: t',
      'contexts:', '- name: one', '  context: {cluster: c1, user: u1, namespace: team-a}', '- name: two', '  context: {cluster: missing, user: u1}', `current-context: "${current}"`, ''].join('\n');

  it('says when the file is missing, is a directory, or is not YAML', () => {
    expect(describeKubeconfigError(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }), '/x/config').message).toBe(
      'there is no kubeconfig at /x/config: check the path given to --kubeconfig (or KUBECONFIG)',
    );
    expect(() => chooseContext(KubeConfig, { kubeconfigPath: dir })).toThrow(`${dir} is a directory, not a kubeconfig file`);
    const bad = join(dir, 'bad');
    writeFileSync(bad, 'clusters: [\n');
    expect(() => chooseContext(KubeConfig, { kubeconfigPath: bad })).toThrow(`the kubeconfig at ${bad} cannot be read as a kubeconfig:`);
  });

  it('uses the current context, or the named one, and lists the contexts when it is unknown', () => {
    const file = join(dir, 'config');
    writeFileSync(file, config('one'));
    const chosen = chooseContext(KubeConfig, { kubeconfigPath: file });
    expect({ context: chosen.context, server: chosen.server, namespace: chosen.namespace }).toEqual({ context: 'one', server: 'https://127.0.0.1:1', namespace: 'team-a' });
    const err = (() => {
      try {
        chooseContext(KubeConfig, { kubeconfigPath: file, context: 'prod' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(RealClusterError);
    expect((err as RealClusterError).kind).toBe('context');
    expect((err as RealClusterError).message).toBe(`there is no context "prod" in ${file}; contexts: one, two`);
    expect(() => chooseContext(KubeConfig, { kubeconfigPath: file, context: 'two' })).toThrow('context two names cluster "missing", which');
    writeFileSync(file, config(''));
    expect(() => chooseContext(KubeConfig, { kubeconfigPath: file })).toThrow('has no current context: pass --context NAME (contexts: one, two)');
  });

  it('follows KUBECONFIG, then ~/.kube/config, and says when neither exists', () => {
    expect(defaultKubeconfigSource({ KUBECONFIG: `/a${':'}/b` }, dir)).toBe('/a:/b');
    expect(defaultKubeconfigSource({}, join(dir, 'no-home'), join(dir, 'no-token'))).toBeUndefined();
  });
});
