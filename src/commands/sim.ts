/**
 * `learn-daemonsets sim`: the simulated cluster headless, for a learner's own terminal.
 * First stdout line: `export KUBECONFIG=<path>`; then one line per mutating request; runs
 * until SIGINT/SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../cli.js';
import { bootstrapCluster } from '../sim/bootstrap.js';
import { RealClock } from '../sim/clock.js';
import { startApiServer } from '../sim/apiserver/server.js';
import { writeKubeconfig } from '../sim/apiserver/kubeconfig.js';
import { loadOrCreateTls } from '../sim/apiserver/tls.js';
import { ScenarioError } from '../sim/scenario/index.js';

/** `$XDG_CONFIG_HOME/learn-daemonsets` (or ~/.config/learn-daemonsets): the tool's own files. */
export function configDir(): string {
  return join(process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'learn-daemonsets');
}

/** Where the kubeconfig goes when --kubeconfig is not given. */
export function defaultKubeconfigPath(): string {
  return join(homedir(), '.kube', 'learn-daemonsets.yaml');
}

function positiveNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got "${value}"`);
  return n;
}

/** Runs the headless simulator; resolves with the exit code after a signal. */
export async function simCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' },
        nodes: { type: 'string' },
        port: { type: 'string' },
        kubeconfig: { type: 'string' },
        speed: { type: 'string' },
        'kube-version': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}. Run \`learn-daemonsets --help\` for the sim options.`);
  }
  const v = parsed.values;
  const nodes = v.nodes === undefined ? undefined : Number(v.nodes);
  if (nodes !== undefined && (!Number.isInteger(nodes) || nodes < 0 || nodes > 10_000)) throw new UsageError(`--nodes must be a whole number from 0 to 10000, got "${v.nodes}"`);
  if (nodes !== undefined && v.scenario !== undefined) throw new UsageError('use either --scenario or --nodes, not both');
  const port = v.port === undefined ? 0 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number from 1 to 65535, got "${v.port}"`);
  const speed = positiveNumber('--speed', v.speed) ?? 1;
  let kubeMinor = 32;
  if (v['kube-version'] !== undefined) {
    const m = /^(?:v?1\.)?(\d+)$/.exec(v['kube-version']);
    kubeMinor = m ? Number(m[1]) : NaN;
    if (!(kubeMinor >= 27 && kubeMinor <= 33)) throw new UsageError(`--kube-version must be 1.27 to 1.33, got "${v['kube-version']}"`);
  }
  const kubeconfig = v.kubeconfig ?? defaultKubeconfigPath();

  let cluster;
  try {
    cluster = bootstrapCluster({ scenario: v.scenario, nodes, clock: new RealClock(speed) });
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(err.message);
    throw err;
  }
  const stopLoop = cluster.startRealtime((err) => process.stderr.write(`learn-daemonsets: simulator error: ${err instanceof Error ? err.message : String(err)}\n`));
  const token = randomBytes(24).toString('base64url');
  const tls = loadOrCreateTls(join(configDir(), 'tls'));
  let server;
  try {
    server = await startApiServer({ cluster, token, tls, port, kubeMinor, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (err) {
    stopLoop();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} on 127.0.0.1 is already in use; choose another with --port, or leave it out to get a free one`);
    if (code === 'EACCES') throw new UsageError(`not allowed to listen on port ${port}; use a port above 1023 or leave --port out`);
    throw err;
  }
  try {
    writeKubeconfig(kubeconfig, server.url, tls.certPem, token);
  } catch (err) {
    await server.close();
    stopLoop();
    throw new UsageError(`cannot write the kubeconfig to ${kubeconfig} (${(err as NodeJS.ErrnoException).code ?? 'error'}); choose a writable path with --kubeconfig`);
  }
  process.stdout.write(`export KUBECONFIG=${kubeconfig}\n`);
  process.stderr.write(`learn-daemonsets simulator: ${cluster.store.count('Node')} nodes, API ${server.url}, Kubernetes 1.${kubeMinor}${speed !== 1 ? `, time ×${speed}` : ''}. Ctrl+C stops it.\n`);
  return new Promise((resolve) => {
    const stop = () => {
      stopLoop();
      void server.close().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
