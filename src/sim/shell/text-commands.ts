/**
 * Output-producing commands: `echo`, `printf`, `test`/`[`. Kept apart from the
 * time and file commands because their quirks differ per shell (dash's echo always
 * interprets escapes, bash's and busybox's only with -e).
 */
import type { Shell } from './state.js';

/** Interpret backslash escapes as echo -e / printf do; `stop` is set by `\c`. */
function unescape(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i === s.length - 1) { out += c; continue; }
    const n = s[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e': out += '\x1b'; break;
      case '\\': out += '\\'; break;
      case 'c': return { text: out, stop: true };
      case '0': {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))?.[0] ?? '';
        out += String.fromCharCode(parseInt(m || '0', 8));
        i += m.length;
        break;
      }
      default: out += `\\${n ?? ''}`;
    }
  }
  return { text: out, stop: false };
}

/** `echo` with the option rules of the running shell. */
export function echo(sh: Shell, args: string[]): number {
  let newline = true;
  let escapes = sh.cfg.flavor === 'dash';
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    const opts = sh.cfg.flavor === 'dash' ? /^-n+$/ : /^-[neE]+$/;
    if (!opts.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  const joined = args.slice(i).join(' ');
  if (!escapes) {
    sh.write(1, joined + (newline ? '\n' : ''));
    return 0;
  }
  const { text, stop } = unescape(joined);
  sh.write(1, text + (newline && !stop ? '\n' : ''));
  return 0;
}

/** `printf FORMAT ARGS...`: %s %d %i %u %x %o %c %b %f %% with flags, width and precision. */
export function printf(sh: Shell, args: string[]): number {
  const [format, ...rest] = args;
  if (format === undefined) {
    sh.write(2, 'printf: usage: printf format [arguments]\n');
    return sh.cfg.flavor === 'bash' ? 2 : 1;
  }
  let out = '';
  let argi = 0;
  let status = 0;
  const convert = (spec: string): string => {
    const conv = spec[spec.length - 1];
    if (conv === '%') return '%';
    const arg = rest[argi++] ?? '';
    const m = /^%([-+ 0#]*)(\d+)?(?:\.(\d+))?/.exec(spec);
    const flags = m?.[1] ?? '';
    const width = Number(m?.[2] ?? 0);
    const prec = m?.[3];
    let body: string;
    switch (conv) {
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
        const n = arg === '' ? 0 : parseInt(arg, 10);
        if (Number.isNaN(n)) { sh.write(2, `printf: invalid number '${arg}'\n`); status = 1; }
        const v = Number.isNaN(n) ? 0 : n;
        body = conv === 'x' ? v.toString(16) : conv === 'X' ? v.toString(16).toUpperCase() : conv === 'o' ? v.toString(8) : String(v);
        break;
      }
      case 'f': body = (parseFloat(arg) || 0).toFixed(prec === undefined ? 6 : Number(prec)); break;
      case 'c': body = arg.slice(0, 1); break;
      case 'b': body = unescape(arg).text; break;
      default: body = prec === undefined ? arg : arg.slice(0, Number(prec));
    }
    const fill = flags.includes('0') && !flags.includes('-') && conv !== 's' ? '0' : ' ';
    return flags.includes('-') ? body.padEnd(width) : body.padStart(width, fill);
  };
  do {
    const start = argi;
    let last = 0;
    let stop = false;
    for (const m of format.matchAll(/%(?:[-+ 0#]*)(?:\d+)?(?:\.\d+)?[sdiuxXocbf%]/g)) {
      const lit = unescape(format.slice(last, m.index));
      out += lit.text;
      if (lit.stop) { stop = true; break; }
      out += convert(m[0]);
      last = m.index + m[0].length;
    }
    if (!stop) out += unescape(format.slice(last)).text;
    if (argi === start || stop) break;
  } while (argi < rest.length);
  sh.write(1, out);
  return status;
}

const FILES = new Set(['/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/etc/passwd', '/etc/os-release', '/dev/null',
  '/var/run/secrets/kubernetes.io/serviceaccount/namespace', '/var/run/secrets/kubernetes.io/serviceaccount/token',
  '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt', '/bin/sh']);
const DIRS = new Set(['/', '/tmp', '/etc', '/var', '/var/log', '/proc', '/dev', '/root', '/usr', '/bin', '/var/run/secrets/kubernetes.io/serviceaccount']);

/** `test` / `[` with POSIX operators; returns 0, 1, or 2 on a usage error. */
export function test(sh: Shell, name: string, argsIn: string[]): number {
  let args = argsIn;
  if (name === '[') {
    if (args[args.length - 1] !== ']') { sh.write(2, `${name}: missing ]\n`); return 2; }
    args = args.slice(0, -1);
  }
  let i = 0;
  let bad = false;
  const int = (s: string): number => {
    if (!/^\s*-?\d+\s*$/.test(s)) {
      bad = true;
      sh.write(2, sh.cfg.flavor === 'bash' ? `${sh.arg0}: line 1: [: ${s}: integer expression expected\n` : `${sh.arg0}: invalid number '${s}'\n`);
      return 0;
    }
    return parseInt(s, 10);
  };
  const primary = (): boolean => {
    const a = args[i] ?? '';
    const b = args[i + 1];
    if (a === '!' && i + 1 < args.length) { i++; return !primary(); }
    if (a === '(') { i++; const v = or(); i++; return v; }
    if (b !== undefined && ['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge'].includes(b) && i + 2 < args.length) {
      const c = args[i + 2] ?? '';
      i += 3;
      switch (b) {
        case '=': case '==': return a === c;
        case '!=': return a !== c;
        case '-eq': return int(a) === int(c);
        case '-ne': return int(a) !== int(c);
        case '-lt': return int(a) < int(c);
        case '-le': return int(a) <= int(c);
        case '-gt': return int(a) > int(c);
        default: return int(a) >= int(c);
      }
    }
    if (/^-[znefdrwxsLh]$/.test(a) && b !== undefined) {
      i += 2;
      switch (a) {
        case '-z': return b === '';
        case '-n': return b !== '';
        case '-d': return DIRS.has(b);
        case '-e': return FILES.has(b) || DIRS.has(b);
        default: return FILES.has(b);
      }
    }
    i++;
    return a !== '';
  };
  const and = (): boolean => {
    let v = primary();
    while (args[i] === '-a') { i++; const r = primary(); v = v && r; }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (args[i] === '-o') { i++; const r = and(); v = v || r; }
    return v;
  };
  if (args.length === 0) return 1;
  const result = or();
  if (bad) return 2;
  return result ? 0 : 1;
}
