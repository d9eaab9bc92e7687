/**
 * Connects the kubelet to the shell simulator: a container's command, args, image defaults and
 * environment (downward API included) become a process timeline whose output is the
 * container's log and whose exit drives restarts and CrashLoopBackOff.
 */
import type { ProcessFactory, SimProcess } from './controllers/kubelet/types.js';
import type { ImageBehaviour } from './images.js';
import { compileContainer, resolveEnv, startProcess } from './shell/index.js';

/** A process whose image behaviour is unknown: it runs silently until stopped. */
const SILENT: ImageBehaviour = { entrypoint: ['/pause'], userland: 'none', programs: { pause: 'sleep infinity' } };

/** Image daemons handle SIGTERM and exit promptly. */
const DAEMON_STOP_MS = 300;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

/**
 * How long the process needs after SIGTERM. A shell script running as PID 1 has no default
 * SIGTERM handler and ignores it unless it traps it, so Kubernetes kills it at the end of the
 * grace period (30 s by default) — exactly what learners see on real clusters.
 */
function stopTime(command: string[] | undefined, args: string[] | undefined): number | undefined {
  if (!command?.length) return DAEMON_STOP_MS;
  const argv = [...command, ...(args ?? [])];
  const exe = (argv[0] ?? '').split('/').pop() ?? '';
  if (SHELLS.has(exe)) return argv.some((a) => /\btrap\b[^\n]*(TERM|15|EXIT)/.test(a)) ? DAEMON_STOP_MS : undefined;
  if (exe === 'sleep' || exe === 'tail') return undefined;
  return DAEMON_STOP_MS;
}

/** The process factory the simulated kubelet uses. */
export function shellProcesses(): ProcessFactory {
  return ({ pod, container, podIP, hostIP, startMs, image }): SimProcess => {
    const behaviour = (image as ImageBehaviour | undefined) ?? SILENT;
    const env = resolveEnv(container, {
      podName: pod.metadata.name,
      namespace: pod.metadata.namespace ?? 'default',
      uid: pod.metadata.uid,
      nodeName: pod.spec.nodeName,
      podIP,
      hostIP,
      serviceAccountName: pod.spec.serviceAccountName,
      labels: pod.metadata.labels,
      annotations: pod.metadata.annotations,
    });
    if (!env.ok) return failed(env.message, 1);
    const program = compileContainer(container, behaviour, env.env);
    if (!program.ok) return failed(program.message, program.exitCode);
    const run = startProcess(program, { env: env.env, hostname: pod.metadata.name, namespace: pod.metadata.namespace, podIP }, startMs);
    return {
      exit: run.exit ? { atMs: run.exit.atMs - startMs, code: run.exit.code } : undefined,
      stopMs: stopTime(container.command, container.args),
      linesBetween: (from, to, limit) => run.linesBetween(from, to, limit),
      lastLines: (until, n) => run.lastLines(until, n),
    };
  };
}

function failed(message: string, exitCode: number): SimProcess {
  return { startError: { message, exitCode }, linesBetween: () => [], lastLines: () => [] };
}
