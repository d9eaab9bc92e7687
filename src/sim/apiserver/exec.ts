/**
 * `pods/exec` over WebSocket (`v5.channel.k8s.io`, what kubectl 1.30+ speaks): the apiserver's
 * and kubelet's refusals before the upgrade, then the command runs in the container's simulated
 * environment (resolved env, HOSTNAME = pod name, a tiny filesystem) through the shell
 * simulator. Output goes out on channels 1/2, the exit Status on channel 3, then close 1000.
 * Commands finish at once in simulated time; one that never exits streams as time passes.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Container, Json, Pod } from '../../cluster/types.js';
import type { SimCluster } from '../cluster.js';
import type { PodRuntime } from '../controllers/kubelet/types.js';
import { notFound } from '../errors.js';
import type { ImageBehaviour } from '../images-catalog.js';
import { compileContainer, resolveEnv, startProcess, type LogLine, type ProcessRun } from '../shell/index.js';
import { containerTree, lsScript } from './exec-fs.js';
import { runInteractive } from './exec-tty.js';
import { HttpError, toStatus } from './http-util.js';

/** The stream protocols we accept (v5 adds the close signal; v4 framing is otherwise the same). */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** A kubelet refusal: plain text, as the kubelet writes it (kubectl prefixes "unable to upgrade connection"). */
class KubeletError extends Error {}

/** The container an exec runs in, after the apiserver's and kubelet's checks. */
export interface ExecTarget {
  pod: Pod;
  container: Container;
  runtime: PodRuntime;
  behaviour: ImageBehaviour;
}

/** Resolves pod and container exactly as the apiserver (streamLocation) and kubelet check them. */
export function resolveExecTarget(cluster: SimCluster, namespace: string, podName: string, query: URLSearchParams): ExecTarget {
  const pod = cluster.store.get('Pod', namespace, podName);
  if (!pod) throw notFound('Pod', podName);
  let name = query.get('container') ?? '';
  if (!name) {
    if (pod.spec.containers.length !== 1) {
      const names = pod.spec.containers.map((c) => c.name).join(' ');
      throw new HttpError(400, 'BadRequest', `a container name must be specified for pod ${podName}, choose one of: [${names}]`);
    }
    name = pod.spec.containers[0]?.name ?? '';
  }
  const index = pod.spec.containers.findIndex((c) => c.name === name);
  const container = pod.spec.containers[index];
  if (!container) throw new HttpError(400, 'BadRequest', `container ${name} is not valid for pod ${podName}`);
  if (!pod.spec.nodeName) throw new HttpError(400, 'BadRequest', `pod ${podName} does not have a host assigned`);
  if (query.getAll('command').length === 0) throw new HttpError(400, 'BadRequest', 'you must specify at least one command for the container');
  const runtime = cluster.kubelet.runtime(pod.metadata.uid);
  const c = runtime?.containers[index];
  if (!runtime || !c || c.phase !== 'running' || !c.current) throw new KubeletError(`container not found ("${name}")`);
  return { pod, container, runtime, behaviour: (c.behaviour as ImageBehaviour | undefined) ?? { userland: 'none' } };
}

/** What running one command gives: a process timeline, or the runtime's exec failure. */
export type ExecRun = { ok: true; run: ProcessRun } | { ok: false; message: string };

/** Runs argv in the container's simulated environment, starting at `startMs`. */
export function runInContainer(t: ExecTarget, argv: string[], startMs: number): ExecRun {
  const { pod, container, runtime, behaviour } = t;
  const env = resolveEnv(container, {
    podName: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', uid: pod.metadata.uid, nodeName: pod.spec.nodeName,
    podIP: runtime.podIP, hostIP: runtime.hostIP, serviceAccountName: pod.spec.serviceAccountName, labels: pod.metadata.labels, annotations: pod.metadata.annotations,
  });
  const vars = env.ok ? env.env : {};
  const image: ImageBehaviour = behaviour.userland === 'none'
    ? behaviour
    : { ...behaviour, programs: { ls: lsScript(containerTree(pod, container, behaviour.userland), behaviour.userland), ...(behaviour.programs ?? {}) } };
  const program = compileContainer({ command: argv }, image, vars);
  if (!program.ok) {
    const why = program.message.slice(program.message.indexOf('exec: '));
    const id = runtime.uid.replace(/-/g, '').slice(0, 12);
    return { ok: false, message: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: ${why}` };
  }
  return { ok: true, run: startProcess(program, { env: vars, hostname: pod.metadata.name, namespace: pod.metadata.namespace, podIP: runtime.podIP }, startMs) };
}

/** Sends `data` on a channel as one binary frame. */
export function sendChannel(ws: WebSocket, channel: number, data: string | Buffer): void {
  if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), Buffer.isBuffer(data) ? data : Buffer.from(data)]));
}

/** Writes the exit Status on channel 3 and closes normally. */
export function finish(ws: WebSocket, argv: string[], code: number, failure?: string): void {
  const status: Json = failure !== undefined
    ? { metadata: {}, status: 'Failure', message: failure, reason: 'InternalError', code: 500 }
    : code === 0
      ? { metadata: {}, status: 'Success' }
      : { metadata: {}, status: 'Failure', message: `command terminated with non-zero exit code: command '${argv.join(' ')}' exited with ${code}: `,
        reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } };
  sendChannel(ws, 3, JSON.stringify(status));
  ws.close(1000);
}

function sendLines(ws: WebSocket, lines: readonly LogLine[], tty: boolean): void {
  let i = 0;
  while (i < lines.length) {
    const stream = lines[i]?.stream;
    let text = '';
    for (; i < lines.length && lines[i]?.stream === stream; i++) text += `${lines[i]?.text ?? ''}\n`;
    sendChannel(ws, tty || stream === 'stdout' ? 1 : 2, tty ? text.replace(/\n/g, '\r\n') : text);
  }
}

function session(cluster: SimCluster, ws: WebSocket, t: ExecTarget, query: URLSearchParams, pollMs: number): void {
  ws.on('error', () => ws.terminate());
  const argv = query.getAll('command');
  const tty = query.get('tty') === 'true';
  if (tty && query.get('stdin') === 'true' && argv.length === 1 && /(^|\/)(sh|ash|bash|dash)$/.test(argv[0] ?? '')) {
    runInteractive(ws, { shell: argv[0] ?? 'sh', prompt: promptOf(t, argv[0] ?? 'sh'), run: (line) => runInContainer(t, [argv[0] ?? 'sh', '-c', line], cluster.clock.now()), nowMs: () => cluster.clock.now() });
    return;
  }
  const startMs = cluster.clock.now();
  const r = runInContainer(t, argv, startMs);
  if (!r.ok) return finish(ws, argv, 1, r.message);
  const { run } = r;
  if (run.exit) {
    sendLines(ws, run.linesBetween(startMs, run.exit.atMs + 1, 100_000), tty);
    return finish(ws, argv, run.exit.code);
  }
  let cursor = startMs;
  const pump = () => {
    const now = cluster.clock.now() + 1;
    if (now > cursor) sendLines(ws, run.linesBetween(cursor, now, 10_000), tty);
    cursor = Math.max(cursor, now);
    if (!cluster.store.get('Pod', t.pod.metadata.namespace, t.pod.metadata.name)) finish(ws, argv, 137);
  };
  pump();
  const timer = setInterval(pump, pollMs);
  ws.on('close', () => clearInterval(timer));
}

function promptOf(t: ExecTarget, shell: string): string {
  if (/bash$/.test(shell)) return `root@${t.pod.metadata.name}:/# `;
  return t.behaviour.userland === 'busybox' ? '/ # ' : '# ';
}

/** Answers an upgrade that will not happen with a plain HTTP response, then closes the socket. */
export function rejectUpgrade(socket: Duplex, err: unknown): number {
  const plain = err instanceof KubeletError;
  const { code, body } = plain ? { code: 500, body: err.message } : toStatus(err);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const reason = code === 401 ? 'Unauthorized' : code === 404 ? 'Not Found' : code === 500 ? 'Internal Server Error' : 'Bad Request';
  const type = plain ? 'text/plain; charset=utf-8' : 'application/json';
  socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  return code;
}

/** Serves `GET pods/{name}/exec` with `Upgrade: websocket`; returns the HTTP code for the audit trail. */
export function serveExec(cluster: SimCluster, wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, namespace: string, pod: string, query: URLSearchParams, pollMs = 200): number {
  let target: ExecTarget;
  try {
    target = resolveExecTarget(cluster, namespace, pod, query);
  } catch (err) {
    return rejectUpgrade(socket, err);
  }
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
  if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket' || !EXEC_PROTOCOLS.some((p) => offered.includes(p))) {
    return rejectUpgrade(socket, new HttpError(400, 'BadRequest', 'the learn-daemonsets simulator serves exec only over WebSocket (v5.channel.k8s.io, kubectl 1.30 or newer)'));
  }
  wss.handleUpgrade(req, socket, head, (ws) => session(cluster, ws, target, query, pollMs));
  return 101;
}

/** The WebSocket endpoint factory: picks v5 when offered (ws answers pings itself). */
export function execWebSocketServer(): WebSocketServer {
  return new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (protocols) => EXEC_PROTOCOLS.find((p) => protocols.has(p)) ?? false });
}
