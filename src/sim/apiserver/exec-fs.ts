/**
 * The tiny filesystem `kubectl exec POD -- ls DIR` shows: the base layout of the image's
 * userland, the files Kubernetes puts into every container, and the container's volume mounts
 * (hostPath mounts list what that directory typically holds on a node). It is served as an
 * `ls` program for the shell simulator, so `ls /` and `sh -c 'ls /var/log'` both work.
 */
import type { Container, Pod } from '../../cluster/types.js';
import type { Userland } from '../images-catalog.js';

const BUSYBOX_ROOT = ['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'];
const DEBIAN_ROOT = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];

/** Files every container has (the shell simulator's `cat` knows their contents). */
const FILES = ['/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/etc/passwd', '/etc/group', '/dev/null', '/dev/termination-log',
  '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt', '/var/run/secrets/kubernetes.io/serviceaccount/namespace',
  '/var/run/secrets/kubernetes.io/serviceaccount/token'];

/** What common node directories contain, for hostPath mounts of them. */
const HOST_DIRS: Record<string, string[]> = {
  '/var/log': ['alternatives.log', 'apt', 'containers', 'dpkg.log', 'journal', 'pods', 'syslog'],
  '/var/log/containers': [],
  '/var/log/pods': [],
  '/var/lib/docker/containers': [],
  '/var/lib/kubelet': ['cpu_manager_state', 'device-plugins', 'kubeadm-flags.env', 'pki', 'plugins', 'pods'],
  '/proc': ['cpuinfo', 'loadavg', 'meminfo', 'mounts', 'stat', 'uptime', 'version'],
  '/sys': ['block', 'bus', 'class', 'dev', 'devices', 'firmware', 'fs', 'kernel', 'module', 'power'],
  '/etc': ['hostname', 'hosts', 'kubernetes', 'os-release', 'passwd', 'resolv.conf'],
  '/': ['bin', 'boot', 'etc', 'home', 'lib', 'opt', 'proc', 'root', 'run', 'sys', 'tmp', 'usr', 'var'],
};

/** Directory → entries, plus the set of plain files. */
interface Tree {
  dirs: Map<string, Set<string>>;
  files: Set<string>;
}

function addPath(tree: Tree, path: string, isFile: boolean): void {
  const parts = path.split('/').filter((p) => p !== '');
  let dir = '/';
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i] ?? '';
    if (!tree.dirs.has(dir)) tree.dirs.set(dir, new Set());
    tree.dirs.get(dir)?.add(name);
    dir = dir === '/' ? `/${name}` : `${dir}/${name}`;
  }
  if (isFile) tree.files.add(dir);
  else if (!tree.dirs.has(dir)) tree.dirs.set(dir, new Set());
}

/** The container's directory tree. */
export function containerTree(pod: Pod, container: Container, userland: Userland): Tree {
  const tree: Tree = { dirs: new Map([['/', new Set()]]), files: new Set() };
  for (const d of userland === 'debian' ? DEBIAN_ROOT : BUSYBOX_ROOT) addPath(tree, `/${d}`, false);
  for (const f of FILES) addPath(tree, f, true);
  if (userland === 'debian') addPath(tree, '/etc/os-release', true);
  for (const m of container.volumeMounts ?? []) {
    const mount = m.mountPath.replace(/\/+$/, '') || '/';
    addPath(tree, mount, false);
    const volume = pod.spec.volumes?.find((v) => v.name === m.name);
    const host = volume?.hostPath?.path.replace(/\/+$/, '') || undefined;
    for (const entry of host !== undefined ? (HOST_DIRS[host || '/'] ?? []) : []) addPath(tree, `${mount === '/' ? '' : mount}/${entry}`, false);
  }
  return tree;
}

const OPTIONS = ['-l', '-a', '-A', '-1', '-la', '-al', '-lA', '-Al', '-lh', '-lah', '-alh', '-F', '-R'];

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function sameAs(path: string): string {
  const rel = path.slice(1);
  const names = path === '/' ? ['/'] : [path, `${path}/`, rel, `${rel}/`];
  return names.map((n) => `[ "$p" = ${q(n)} ]`).join(' || ');
}

/** The shell-simulator script of an `ls` that lists this tree (one name per line, as through a pipe). */
export function lsScript(tree: Tree, userland: Userland): string {
  const lines = ['p=/', 'for a in "$@"; do', `  if ${OPTIONS.map((o) => `[ "$a" = ${o} ]`).join(' || ')}; then true; else p="$a"; fi`, 'done'];
  let first = true;
  for (const [dir, entries] of [...tree.dirs].sort(([a], [b]) => a.localeCompare(b))) {
    const body = entries.size ? [...entries].sort().map((e) => `echo ${q(e)}`).join('; ') : 'true';
    lines.push(`${first ? 'if' : 'elif'} ${sameAs(dir)}; then ${body}`);
    first = false;
  }
  for (const file of [...tree.files].sort()) lines.push(`elif ${sameAs(file)}; then echo "$p"`);
  const missing = userland === 'debian'
    ? `echo "ls: cannot access '$p': No such file or directory" >&2; exit 2`
    : 'echo "ls: $p: No such file or directory" >&2; exit 1';
  lines.push(`else ${missing}; fi`);
  return lines.join('\n');
}
