/**
 * The kubeconfig the simulator hands to kubectl and client-node: one cluster, user and
 * context named `learn-daemonsets`, a per-run bearer token, written with mode 0600.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Name of the cluster, user and context in the generated kubeconfig. */
export const CONTEXT_NAME = 'learn-daemonsets';

/** The kubeconfig text for a server URL, its CA certificate (PEM) and a token. */
export function kubeconfigYaml(server: string, caPem: string, token: string, namespace = 'default'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${CONTEXT_NAME}`,
    '  cluster:',
    `    server: ${server}`,
    // TLS, not plain HTTP: kubectl only sends the bearer token over TLS.
    `    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}`,
    'users:',
    `- name: ${CONTEXT_NAME}`,
    '  user:',
    `    token: ${token}`,
    'contexts:',
    `- name: ${CONTEXT_NAME}`,
    '  context:',
    `    cluster: ${CONTEXT_NAME}`,
    `    user: ${CONTEXT_NAME}`,
    `    namespace: ${namespace}`,
    `current-context: ${CONTEXT_NAME}`,
    'preferences: {}',
    '',
  ].join('\n');
}

/** Writes the kubeconfig atomically (temp file + rename) with mode 0600. */
export function writeKubeconfig(path: string, server: string, caPem: string, token: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, kubeconfigYaml(server, caPem, token), { mode: 0o600 });
  renameSync(tmp, path);
}
