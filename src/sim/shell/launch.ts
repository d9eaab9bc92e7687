/**
 * From argv to something runnable: which executable an image provides for a name (shell,
 * coreutils, the image's own binaries) and how `sh`/`bash` treat their options. Used both for
 * the container's PID 1 and for commands a script runs.
 */
import type { ImageBehaviour } from '../images-catalog.js';
import type { Command, Flavor, List, SyntaxErrorInfo } from './ast.js';
import { syntaxErrorText } from './ast.js';
import { parseScript } from './parser.js';

/** A runnable process image: a parsed script with its shell settings, or an immediate failure. */
export type Launch =
  | { k: 'script'; list: List; flavor: Flavor; arg0: string; positional: string[]; internal: boolean; errexit: boolean; xtrace: boolean }
  | { k: 'fail'; stderr: string[]; code: number };

/** What a name resolves to inside an image. */
export type Executable =
  | { k: 'shell'; flavor: Flavor }
  | { k: 'utility' }
  | { k: 'program'; script: string };

const BIN_DIRS = new Set(['/bin', '/usr/bin', '/usr/local/bin', '/sbin', '/usr/sbin', '/usr/local/sbin']);
/** Commands any image with a userland has (busybox applets or GNU coreutils). */
export const UTILITIES = new Set(['echo', 'printf', 'sleep', 'date', 'hostname', 'cat', 'tail', 'env', 'printenv',
  'seq', 'uname', 'id', 'whoami', 'true', 'false', 'test', '[', 'kill']);

/** Find an executable the way execvp would (programs match by base name anywhere). */
export function findExecutable(name: string, image: Pick<ImageBehaviour, 'userland' | 'programs'>): Executable | undefined {
  const slash = name.lastIndexOf('/');
  const base = name.slice(slash + 1);
  const program = image.programs?.[base];
  if (program !== undefined) return { k: 'program', script: program };
  if (slash >= 0 && !BIN_DIRS.has(name.slice(0, slash) || '/')) return undefined;
  if (image.userland === 'none') return undefined;
  if (base === 'sh' || base === 'ash') return { k: 'shell', flavor: image.userland === 'busybox' ? 'busybox' : 'dash' };
  if (base === 'dash' && image.userland === 'debian') return { k: 'shell', flavor: 'dash' };
  if (base === 'bash' && image.userland === 'debian') return { k: 'shell', flavor: 'bash' };
  return UTILITIES.has(base) ? { k: 'utility' } : undefined;
}

const cache = new Map<string, ReturnType<typeof parseScript>>();

/** Parse with a bounded cache: 5,000 pods of one DaemonSet share one tree. */
export function parseCached(src: string): ReturnType<typeof parseScript> {
  let r = cache.get(src);
  if (!r) {
    if (cache.size > 500) cache.clear();
    r = parseScript(src);
    cache.set(src, r);
  }
  return r;
}

/** A one-command list that runs argv verbatim (direct exec: no expansion happens). */
export function literalCommand(argv: readonly string[]): List {
  const cmd: Command = { k: 'simple', line: 1, assigns: [], words: argv.map((v) => ({ parts: [{ k: 'lit', v, q: true }] })), redirs: [] };
  return [{ first: { negate: false, cmds: [cmd] }, rest: [] }];
}

function scriptLaunch(src: string, flavor: Flavor, arg0: string, positional: string[], internal: boolean,
  opts: { errexit: boolean; xtrace: boolean }): Launch {
  const parsed = parseCached(src);
  if (!parsed.ok) return { k: 'fail', stderr: syntaxErrorText(parsed.error as SyntaxErrorInfo, flavor, arg0, src), code: 2 };
  return { k: 'script', list: parsed.list, flavor, arg0, positional, internal, ...opts };
}

/** How `sh [-ex] -c SCRIPT [NAME ARGS...]`, `sh FILE` and bare `sh` start. */
export function shellLaunch(argv: readonly string[], flavor: Flavor): Launch {
  const arg0 = argv[0] ?? 'sh';
  const opts = { errexit: false, xtrace: false };
  let command = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') { i++; break; }
    if (!/^-[a-z]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'c') command = true;
      else if (f === 'e') opts.errexit = true;
      else if (f === 'x') opts.xtrace = true;
    }
  }
  const rest = argv.slice(i);
  if (command) {
    const [src, name, ...positional] = rest;
    if (src === undefined) {
      const text = flavor === 'busybox' ? `${arg0}: -c requires an argument` : flavor === 'dash' ? `${arg0}: 0: -c requires an argument` : `${arg0}: -c: option requires an argument`;
      return { k: 'fail', stderr: [text], code: 2 };
    }
    return scriptLaunch(src, flavor, name ?? arg0, positional, false, opts);
  }
  const [file] = rest;
  if (file === undefined) return { k: 'script', list: [], flavor, arg0, positional: [], internal: false, ...opts };
  switch (flavor) {
    case 'busybox': return { k: 'fail', stderr: [`${arg0}: can't open '${file}': No such file or directory`], code: 2 };
    case 'dash': return { k: 'fail', stderr: [`${arg0}: 0: cannot open ${file}: No such file`], code: 2 };
    case 'bash': return { k: 'fail', stderr: [`${arg0}: ${file}: No such file or directory`], code: 127 };
  }
}

/** Launch an executable found by `findExecutable`. */
export function launchFor(exe: Executable, argv: readonly string[], userland: ImageBehaviour['userland']): Launch {
  switch (exe.k) {
    case 'shell': return shellLaunch(argv, exe.flavor);
    case 'program': {
      const name = argv[0] ?? '';
      return scriptLaunch(exe.script, 'busybox', name.slice(name.lastIndexOf('/') + 1), argv.slice(1), true, { errexit: false, xtrace: false });
    }
    case 'utility':
      return { k: 'script', list: literalCommand(argv), flavor: userland === 'debian' ? 'dash' : 'busybox', arg0: argv[0] ?? '', positional: [], internal: false, errexit: false, xtrace: false };
  }
}
