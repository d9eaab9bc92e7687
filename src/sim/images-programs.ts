/**
 * What the well-known images' own binaries print, written as scripts for the simulated shell
 * (src/sim/shell). A binary is just data: the same dialect lets scenarios describe private
 * images. Lines follow the real programs' start-up output closely enough to be recognised.
 */

/** Script of `/docker-entrypoint.sh` in the official nginx image (debian and alpine variants). */
export function nginxEntrypoint(): string {
  return `
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
  echo "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"
  echo "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/"
  echo "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh"
  echo "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf"
  echo "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf"
  echo "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh"
  echo "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh"
  echo "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh"
  echo "/docker-entrypoint.sh: Configuration complete; ready for start up"
fi
exec "$@"
`;
}

/** The nginx binary: without `-g 'daemon off;'` it forks into the background and PID 1 exits 0. */
export function nginxBinary(version: string, alpine: boolean): string {
  const gcc = alpine ? 'gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ' : 'gcc 12.2.0 (Debian 12.2.0-14) ';
  return `
if [ "$1" = "-v" ]; then echo "nginx version: nginx/${version}" >&2; exit 0; fi
case_daemon_off=no
for a in "$@"; do if [ "$a" = "daemon off;" ]; then case_daemon_off=yes; fi; done
if [ "$case_daemon_off" = no ]; then exit 0; fi
T=$(date '+%Y/%m/%d %H:%M:%S')
echo "$T [notice] 1#1: using the \\"epoll\\" event method" >&2
echo "$T [notice] 1#1: nginx/${version}" >&2
echo "$T [notice] 1#1: built by ${gcc}" >&2
echo "$T [notice] 1#1: OS: Linux 6.8.0-1015-gcp" >&2
echo "$T [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576" >&2
echo "$T [notice] 1#1: start worker processes" >&2
echo "$T [notice] 1#1: start worker process 29" >&2
echo "$T [notice] 1#1: start worker process 30" >&2
sleep infinity
`;
}

/** fluent-bit with the image's default config: cpu input, stdout output, one record a second. */
export function fluentBit(version: string): string {
  return `
echo "Fluent Bit v${version}"
echo "* Copyright (C) 2015-2024 The Fluent Bit Authors"
echo "* Fluent Bit is a CNCF sub-project under the umbrella of Fluentd"
echo "* https://fluentbit.io"
echo
T=$(date '+[%Y/%m/%d %H:%M:%S]')
echo "$T [ info] [fluent bit] version=${version}, commit=, pid=1"
echo "$T [ info] [storage] ver=1.5.2, type=memory, sync=normal, checksum=off, max_chunks_up=128"
echo "$T [ info] [cmetrics] version=0.9.1"
echo "$T [ info] [ctraces ] version=0.5.1"
echo "$T [ info] [input:cpu:cpu.0] initializing"
echo "$T [ info] [input:cpu:cpu.0] storage_strategy='memory' (memory only)"
echo "$T [ info] [output:stdout:stdout.0] worker #0 started"
echo "$T [ info] [engine] started (pid=1)"
echo "$T [ info] [sp] stream processor started"
sleep 1
while true; do
  echo "[0] cpu.local: [[$(date +%s.%N), {}], {\\"cpu_p\\"=>0.500000, \\"user_p\\"=>0.250000, \\"system_p\\"=>0.250000, \\"cpu0.p_cpu\\"=>1.000000, \\"cpu0.p_user\\"=>0.000000, \\"cpu0.p_system\\"=>1.000000, \\"cpu1.p_cpu\\"=>0.000000, \\"cpu1.p_user\\"=>0.000000, \\"cpu1.p_system\\"=>0.000000}]"
  sleep 1
done
`;
}

/** prometheus node_exporter (go-kit logfmt, as in 1.8.x). */
export function nodeExporter(version: string): string {
  const ts = 'ts=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)';
  const collectors = ['arp', 'bcache', 'bonding', 'btrfs', 'conntrack', 'cpu', 'cpufreq', 'diskstats', 'dmi',
    'edac', 'entropy', 'fibrechannel', 'filefd', 'filesystem', 'hwmon', 'infiniband', 'ipvs', 'loadavg', 'mdadm',
    'meminfo', 'netclass', 'netdev', 'netstat', 'nfs', 'nfsd', 'nvme', 'os', 'powersupplyclass', 'pressure',
    'rapl', 'schedstat', 'selinux', 'sockstat', 'softnet', 'stat', 'tapestats', 'textfile', 'thermal_zone',
    'time', 'timex', 'udp_queues', 'uname', 'vmstat', 'watchdog', 'xfs', 'zfs'];
  return [
    `echo "${ts} caller=node_exporter.go:193 level=info msg=\\"Starting node_exporter\\" version=\\"(version=${version}, branch=HEAD, revision=unknown)\\"" >&2`,
    `echo "${ts} caller=node_exporter.go:194 level=info msg=\\"Build context\\" build_context=\\"(go=go1.22.5, platform=linux/amd64, user=root@buildkitsandbox, tags=unknown)\\"" >&2`,
    `echo "${ts} caller=node_exporter.go:111 level=info msg=\\"Enabled collectors\\"" >&2`,
    ...collectors.map((c) => `echo "${ts} caller=node_exporter.go:118 level=info collector=${c}" >&2`),
    `echo "${ts} caller=tls_config.go:313 level=info msg=\\"Listening on\\" address=[::]:9100" >&2`,
    `echo "${ts} caller=tls_config.go:316 level=info msg=\\"TLS is disabled.\\" http2=false address=[::]:9100" >&2`,
    'sleep infinity',
  ].join('\n');
}

/** A generic daemon: a few start-up lines (stderr, as most Go daemons log) and then it serves forever. */
export function daemon(lines: readonly string[], stream: 'stdout' | 'stderr' = 'stderr'): string {
  const redirect = stream === 'stderr' ? ' >&2' : '';
  return [...lines.map((l) => `echo "${l.replace(/["\\]/g, (c) => `\\${c}`)}"${redirect}`), 'sleep infinity'].join('\n');
}

/** The Kubernetes pause container: silent, forever. */
export const PAUSE = 'sleep infinity';
