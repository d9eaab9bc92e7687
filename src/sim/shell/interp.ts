/**
 * The interpreter: walks the tree against a `Shell`, advancing the process clock on `sleep`.
 * Infinite loops are recognised after a few iterations and handed to the timeline as a
 * `PeriodicSignal` (see loops.ts), so nothing ever runs unboundedly.
 */
import type { AndOr, Command, List, Pipeline, Redirect } from './ast.js';
import { expandToString, expandWord } from './expand.js';
import { findExecutable, launchFor, type Launch } from './launch.js';
import { runLoop } from './loops.js';
import { ExitSignal, LoopSignal, Output, Shell, type Target } from './state.js';
import { cat, date, env, identity, seq, sleep, tail } from './sys-commands.js';
import { echo, printf, test } from './text-commands.js';
import { parseScript } from './parser.js';

/** Run a list; returns the status of the last command. */
export function runList(sh: Shell, list: List): number {
  let status = sh.status;
  for (const ao of list) status = runAndOr(sh, ao);
  return status;
}

/** Run a list as a condition (`if`, `while`, left of `&&`): `set -e` does not apply inside. */
export function runCondition(sh: Shell, list: List): number {
  sh.condDepth++;
  try {
    return runList(sh, list);
  } finally {
    sh.condDepth--;
  }
}

function runAndOr(sh: Shell, ao: AndOr): number {
  const chain = [{ op: '&&' as const, p: ao.first }, ...ao.rest];
  let status = 0;
  let ranLast = false;
  chain.forEach(({ op, p }, k) => {
    if (k > 0 && (op === '&&') !== (status === 0)) { ranLast = false; return; }
    const last = k === chain.length - 1;
    if (!last) sh.condDepth++;
    try {
      status = runPipeline(sh, p);
    } finally {
      if (!last) sh.condDepth--;
    }
    ranLast = last && !p.negate;
  });
  sh.status = status;
  if (sh.errexit && status !== 0 && sh.condDepth === 0 && ranLast) throw new ExitSignal(status);
  return status;
}

/** Pipes: stdout of all but the last stage is consumed by the next; `| cat` and `| tee` pass it on. */
function runPipeline(sh: Shell, p: Pipeline): number {
  const cmds = p.cmds;
  const last = cmds[cmds.length - 1];
  const passThrough = last?.k === 'simple' && /^(cat|tee)$/.test(last.words[0]?.parts.map((x) => (x.k === 'lit' ? x.v : '')).join('') ?? '');
  let status = 0;
  cmds.forEach((cmd, i) => {
    if (i < cmds.length - 1) {
      const saved = sh.fds[1];
      if (!passThrough) sh.fds[1] = 'null';
      try { status = runCommand(sh, cmd); } finally { sh.fds[1] = saved; }
    } else if (!(passThrough && cmds.length > 1)) status = runCommand(sh, cmd);
  });
  if (p.negate) status = status === 0 ? 1 : 0;
  sh.status = status;
  return status;
}

/** Apply redirections around `fn` (or for good, for `exec >&2`). */
function withRedirs(sh: Shell, redirs: Redirect[], fn: () => number, permanent = false): number {
  if (redirs.length === 0) return fn();
  const saved = { ...sh.fds };
  const next = { ...sh.fds };
  for (const r of redirs) {
    const to: Target = r.to === 'fd1' ? next[1] : r.to === 'fd2' ? next[2] : r.to;
    next[r.fd] = to;
  }
  sh.fds = next;
  if (permanent) return fn();
  try {
    return fn();
  } finally {
    sh.fds = saved;
  }
}

/** Run one command of the tree. */
export function runCommand(sh: Shell, cmd: Command): number {
  switch (cmd.k) {
    case 'simple': return runSimple(sh, cmd);
    case 'loop': return withRedirs(sh, cmd.redirs, () => runLoop(sh, cmd, runCondition, runList));
    case 'for': return withRedirs(sh, cmd.redirs, () => {
      const items = cmd.items ? cmd.items.flatMap((w) => expandWord(sh, w, runSub)) : [...sh.positional];
      let status = 0;
      for (const item of items) {
        sh.vars.set(cmd.name, item);
        try {
          status = runList(sh, cmd.body);
        } catch (e) {
          if (!(e instanceof LoopSignal)) throw e;
          if (e.levels > 1) { e.levels--; throw e; }
          if (e.kind === 'break') break;
        }
      }
      return status;
    });
    case 'if': return withRedirs(sh, cmd.redirs, () => {
      for (const b of cmd.branches) if (runCondition(sh, b.cond) === 0) return runList(sh, b.body);
      return cmd.otherwise ? runList(sh, cmd.otherwise) : 0;
    });
    case 'group': return withRedirs(sh, cmd.redirs, () => {
      if (!cmd.subshell) return runList(sh, cmd.body);
      const child = sh.clone();
      try { return runList(child, cmd.body); } catch (e) {
        if (e instanceof ExitSignal) return e.code;
        throw e;
      }
    });
  }
}

/** `$(...)`: run in a copy of the shell with stdout captured; trailing newlines are dropped. */
export function runSub(sh: Shell, body: List): string {
  const child = sh.clone();
  child.captured = [];
  child.fds = { 1: 'capture', 2: sh.fds[2] };
  child.detect = false;
  try {
    sh.status = runList(child, body);
  } catch (e) {
    if (!(e instanceof ExitSignal)) throw e;
    sh.status = e.code;
  }
  sh.subStatus = sh.status;
  return child.captured.join('').replace(/\n+$/, '');
}

function quoteTrace(v: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

function runSimple(sh: Shell, cmd: Extract<Command, { k: 'simple' }>): number {
  sh.out.tick();
  sh.subStatus = 0;
  const argv = cmd.words.flatMap((w) => expandWord(sh, w, runSub));
  const assigns = cmd.assigns.map((a) => [a.name, expandToString(sh, a.value, runSub)] as const);
  if (sh.xtrace) sh.write(2, `+ ${[...assigns.map(([n, v]) => `${n}=${quoteTrace(v)}`), ...argv.map(quoteTrace)].join(' ')}\n`);
  if (argv.length === 0) {
    for (const [n, v] of assigns) sh.vars.set(n, v);
    return withRedirs(sh, cmd.redirs, () => sh.subStatus, true);
  }
  const permanent = argv[0] === 'exec' && argv.length === 1;
  return withRedirs(sh, cmd.redirs, () => execArgv(sh, argv, cmd.line, assigns), permanent);
}

/** Run argv: builtins first, then executables of the image, else "not found" (127). */
export function execArgv(sh: Shell, argv: string[], line: number, assigns: readonly (readonly [string, string])[] = []): number {
  const [name = '', ...args] = argv;
  switch (name) {
    case 'exit': throw new ExitSignal(args[0] === undefined ? sh.status : (Number(args[0]) & 255) || 0);
    case ':': case 'true': case 'trap': case 'cd': case 'umask': case 'ulimit': case 'wait': case 'kill': case 'local': return 0;
    case 'false': return 1;
    case 'echo': return echo(sh, args);
    case 'printf': return printf(sh, args);
    case 'test': case '[': return test(sh, name, args);
    case 'read': return 1;
    case 'break': case 'continue': throw new LoopSignal(name, Math.max(1, Number(args[0] ?? 1) || 1));
    case 'set': return setOptions(sh, args);
    case 'shift': sh.positional = sh.positional.slice(Number(args[0] ?? 1) || 1); return 0;
    case 'export': case 'readonly':
      for (const a of args) {
        const eq = a.indexOf('=');
        const n = eq >= 0 ? a.slice(0, eq) : a;
        if (eq >= 0) sh.vars.set(n, a.slice(eq + 1));
        if (name === 'export') sh.exported.add(n);
      }
      return 0;
    case 'unset': for (const a of args) { sh.vars.delete(a); sh.exported.delete(a); } return 0;
    case 'eval': {
      const parsed = parseScript(args.join(' '));
      if (!parsed.ok) { sh.error(line, 'eval: syntax error'); return 2; }
      return runList(sh, parsed.list);
    }
    case 'exec':
      if (args.length === 0) return 0;
      throw new ExitSignal(execArgv(sh, args, line, assigns));
  }
  const exe = findExecutable(name, { userland: sh.internal ? 'busybox' : sh.cfg.userland, programs: sh.cfg.programs });
  if (!exe) {
    if (sh.cfg.flavor === 'bash') sh.error(line, `${name}: command not found`);
    else sh.error(line, `${name}: not found`);
    return 127;
  }
  if (exe.k === 'utility') return utility(sh, name.slice(name.lastIndexOf('/') + 1), args);
  return runLaunch(sh, launchFor(exe, argv, sh.cfg.userland), assigns);
}

function utility(sh: Shell, base: string, args: string[]): number {
  switch (base) {
    case 'sleep': return sleep(sh, args);
    case 'date': return date(sh, args);
    case 'cat': return cat(sh, args);
    case 'tail': return tail(sh, args);
    case 'env': case 'printenv': return env(sh, base, args);
    case 'seq': return seq(sh, args);
    case 'hostname': case 'uname': case 'id': case 'whoami': return identity(sh, base, args);
    default: return execArgv(sh, [base, ...args], 1);
  }
}

function setOptions(sh: Shell, args: string[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') { sh.positional = args.slice(i + 1); return 0; }
    if (a === '-o' || a === '+o') {
      const opt = args[++i];
      if (opt === 'errexit') sh.errexit = a === '-o';
      if (opt === 'xtrace') sh.xtrace = a === '-o';
      continue;
    }
    if (!/^[-+][a-z]+$/.test(a)) { sh.positional = args.slice(i); return 0; }
    for (const f of a.slice(1)) {
      if (f === 'e') sh.errexit = a[0] === '-';
      if (f === 'x') sh.xtrace = a[0] === '-';
    }
  }
  return 0;
}

/** Run a child process (nested shell or image program) on the same clock and log. */
export function runLaunch(parent: Shell, launch: Launch, assigns: readonly (readonly [string, string])[] = []): number {
  if (launch.k === 'fail') {
    for (const l of launch.stderr) parent.write(2, `${l}\n`);
    return launch.code;
  }
  const child = new Shell({ ...parent.cfg, flavor: launch.flavor }, parent.out);
  for (const k of parent.exported) {
    const v = parent.vars.get(k);
    if (v !== undefined) { child.vars.set(k, v); child.exported.add(k); }
  }
  for (const [k, v] of assigns) { child.vars.set(k, v); child.exported.add(k); }
  child.fds = { ...parent.fds };
  child.captured = parent.captured;
  child.detect = parent.detect;
  return runProcessBody(child, launch);
}

/** Run a script launch in a fresh shell until it ends; returns its exit code. */
export function runProcessBody(sh: Shell, launch: Extract<Launch, { k: 'script' }>): number {
  sh.arg0 = launch.arg0;
  sh.positional = launch.positional;
  sh.internal = launch.internal;
  sh.errexit = launch.errexit;
  sh.xtrace = launch.xtrace;
  try {
    return runList(sh, launch.list);
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    if (e instanceof LoopSignal) return sh.status;
    throw e;
  }
}

/** A new top-level shell for a process. */
export function newShell(cfg: Shell['cfg'], startT: number): Shell {
  return new Shell(cfg, new Output(startT));
}
