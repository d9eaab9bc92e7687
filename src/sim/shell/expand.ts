/**
 * Word expansion as sh does it: parameters (`$VAR`, `${VAR:-x}`, `$@`, `$?`, `$$`), command
 * substitution, arithmetic, then field splitting of unquoted results (no globbing).
 */
import type { List, Word, WordPart } from './ast.js';
import type { Shell } from './state.js';

/** Runs a `$(...)` body and returns its stdout with trailing newlines removed. */
export type SubRunner = (sh: Shell, body: List) => string;

function special(sh: Shell, name: string): string | undefined {
  switch (name) {
    case '?': return String(sh.status);
    case '$': return '1';
    case '#': return String(sh.positional.length);
    case '0': return sh.arg0;
    case '!': return '';
    case '-': return (sh.errexit ? 'e' : '') + (sh.xtrace ? 'x' : '');
    case '*': case '@': return sh.positional.join(' ');
    default:
      if (/^[0-9]+$/.test(name)) return sh.positional[Number(name) - 1];
      return sh.get(name);
  }
}

function paramValue(sh: Shell, part: Extract<WordPart, { k: 'var' }>, run: SubRunner): string {
  const value = special(sh, part.name);
  const arg = (): string => (part.arg ? expandToString(sh, part.arg, run) : '');
  switch (part.op) {
    case undefined: return value ?? '';
    case '#': return String((value ?? '').length);
    case ':-': return value ? value : arg();
    case '-': return value ?? arg();
    case ':=': case '=': {
      if (part.op === ':=' ? value : value !== undefined) return value ?? '';
      const v = arg();
      sh.vars.set(part.name, v);
      return v;
    }
    case ':+': return value ? arg() : '';
    case '+': return value !== undefined ? arg() : '';
  }
}

/** Expand a word into fields (argv entries). */
export function expandWord(sh: Shell, word: Word, run: SubRunner): string[] {
  const fields: string[] = [];
  let cur = '';
  let has = false;
  const addSplit = (value: string): void => {
    const segs = value.split(/[ \t\n]+/);
    segs.forEach((seg, i) => {
      if (i > 0) {
        if (has || cur) fields.push(cur);
        cur = '';
        has = false;
      }
      cur += seg;
      if (seg) has = true;
    });
  };
  for (const part of word.parts) {
    if (part.k === 'var' && part.name === '@' && part.op === undefined && part.q) {
      sh.positional.forEach((p, i) => {
        if (i > 0) { fields.push(cur); cur = ''; }
        cur += p;
        has = true;
      });
      continue;
    }
    const value = partValue(sh, part, run);
    if (part.q || part.k === 'lit') { cur += value; has = true; } else addSplit(value);
  }
  if (has || cur) fields.push(cur);
  return fields;
}

/** Expand without field splitting (assignments, `case` words, `${x:-word}` arguments). */
export function expandToString(sh: Shell, word: Word, run: SubRunner): string {
  return word.parts.map((p) => partValue(sh, p, run)).join('');
}

function partValue(sh: Shell, part: WordPart, run: SubRunner): string {
  switch (part.k) {
    case 'lit': return part.v;
    case 'var': return paramValue(sh, part, run);
    case 'sub': return run(sh, part.body);
    case 'arith': return String(arith(sh, part.expr));
  }
}

/** Evaluate `$(( ... ))` over integers (C precedence for the usual operators). */
export function arith(sh: Shell, expr: string): number {
  const src = expr.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9?#$])\}?/g, (_m, n: string) => special(sh, n) ?? '0');
  const toks = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\+=|-=|\*=|==|!=|<=|>=|&&|\|\||[-+*/%()<>!=?:]/g) ?? [];
  let i = 0;
  const peek = (): string => toks[i] ?? '';
  const num = (s: string): number => {
    const n = parseInt(s, 10);
    return Number.isFinite(n) ? n : 0;
  };
  const primary = (): number => {
    const t = toks[i++] ?? '';
    if (t === '(') { const v = ternary(); i++; return v; }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (/^[A-Za-z_]/.test(t)) {
      const op = peek();
      if (op === '=' || op === '+=' || op === '-=' || op === '*=') {
        i++;
        const rhs = ternary();
        const old = num(sh.get(t) ?? '0');
        const v = op === '=' ? rhs : op === '+=' ? old + rhs : op === '-=' ? old - rhs : old * rhs;
        sh.vars.set(t, String(v));
        return v;
      }
      return num(sh.get(t) ?? '0');
    }
    return num(t);
  };
  const levels: string[][] = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];
  const binary = (level: number): number => {
    const ops = levels[level];
    if (!ops) return primary();
    let left = binary(level + 1);
    while (ops.includes(peek())) {
      const op = toks[i++];
      const right = binary(level + 1);
      switch (op) {
        case '||': left = left || right ? 1 : 0; break;
        case '&&': left = left && right ? 1 : 0; break;
        case '==': left = left === right ? 1 : 0; break;
        case '!=': left = left !== right ? 1 : 0; break;
        case '<': left = left < right ? 1 : 0; break;
        case '<=': left = left <= right ? 1 : 0; break;
        case '>': left = left > right ? 1 : 0; break;
        case '>=': left = left >= right ? 1 : 0; break;
        case '+': left += right; break;
        case '-': left -= right; break;
        case '*': left *= right; break;
        case '/': left = right === 0 ? 0 : Math.trunc(left / right); break;
        case '%': left = right === 0 ? 0 : left % right; break;
      }
    }
    return left;
  };
  const ternary = (): number => {
    const c = binary(0);
    if (peek() !== '?') return c;
    i++;
    const a = ternary();
    i++;
    const b = ternary();
    return c ? a : b;
  };
  return toks.length ? ternary() : 0;
}
