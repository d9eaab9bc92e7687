/**
 * Built-in catalog of well-known public images: approximate size and what a container does
 * when the pod spec gives no command. Any tag of a known repository exists unless a scenario
 * override says otherwise.
 */
import { PAUSE, daemon, fluentBit, nginxBinary, nginxEntrypoint, nodeExporter } from './images-programs.js';

/** Which userland an image ships; decides what `sh`, `bash` and coreutils do (or that they are missing). */
export type Userland = 'busybox' | 'debian' | 'none';

/** What a container of an image does, as plain data so scenarios can describe private images. */
export interface ImageBehaviour {
  /** ENTRYPOINT of the image config; replaced by the container's `command`. */
  entrypoint?: string[];
  /** CMD of the image config; replaced by `args`, dropped when only `command` is set. */
  cmd?: string[];
  /** ENV of the image config, seen by the process below the container's env. */
  env?: Record<string, string>;
  /** busybox: `sh` is ash, no bash; debian: `sh` is dash, bash exists; none: distroless, no shell. */
  userland: Userland;
  /** Extra executables (by base name) and the simulated-shell script each one runs, args in `$@`. */
  programs?: Record<string, string>;
}

/** A catalog entry: typical compressed size and the behaviour for a tag. */
export interface CatalogEntry {
  sizeBytes: number;
  behaviour: (tag: string) => ImageBehaviour;
}

const MB = 1_000_000;
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** `v1.8.2-alpine` → `1.8.2`; tags that are not versions (`latest`, `stable`) give the fallback. */
export function versionOf(tag: string, fallback: string): string {
  const m = /^v?(\d+(?:\.\d+){0,3})/.exec(tag);
  if (!m?.[1]) return fallback;
  const parts = m[1].split('.');
  if (parts.length >= 3) return m[1];
  if (fallback.startsWith(`${m[1]}.`)) return fallback;
  return [...parts, '0', '0'].slice(0, 3).join('.');
}

function shellImage(shell: string, userland: Userland): (tag: string) => ImageBehaviour {
  return () => ({ cmd: [shell], env: { PATH }, userland });
}

function plainDaemon(entry: string, userland: Userland, lines: (v: string) => string[], fallback: string,
  stream: 'stdout' | 'stderr' = 'stderr'): (tag: string) => ImageBehaviour {
  const base = entry.slice(entry.lastIndexOf('/') + 1);
  return (tag) => ({
    entrypoint: [entry], env: { PATH }, userland,
    programs: { [base]: daemon(lines(versionOf(tag, fallback)), stream) },
  });
}

const ts = '$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)';

const nginx: CatalogEntry = {
  sizeBytes: 72 * MB,
  behaviour: (tag) => {
    const version = versionOf(tag, '1.27.3');
    const alpine = tag.includes('alpine');
    return {
      entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'],
      env: { PATH, NGINX_VERSION: version }, userland: alpine ? 'busybox' : 'debian',
      programs: { 'docker-entrypoint.sh': nginxEntrypoint(), nginx: nginxBinary(version, alpine) },
    };
  },
};

const fluentBitEntry: CatalogEntry = {
  sizeBytes: 36 * MB,
  behaviour: (tag) => ({
    entrypoint: ['/fluent-bit/bin/fluent-bit'], cmd: ['-c', '/fluent-bit/etc/fluent-bit.conf'],
    userland: tag.includes('debug') ? 'busybox' : 'none',
    programs: { 'fluent-bit': fluentBit(versionOf(tag, '3.1.9')) },
  }),
};

const nodeExporterEntry: CatalogEntry = {
  sizeBytes: 11 * MB,
  behaviour: (tag) => ({
    entrypoint: ['/bin/node_exporter'], env: { PATH }, userland: 'busybox',
    programs: { node_exporter: nodeExporter(versionOf(tag, '1.8.2')) },
  }),
};

const filebeat: CatalogEntry = {
  sizeBytes: 125 * MB,
  behaviour: plainDaemon('/usr/share/filebeat/filebeat', 'debian', (v) => [
    `{"log.level":"info","@timestamp":"${ts}","log.logger":"instance","message":"Home path: [/usr/share/filebeat] Config path: [/usr/share/filebeat] Data path: [/usr/share/filebeat/data] Logs path: [/usr/share/filebeat/logs]","service.name":"filebeat","ecs.version":"1.6.0"}`,
    `{"log.level":"info","@timestamp":"${ts}","log.logger":"instance","message":"Beat name: $(hostname)","service.name":"filebeat","ecs.version":"1.6.0"}`,
    `{"log.level":"info","@timestamp":"${ts}","message":"filebeat start running.","service.name":"filebeat","version":"${v}","ecs.version":"1.6.0"}`,
  ], '8.15.3'),
};

const otel = (entry: string, size: number): CatalogEntry => ({
  sizeBytes: size,
  behaviour: plainDaemon(entry, 'none', (v) => [
    `${ts}\tinfo\tservice@v${v}/service.go:166\tSetting up own telemetry...`,
    `${ts}\tinfo\tservice@v${v}/service.go:238\tStarting ${entry.slice(1)}...\t{"Version": "${v}", "NumCPU": 2}`,
    `${ts}\tinfo\tservice@v${v}/service.go:261\tEverything is ready. Begin running and processing data.`,
  ], '0.112.0'),
});

/** Catalog keyed by normalised name (`registry/repository`). */
export const CATALOG: ReadonlyMap<string, CatalogEntry> = new Map<string, CatalogEntry>([
  ['docker.io/library/nginx', nginx],
  ['docker.io/library/busybox', { sizeBytes: 2_200_000, behaviour: shellImage('sh', 'busybox') }],
  ['docker.io/library/alpine', { sizeBytes: 3_600_000, behaviour: shellImage('/bin/sh', 'busybox') }],
  ['docker.io/library/ubuntu', { sizeBytes: 29 * MB, behaviour: shellImage('/bin/bash', 'debian') }],
  ['docker.io/library/debian', { sizeBytes: 49 * MB, behaviour: shellImage('bash', 'debian') }],
  ['docker.io/library/httpd', { sizeBytes: 58 * MB, behaviour: plainDaemon('/usr/local/bin/httpd-foreground', 'debian', (v) => [
    `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.0.5. Set the 'ServerName' directive globally to suppress this message`,
    `[$(date '+%a %b %d %H:%M:%S.%6N %Y')] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${v} (Unix) configured -- resuming normal operations`,
    `[$(date '+%a %b %d %H:%M:%S.%6N %Y')] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
  ], '2.4.62') }],
  ['docker.io/library/redis', { sizeBytes: 45 * MB, behaviour: plainDaemon('/usr/local/bin/redis-server', 'debian', (v) => [
    `1:C $(date '+%d %b %Y %H:%M:%S.%3N') * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
    `1:C $(date '+%d %b %Y %H:%M:%S.%3N') * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`,
    `1:M $(date '+%d %b %Y %H:%M:%S.%3N') * Running mode=standalone, port=6379.`,
    `1:M $(date '+%d %b %Y %H:%M:%S.%3N') * Server initialized`,
    `1:M $(date '+%d %b %Y %H:%M:%S.%3N') * Ready to accept connections tcp`,
  ], '7.4.1', 'stdout') }],
  ['docker.io/library/fluentd', { sizeBytes: 40 * MB, behaviour: fluentdBehaviour }],
  ['docker.io/fluent/fluentd', { sizeBytes: 40 * MB, behaviour: fluentdBehaviour }],
  ['docker.io/fluent/fluent-bit', fluentBitEntry],
  ['cr.fluentbit.io/fluent/fluent-bit', fluentBitEntry],
  ['docker.io/prom/node-exporter', nodeExporterEntry],
  ['quay.io/prometheus/node-exporter', nodeExporterEntry],
  ['registry.k8s.io/pause', { sizeBytes: 320_000, behaviour: () => ({ entrypoint: ['/pause'], userland: 'none', programs: { pause: PAUSE } }) }],
  ['registry.k8s.io/e2e-test-images/agnhost', { sizeBytes: 51 * MB, behaviour: () => ({
    entrypoint: ['/agnhost'], env: { PATH }, userland: 'busybox',
    programs: { agnhost: 'if [ "$1" = pause ]; then echo "Paused"; sleep infinity; fi\nif [ "$1" = netexec ]; then echo "Started HTTP server on port 8080" >&2; sleep infinity; fi\necho "agnhost: a CLI with a set of subcommands used in Kubernetes e2e tests."\necho "Use \\"agnhost [command] --help\\" for more information about a command."' },
  }) }],
  ['docker.io/datadog/agent', { sizeBytes: 430 * MB, behaviour: plainDaemon('/bin/entrypoint.sh', 'debian', (v) => [
    `$(date -u '+%Y-%m-%d %H:%M:%S UTC') | CORE | INFO | (pkg/util/log/log.go:860 in func1) | Starting Datadog Agent v${v}`,
    `$(date -u '+%Y-%m-%d %H:%M:%S UTC') | CORE | INFO | (comp/core/healthprobe/impl/healthprobe.go:76 in func1) | Health check listening on port 5555`,
  ], '7.58.2', 'stdout') }],
  ['docker.io/grafana/promtail', { sizeBytes: 76 * MB, behaviour: plainDaemon('/usr/bin/promtail', 'debian', (v) => [
    `level=info ts=${ts} caller=promtail.go:133 msg="Reloading configuration file" md5sum=0000000000000000000000000000000`,
    `level=info ts=${ts} caller=server.go:352 http=[::]:9080 grpc=[::]:36357 msg="server listening on addresses"`,
    `level=info ts=${ts} caller=main.go:174 msg="Starting Promtail" version="(version=${v}, branch=HEAD)"`,
  ], '3.2.1') }],
  ['docker.io/grafana/alloy', { sizeBytes: 150 * MB, behaviour: plainDaemon('/bin/alloy', 'debian', (v) => [
    `ts=${ts} level=info "boringcrypto enabled"=false`,
    `ts=${ts} level=info msg="starting complete graph evaluation" controller_path=/ controller_id="" trace_id=0 version=v${v}`,
    `ts=${ts} level=info msg="now listening for http traffic" service=http addr=127.0.0.1:12345`,
  ], '1.4.3') }],
  ['docker.io/calico/node', { sizeBytes: 130 * MB, behaviour: plainDaemon('/usr/bin/start_runit', 'debian', () => [
    `$(date -u '+%Y-%m-%d %H:%M:%S.%3N') [INFO][9] startup/startup.go 431: Early log level set to info`,
    `$(date -u '+%Y-%m-%d %H:%M:%S.%3N') [INFO][9] startup/startup.go 139: Starting node $(hostname) with version v3.28.2`,
    `$(date -u '+%Y-%m-%d %H:%M:%S.%3N') [INFO][9] startup/startup.go 613: FELIX_IPV6SUPPORT is false through environment variable`,
  ], '3.28.2', 'stdout') }],
  ['registry.k8s.io/kube-proxy', { sizeBytes: 30 * MB, behaviour: plainDaemon('/usr/local/bin/kube-proxy', 'none', (v) => [
    `I$(date -u '+%m%d %H:%M:%S.%6N')       1 server_linux.go:66] "Using iptables proxy"`,
    `I$(date -u '+%m%d %H:%M:%S.%6N')       1 server.go:677] "Version info" version="v${v}"`,
    `I$(date -u '+%m%d %H:%M:%S.%6N')       1 config.go:199] "Starting service config controller"`,
  ], '1.31.2') }],
  ['docker.io/elastic/filebeat', filebeat],
  ['docker.elastic.co/beats/filebeat', filebeat],
  ['docker.io/otel/opentelemetry-collector', otel('/otelcol', 50 * MB)],
  ['docker.io/otel/opentelemetry-collector-contrib', otel('/otelcol-contrib', 95 * MB)],
  ['docker.io/falcosecurity/falco', { sizeBytes: 82 * MB, behaviour: plainDaemon('/usr/bin/falco', 'debian', (v) => [
    `$(date '+%a %b %d %H:%M:%S %Y'): Falco version: ${v} (x86_64)`,
    `$(date '+%a %b %d %H:%M:%S %Y'): Loading rules from file /etc/falco/falco_rules.yaml`,
    `$(date '+%a %b %d %H:%M:%S %Y'): Starting health webserver with threadiness 2, listening on 0.0.0.0:8765`,
  ], '0.39.1', 'stdout') }],
]);

function fluentdBehaviour(tag: string): ImageBehaviour {
  const v = versionOf(tag, '1.17.1');
  const t = "$(date '+%Y-%m-%d %H:%M:%S %z')";
  return {
    entrypoint: ['tini', '--', '/bin/entrypoint.sh'], cmd: ['fluentd'], env: { PATH },
    userland: tag.includes('debian') ? 'debian' : 'busybox',
    programs: {
      tini: 'shift; exec "$@"',
      'entrypoint.sh': 'exec "$@"',
      fluentd: daemon([
        `${t} [info]: init supervisor logger path=nil rotate_age=nil rotate_size=nil`,
        `${t} [info]: parsing config file is succeeded path="/fluentd/etc/fluent.conf"`,
        `${t} [info]: gem 'fluentd' version '${v}'`,
        `${t} [info]: starting fluentd-${v} pid=7 ruby="3.2.5"`,
        `${t} [info]: #0 fluentd worker is now running worker=0`,
      ], 'stdout'),
    },
  };
}
