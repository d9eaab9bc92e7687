/**
 * Utilities that read the simulated machine: `sleep` (advances the process clock), `date`,
 * `hostname`, `cat` of the files Kubernetes puts in every container, `tail -f`, `env`, `seq`,
 * `uname`, `id`. Messages follow busybox or GNU coreutils depending on the image.
 */
import { dateFormatFromArgs, dateMarker } from './dates.js';
import { ForeverSignal, type Shell } from './state.js';

const UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `sleep N[smhd]...` (summed, decimals allowed); `infinity` never returns. */
export function sleep(sh: Shell, args: string[]): number {
  const gnu = sh.cfg.userland === 'debian';
  if (args.length === 0) {
    sh.write(2, gnu ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : 'sleep: missing operand\n');
    return 1;
  }
  let total = 0;
  for (const a of args) {
    if (/^(inf|infinity)$/i.test(a)) throw new ForeverSignal();
    const m = /^(\d*\.?\d+)([smhd]?)$/.exec(a);
    if (!m) {
      sh.write(2, gnu ? `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${a}'\n`);
      return 1;
    }
    total += Number(m[1]) * (UNITS[m[2] ?? ''] ?? 1000);
  }
  sh.out.now += Math.round(total);
  return 0;
}

/** `date [-u] [+FORMAT]`: prints a marker rendered at read time (see dates.ts). */
export function date(sh: Shell, args: string[]): number {
  const f = dateFormatFromArgs(args);
  if ('error' in f) { sh.write(2, `${f.error}\n`); return 1; }
  sh.write(1, `${dateMarker(sh.out.now, f.format)}\n`);
  return 0;
}

function fileText(sh: Shell, path: string): string | undefined {
  const { hostname, namespace, podIP } = sh.cfg;
  switch (path) {
    case '/etc/hostname': return `${hostname}\n`;
    case '/dev/null': return '';
    case '/var/run/secrets/kubernetes.io/serviceaccount/namespace': return namespace;
    case '/etc/hosts':
      return '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'
        + 'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n'
        + (podIP ? `${podIP}\t${hostname}\n` : '');
    case '/etc/resolv.conf':
      return `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`;
    case '/etc/passwd': return 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
    case '/etc/os-release':
      return sh.cfg.userland === 'debian'
        ? 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n'
        : undefined;
    default: return undefined;
  }
}

/** `cat FILE...` of the few files every container has; others are missing. */
export function cat(sh: Shell, args: string[]): number {
  let status = 0;
  for (const a of args.filter((x) => x !== '-')) {
    const text = fileText(sh, a);
    if (text === undefined) {
      sh.write(2, sh.cfg.userland === 'debian' ? `cat: ${a}: No such file or directory\n` : `cat: can't open '${a}': No such file or directory\n`);
      status = 1;
    } else sh.write(1, text);
  }
  return status;
}

/** `tail -f X` follows forever; plain `tail FILE` prints its last lines. */
export function tail(sh: Shell, args: string[]): number {
  if (args.some((a) => a === '-f' || a === '-F' || a === '--follow' || /^-[a-zA-Z]*f/.test(a))) throw new ForeverSignal();
  const files = args.filter((a) => !a.startsWith('-') && !/^\d+$/.test(a));
  return cat(sh, files);
}

/** `env` / `printenv [NAME]` over the exported variables. */
export function env(sh: Shell, name: string, args: string[]): number {
  if (name === 'printenv' && args.length > 0) {
    let status = 0;
    for (const a of args) {
      const v = sh.exported.has(a) ? sh.vars.get(a) : undefined;
      if (v === undefined) status = 1;
      else sh.write(1, `${v}\n`);
    }
    return status;
  }
  for (const k of sh.exported) {
    const v = sh.vars.get(k);
    if (v !== undefined) sh.write(1, `${k}=${v}\n`);
  }
  return 0;
}

/** `seq [FIRST [INCR]] LAST`. */
export function seq(sh: Shell, args: string[]): number {
  const nums = args.map(Number);
  if (nums.length === 0 || nums.length > 3 || nums.some((n) => Number.isNaN(n))) {
    const bad = args.find((a) => Number.isNaN(Number(a)));
    sh.write(2, bad !== undefined ? `seq: invalid floating point argument: '${bad}'\n` : 'seq: missing operand\n');
    return 1;
  }
  const [first, incr, last] = nums.length === 1 ? [1, 1, nums[0] ?? 1] : nums.length === 2 ? [nums[0] ?? 1, 1, nums[1] ?? 1] : [nums[0] ?? 1, nums[1] ?? 1, nums[2] ?? 1];
  if (incr === 0) return 1;
  let out = '';
  for (let n = first, k = 0; incr > 0 ? n <= last : n >= last; n += incr, k++) {
    out += `${n}\n`;
    if (k > 100_000) break;
  }
  sh.write(1, out);
  return 0;
}

/** `hostname`, `uname`, `id`, `whoami`: facts of the pod and node. */
export function identity(sh: Shell, name: string, args: string[]): number {
  const kernel = '6.8.0-1015-gcp';
  switch (name) {
    case 'hostname': sh.write(1, `${args.includes('-i') ? (sh.cfg.podIP ?? '') : sh.cfg.hostname}\n`); return 0;
    case 'whoami': sh.write(1, 'root\n'); return 0;
    case 'id': sh.write(1, 'uid=0(root) gid=0(root) groups=0(root)\n'); return 0;
    default: {
      const a = args.join('');
      const out = a.includes('a') ? `Linux ${sh.cfg.hostname} ${kernel} #15-Ubuntu SMP x86_64 GNU/Linux`
        : a.includes('r') ? kernel : a.includes('n') ? sh.cfg.hostname : a.includes('m') ? 'x86_64' : 'Linux';
      sh.write(1, `${out}\n`);
      return 0;
    }
  }
}
