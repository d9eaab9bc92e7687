/**
 * Loading a kubeconfig and choosing its context the way kubectl does (an explicit path, else
 * KUBECONFIG, else ~/.kube/config), but failing with a sentence instead of silently falling
 * back to http://localhost:8080 as client-node does when nothing is configured.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { describeKubeconfigError, RealClusterError } from './errors.js';

/** Which kubeconfig and context to use; both default as kubectl's would. */
export interface KubeconfigChoice {
  readonly kubeconfigPath?: string;
  readonly context?: string;
}

/** A loaded kubeconfig with its context chosen, plus what messages need to name it. */
export interface ChosenContext {
  readonly kc: KubeConfig;
  readonly context: string;
  readonly server: string;
  /** The file(s) it came from, for messages. */
  readonly source: string;
  /** The context's default namespace, when it sets one. */
  readonly namespace?: string;
}

const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Where kubectl would look when no path is given, or undefined when nothing is there. */
export function defaultKubeconfigSource(env: NodeJS.ProcessEnv = process.env, home: string = homedir(), inClusterToken = IN_CLUSTER_TOKEN): string | undefined {
  const fromEnv = (env['KUBECONFIG'] ?? '').split(delimiter).filter((f) => f.length > 0);
  if (fromEnv.length) return fromEnv.join(delimiter);
  const file = join(home, '.kube', 'config');
  if (existsSync(file)) return file;
  if (existsSync(inClusterToken)) return 'the in-cluster service account';
  return undefined;
}

function contextList(kc: KubeConfig): string {
  const names = kc.getContexts().map((c) => c.name);
  return names.length ? names.join(', ') : '(none)';
}

/** Loads the kubeconfig and selects the context; every failure is a RealClusterError. */
export function chooseContext(KubeConfigClass: new () => KubeConfig, choice: KubeconfigChoice): ChosenContext {
  const kc = new KubeConfigClass();
  let source: string;
  if (choice.kubeconfigPath !== undefined) {
    source = choice.kubeconfigPath;
    try {
      kc.loadFromFile(choice.kubeconfigPath);
    } catch (err) {
      throw describeKubeconfigError(err, choice.kubeconfigPath);
    }
  } else {
    const found = defaultKubeconfigSource();
    if (found === undefined) {
      throw new RealClusterError('kubeconfig', 'no kubeconfig found (KUBECONFIG is unset and ~/.kube/config does not exist): pass --kubeconfig PATH');
    }
    source = found;
    try {
      kc.loadFromDefault();
    } catch (err) {
      throw describeKubeconfigError(err, found);
    }
  }
  if (kc.getContexts().length === 0) {
    throw new RealClusterError('context', `the kubeconfig ${source} defines no contexts: point --kubeconfig at a cluster's kubeconfig`);
  }
  if (choice.context !== undefined) {
    if (!kc.getContextObject(choice.context)) {
      throw new RealClusterError('context', `there is no context "${choice.context}" in ${source}; contexts: ${contextList(kc)}`);
    }
    kc.setCurrentContext(choice.context);
  }
  const context = kc.getCurrentContext();
  const ctx = context ? kc.getContextObject(context) : undefined;
  if (!context || !ctx) {
    throw new RealClusterError('context', `the kubeconfig ${source} has no current context: pass --context NAME (contexts: ${contextList(kc)})`);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new RealClusterError('context', `context ${context} names cluster "${ctx.cluster}", which ${source} does not define: fix the kubeconfig or pick another context (${contextList(kc)})`);
  }
  return { kc, context, server: cluster.server, source, ...(ctx.namespace ? { namespace: ctx.namespace } : {}) };
}
