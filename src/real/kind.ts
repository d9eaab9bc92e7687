/**
 * The kind CLI from the tool's side: find a container runtime (docker, else podman) and kind
 * on PATH, say exactly what to install when one is missing, create or reuse the
 * `learn-daemonsets` cluster while streaming kind's progress, and delete it again. Every
 * process goes through `spawn` with an explicit PATH, so tests use recording fake executables.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** A container runtime kind can use. */
export type Runtime = 'docker' | 'podman';

/** The tools found, as absolute paths. */
export interface KindTools {
  readonly kind: string;
  readonly runtime: Runtime;
  readonly runtimePath: string;
}

/** A missing or broken prerequisite, with what to install or start (the CLI exits 2). */
export class KindSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KindSetupError';
  }
}

/** The first executable `name` on PATH, or undefined. */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

const INSTALL_DOCKER = 'Docker (https://docs.docker.com/get-docker/) or Podman (https://podman.io/docs/installation)';
const INSTALL_KIND = 'kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation, e.g. `go install sigs.k8s.io/kind@latest` or `brew install kind`)';
const OR_SIM = 'or run learn-daemonsets without --backend to use the built-in simulated cluster';

/** The message for what is missing, naming exactly what to install. */
export function missingToolsMessage(missingRuntime: boolean, missingKind: boolean): string {
  if (missingRuntime && missingKind) {
    return `--backend kind needs a container runtime and kind, and neither docker, podman nor kind is on PATH: install ${INSTALL_DOCKER} and ${INSTALL_KIND}, then run learn-daemonsets --backend kind again; ${OR_SIM}.`;
  }
  if (missingRuntime) {
    return `--backend kind needs a container runtime, and neither docker nor podman is on PATH (kind is): install ${INSTALL_DOCKER}, then run learn-daemonsets --backend kind again; ${OR_SIM}.`;
  }
  return `--backend kind needs kind, which is not on PATH (a container runtime is): install ${INSTALL_KIND}, then run learn-daemonsets --backend kind again; ${OR_SIM}.`;
}

/** One finished process. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion, calling `onLine` for each line it writes to stderr (kind's progress). */
export function runProgram(file: string, args: readonly string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      stderr += text;
      const lines = (partial + text).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) onLine?.(l.trim());
    });
    child.on('error', (err) => resolve({ code: 127, stdout, stderr: stderr + err.message }));
    child.on('close', (code) => {
      if (partial.trim()) onLine?.(partial.trim());
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Finds kind and a running container runtime; throws KindSetupError saying what to install or start. */
export async function detectKindTools(env: NodeJS.ProcessEnv = process.env): Promise<KindTools> {
  const docker = which('docker', env);
  const podman = docker === undefined ? which('podman', env) : undefined;
  const kind = which('kind', env);
  const runtimePath = docker ?? podman;
  if (runtimePath === undefined || kind === undefined) throw new KindSetupError(missingToolsMessage(runtimePath === undefined, kind === undefined));
  const runtime: Runtime = docker !== undefined ? 'docker' : 'podman';
  const info = await runProgram(runtimePath, ['info', '--format', '{{.ServerVersion}}'], env);
  if (info.code !== 0) {
    const first = (info.stderr.trim().split('\n')[0] ?? '').slice(0, 200);
    const start = runtime === 'docker' ? 'start Docker (Docker Desktop, or `sudo systemctl start docker`)' : 'start it (`podman machine start` on macOS and Windows)';
    throw new KindSetupError(`${runtime} is installed (${runtimePath}) but not answering${first ? ` (${first})` : ''}: ${start}, then run learn-daemonsets --backend kind again.`);
  }
  return { kind, runtime, runtimePath };
}

/** The environment kind needs for the runtime (podman is still an experimental provider). */
export function kindEnv(tools: KindTools, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return tools.runtime === 'podman' ? { ...env, KIND_EXPERIMENTAL_PROVIDER: 'podman' } : env;
}

/** The kind clusters that exist. */
export async function kindClusters(tools: KindTools, env: NodeJS.ProcessEnv): Promise<string[]> {
  const r = await runProgram(tools.kind, ['get', 'clusters'], kindEnv(tools, env));
  if (r.code !== 0) throw new KindSetupError(`kind get clusters failed: ${r.stderr.trim().split('\n')[0] ?? ''}`);
  return r.stdout.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('No kind clusters'));
}

/** Creates the cluster from a config file, writing its kubeconfig to `kubeconfig`; progress lines go to `onLine`. */
export async function createKindCluster(tools: KindTools, env: NodeJS.ProcessEnv, o: { name: string; configFile: string; kubeconfig: string; onLine?: (line: string) => void }): Promise<void> {
  const r = await runProgram(tools.kind, ['create', 'cluster', '--name', o.name, '--config', o.configFile, '--kubeconfig', o.kubeconfig, '--wait', '180s'], kindEnv(tools, env), o.onLine);
  if (r.code !== 0) {
    const last = r.stderr.trim().split('\n').filter(Boolean).slice(-3).join(' ');
    throw new KindSetupError(`kind could not create cluster ${o.name} (exit ${r.code}): ${last}. Fix that, then run learn-daemonsets --backend kind again (learn-daemonsets cleanup removes a half-made cluster).`);
  }
}

/** Writes the cluster's kubeconfig (for a cluster that exists but whose kubeconfig the tool lost). */
export async function exportKindKubeconfig(tools: KindTools, env: NodeJS.ProcessEnv, name: string, kubeconfig: string): Promise<void> {
  const r = await runProgram(tools.kind, ['export', 'kubeconfig', '--name', name, '--kubeconfig', kubeconfig], kindEnv(tools, env));
  if (r.code !== 0) throw new KindSetupError(`kind could not export the kubeconfig of cluster ${name}: ${r.stderr.trim().split('\n')[0] ?? ''}`);
}

/** Deletes the cluster (kind also removes its context from `kubeconfig`). */
export async function deleteKindCluster(tools: KindTools, env: NodeJS.ProcessEnv, name: string, kubeconfig: string): Promise<void> {
  const r = await runProgram(tools.kind, ['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig], kindEnv(tools, env));
  if (r.code !== 0) throw new KindSetupError(`kind could not delete cluster ${name}: ${r.stderr.trim().split('\n')[0] ?? ''}`);
}
