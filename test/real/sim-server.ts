/**
 * The simulator's API server started in-process on a random port, standing in for a real
 * cluster, with a TCP proxy in front so tests can drop every connection (a broken network)
 * or refuse new ones, and a record of every request the server received.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapCluster } from '../../src/sim/bootstrap.js';
import { ManualClock } from '../../src/sim/clock.js';
import type { SimCluster } from '../../src/sim/cluster.js';
import { writeKubeconfig } from '../../src/sim/apiserver/kubeconfig.js';
import { startApiServer, type ApiAuditEntry, type ApiServer } from '../../src/sim/apiserver/server.js';
import { generateSelfSigned } from '../../src/sim/apiserver/tls.js';
import type { Scenario } from '../../src/sim/scenario/index.js';

/** A running simulated cluster reachable through a proxy. */
export interface SimServer {
  readonly cluster: SimCluster;
  readonly clock: ManualClock;
  readonly server: ApiServer;
  /** The proxy's URL (what the kubeconfig points at). */
  readonly url: string;
  readonly kubeconfig: string;
  readonly dir: string;
  /** Every request the API server answered, in order. */
  readonly requests: ApiAuditEntry[];
  /** Destroys every open connection through the proxy (watches end with a socket error). */
  dropConnections(): void;
  /** Whether the proxy accepts new connections (false: they are reset at once). */
  setReachable(up: boolean): void;
  /** Open connections through the proxy. */
  connections(): number;
  close(): Promise<void>;
}

/** Mutating requests (what the guard test counts). */
export function writes(requests: readonly ApiAuditEntry[]): ApiAuditEntry[] {
  return requests.filter((r) => !['get', 'list', 'watch'].includes(r.verb));
}

/** Starts a simulator (scenario as given), its API server, and a proxy in front of it. */
export async function startSimServer(scenario?: Scenario | string): Promise<SimServer> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 9, 0, 0));
  const cluster = bootstrapCluster({ scenario: scenario ?? 'default', clock });
  const stopLoop = cluster.startRealtime();
  const token = 'real-test-' + Math.random().toString(36).slice(2);
  const tls = generateSelfSigned();
  const requests: ApiAuditEntry[] = [];
  const server = await startApiServer({ cluster, token, tls, audit: (e) => requests.push(e) });
  const sockets = new Set<Socket>();
  let reachable = true;
  const proxy: Server = createServer((client) => {
    if (!reachable) return void client.destroy();
    const upstream = connect(server.port, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  const port = (proxy.address() as { port: number }).port;
  const url = `https://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'ld-real-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeKubeconfig(kubeconfig, url, tls.certPem, token);
  return {
    cluster,
    clock,
    server,
    url,
    kubeconfig,
    dir,
    requests,
    dropConnections() {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    setReachable(up) {
      reachable = up;
    },
    connections: () => sockets.size / 2,
    async close() {
      stopLoop();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => proxy.close(() => r()));
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits on real I/O until `pred` holds (no simulated time moves); fails after `timeoutMs` of wall time. */
export async function waitFor(pred: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise<void>((r) => setTimeout(r, 5));
  }
}

/**
 * Waits for `pred` while moving simulated time in 1 s steps and letting watch events arrive
 * between steps; false after `maxSimMs` of simulated time.
 */
export async function driveUntil(cluster: SimCluster, pred: () => boolean, maxSimMs = 10 * 60_000): Promise<boolean> {
  for (let t = 0; t <= maxSimMs; t += 1000) {
    for (let i = 0; i < 4; i++) {
      if (pred()) return true;
      await new Promise<void>((r) => setTimeout(r, 2));
    }
    cluster.advance(1000);
  }
  return pred();
}
