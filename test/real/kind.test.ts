/**
 * `--backend kind` with recording fake executables on a fake PATH (docker and kind are not
 * needed on the machine): exact messages for missing tools, the create → reuse → cleanup
 * flow with the arguments kind receives, and the created "kind" cluster played by the
 * simulator's API server behind a kubeconfig whose context is kind-learn-daemonsets.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { runCleanup } from '../../src/commands/cleanup.js';
import { runRealCluster, type RealIo } from '../../src/commands/real-cluster.js';
import { detectKindTools, KindSetupError, missingToolsMessage } from '../../src/real/kind.js';
import { KIND_CONFIG } from '../../src/real/kind-config.js';
import { StateFile } from '../../src/real/state.js';
import { startSimServer, writes, type SimServer } from './sim-server.js';

const RECORD = 'printf \'%s\\n\' "$(basename_self) $*" >> "$FAKE_LOG"';
const COPY = (from: string, to: string) => `while IFS= read -r line; do printf '%s\\n' "$line"; done < "${from}" > "${to}"`;

/** Writes an executable shell script (builtins only: PATH holds nothing else). */
function fake(dir: string, name: string, body: string): void {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\nbasename_self() { printf '${name}'; }\n${RECORD}\n${body}\n`);
  chmodSync(file, 0o755);
}

const DOCKER_OK = 'case "$1" in info) printf \'27.3.1\\n\'; exit 0;; esac\nexit 0';
const KIND = [
  'out=""; prev=""; for a in "$@"; do if [ "$prev" = "--kubeconfig" ]; then out="$a"; fi; prev="$a"; done',
  'state=""; if [ -f "$FAKE_STATE" ]; then read -r state < "$FAKE_STATE"; fi',
  'case "$1 $2" in',
  '  "get clusters") if [ "$state" = created ]; then printf \'learn-daemonsets\\n\'; else printf \'No kind clusters found.\\n\' >&2; fi; exit 0;;',
  '  "create cluster")',
  '    printf \'Creating cluster "learn-daemonsets" ...\\n\' >&2',
  '    printf \' ✓ Ensuring node image (kindest/node:v1.32.0)\\n\' >&2',
  '    printf \' ✓ Preparing nodes\\n\' >&2',
  `    ${COPY('$FAKE_KUBECONFIG', '$out')}`,
  '    printf created > "$FAKE_STATE"; exit 0;;',
  `  "export kubeconfig") ${COPY('$FAKE_KUBECONFIG', '$out')}; exit 0;;`,
  '  "delete cluster") printf deleted > "$FAKE_STATE"; exit 0;;',
  'esac',
  'exit 1',
].join('\n');

function pathWith(...tools: [string, string][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ld-fakebin-'));
  for (const [name, body] of tools) fake(dir, name, body);
  return dir;
}

describe('kind and container runtime detection on a fake PATH', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const env = (...tools: [string, string][]) => {
    const dir = pathWith(...tools);
    dirs.push(dir);
    return { PATH: dir, FAKE_LOG: join(dir, 'log') };
  };

  it('names both when neither is there', async () => {
    const err = await detectKindTools(env()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KindSetupError);
    expect((err as Error).message).toBe(
      '--backend kind needs a container runtime and kind, and neither docker, podman nor kind is on PATH: install Docker (https://docs.docker.com/get-docker/) or Podman (https://podman.io/docs/installation) and kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation, e.g. `go install sigs.k8s.io/kind@latest` or `brew install kind`), then run learn-daemonsets --backend kind again; or run learn-daemonsets without --backend to use the built-in simulated cluster.',
    );
  });

  it('names the one that is missing', async () => {
    expect(((await detectKindTools(env(['kind', 'exit 0'])).catch((e: unknown) => e)) as Error).message).toBe(missingToolsMessage(true, false));
    expect(missingToolsMessage(true, false)).toContain('neither docker nor podman is on PATH (kind is): install Docker');
    expect(((await detectKindTools(env(['docker', DOCKER_OK])).catch((e: unknown) => e)) as Error).message).toBe(missingToolsMessage(false, true));
    expect(missingToolsMessage(false, true)).toContain('needs kind, which is not on PATH (a container runtime is): install kind (https://kind.sigs.k8s.io');
  });

  it('uses podman when there is no docker, and says when the runtime is not running', async () => {
    const e = env(['podman', DOCKER_OK], ['kind', 'exit 0']);
    const tools = await detectKindTools(e);
    expect(tools.runtime).toBe('podman');
    expect(readFileSync(e.FAKE_LOG, 'utf8')).toBe('podman info --format {{.ServerVersion}}\n');
    const down = env(['docker', "printf 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\\n' >&2; exit 1"], ['kind', 'exit 0']);
    expect(((await detectKindTools(down).catch((x: unknown) => x)) as Error).message).toBe(
      `docker is installed (${down.PATH}/docker) but not answering (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?): start Docker (Docker Desktop, or \`sudo systemctl start docker\`), then run learn-daemonsets --backend kind again.`,
    );
  });

  it('the CLI exits 2 with the message and touches nothing', async () => {
    const e = env();
    vi.stubEnv('PATH', e.PATH);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main(['--backend', 'kind']);
      expect(code).toBe(2);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toBe(`learn-daemonsets: ${missingToolsMessage(true, true)}\n`);
    } finally {
      err.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(existsSync(e.FAKE_LOG)).toBe(false);
  });
});

describe('--backend kind: create, reuse, set a lesson up, clean up (fake kind, simulated cluster)', () => {
  let s: SimServer;
  let bin: string;
  let config: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    s = await startSimServer('default');
  });
  afterAll(async () => {
    await s.close();
  });
  beforeEach(() => {
    bin = pathWith(['docker', DOCKER_OK], ['kind', KIND]);
    config = mkdtempSync(join(tmpdir(), 'ld-kindcfg-'));
    const kindKubeconfig = join(bin, 'kind-kubeconfig');
    writeFileSync(kindKubeconfig, readFileSync(s.kubeconfig, 'utf8').replaceAll('learn-daemonsets', 'kind-learn-daemonsets'));
    env = { PATH: bin, FAKE_LOG: join(bin, 'log'), FAKE_STATE: join(bin, 'state'), FAKE_KUBECONFIG: kindKubeconfig, XDG_CONFIG_HOME: config, HOME: config };
  });
  afterEach(() => {
    rmSync(bin, { recursive: true, force: true });
    rmSync(config, { recursive: true, force: true });
  });

  function io(): RealIo & { out_(): string; err_(): string } {
    let out = '';
    let err = '';
    return {
      out: { write: (t: string) => void (out += t), isTTY: false },
      err: { write: (t: string) => void (err += t), isTTY: false },
      interactive: false,
      ask: async () => '',
      env,
      out_: () => out,
      err_: () => err,
    };
  }

  it('creates the cluster from the shipped config, streams progress, and sets the lesson up without asking (it is the tool’s own)', async () => {
    const dir = join(config, 'learn-daemonsets');
    const first = io();
    const before = s.requests.length;
    expect(await runRealCluster(['--backend', 'kind', '--lesson', 'taints-in-depth'], first)).toBe(0);
    expect(readFileSync(env['FAKE_LOG'] ?? '', 'utf8').split('\n').filter(Boolean)).toEqual([
      'docker info --format {{.ServerVersion}}',
      'kind get clusters',
      `kind create cluster --name learn-daemonsets --config ${dir}/kind-config.yaml --kubeconfig ${dir}/kind.kubeconfig --wait 180s`,
    ]);
    expect(readFileSync(join(dir, 'kind-config.yaml'), 'utf8')).toBe(KIND_CONFIG);
    // Elapsed times depend on the machine's speed; the lines and their order do not.
    expect(first.err_().replace(/\[\d+s\]/g, '[Ns]').replace(/\(\d+s\)/g, '(Ns)').split('\n')).toEqual([
      '[Ns] Creating kind cluster learn-daemonsets with docker (1 control plane, 3 workers)…',
      '[Ns] Creating cluster "learn-daemonsets" ...',
      '[Ns] ✓ Ensuring node image (kindest/node:v1.32.0)',
      '[Ns] ✓ Preparing nodes',
      '✓ kind cluster learn-daemonsets is ready (Ns)',
      '',
    ]);
    expect(first.out_()).toContain('is set up on context kind-learn-daemonsets');
    expect(writes(s.requests.slice(before)).some((w) => w.verb === 'create' && w.resource === 'daemonsets.apps')).toBe(true);
    expect(new StateFile(dir).load().kindClusters.map((c) => `${c.name} ${c.context} ${c.server}`)).toEqual([`learn-daemonsets kind-learn-daemonsets ${s.url}`]);

    const again = io();
    expect(await runRealCluster(['--backend', 'kind'], again)).toBe(0);
    expect(again.err_()).toBe('Reusing kind cluster learn-daemonsets.\n');
    expect(readFileSync(env['FAKE_LOG'] ?? '', 'utf8')).toContain(`kind export kubeconfig --name learn-daemonsets --kubeconfig ${dir}/kind.kubeconfig\n`);

    const clean = io();
    expect(await runCleanup([], clean)).toBe(0);
    expect(clean.out_()).toBe('✓ deleted kind cluster learn-daemonsets\n');
    expect(readFileSync(env['FAKE_LOG'] ?? '', 'utf8')).toContain(`kind delete cluster --name learn-daemonsets --kubeconfig ${dir}/kind.kubeconfig\n`);
    expect(existsSync(join(dir, 'kind.kubeconfig'))).toBe(false);
    expect(new StateFile(dir).load().kindClusters).toEqual([]);
  });

  it('reports a failed kind create with its last lines (exit 2 from the CLI)', async () => {
    const failing = pathWith(['docker', DOCKER_OK], ['kind', 'case "$1 $2" in "get clusters") exit 0;; esac\nprintf \'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "learn-daemonsets"\\n\' >&2; exit 1']);
    mkdirSync(join(config, 'x'), { recursive: true });
    const e = io();
    const err = await runRealCluster(['--backend', 'kind'], { ...e, env: { ...env, PATH: failing } }).catch((x: unknown) => x);
    expect((err as Error).message).toBe(
      'kind could not create cluster learn-daemonsets (exit 1): ERROR: failed to create cluster: node(s) already exist for a cluster with the name "learn-daemonsets". Fix that, then run learn-daemonsets --backend kind again (learn-daemonsets cleanup removes a half-made cluster).',
    );
    expect(e.err_()).toContain('✗ kind cluster learn-daemonsets was not created');
    rmSync(failing, { recursive: true, force: true });
  });
});
