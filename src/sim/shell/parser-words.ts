/**
 * Character-level half of the parser: cursor, errors, and words with their quoting and
 * `$` expansions. `Parser` (parser.ts) adds the grammar of commands on top.
 */
import type { List, SyntaxErrorInfo, VarOp, Word, WordPart } from './ast.js';

/** Thrown internally; callers get it back as data from `parseScript`. */
export class ParseFailure extends Error {
  constructor(readonly info: SyntaxErrorInfo) {
    super(info.kind);
  }
}

/** Characters that end an unquoted word. */
export const DELIM = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>', '']);

/** Cursor over the script plus word reading; the grammar supplies `list`/`expect` for `$(...)`. */
export abstract class WordReader {
  pos = 0;
  line = 1;
  constructor(protected readonly src: string) {}

  eof(): boolean {
    return this.pos >= this.src.length;
  }
  ch(o = 0): string {
    return this.src[this.pos + o] ?? '';
  }
  next(): string {
    const c = this.ch();
    this.pos++;
    if (c === '\n') this.line++;
    return c;
  }
  fail(kind: SyntaxErrorInfo['kind'], token: string, line = this.line, quote?: string): never {
    throw new ParseFailure({ kind, token, line, ...(quote !== undefined ? { quote } : {}) });
  }

  abstract list(terms: Set<string>): List;
  abstract expect(word: string): void;
  abstract peekToken(): string;
  /** Parse the text of a backtick substitution as a script of its own. */
  abstract nested(src: string): List;

  /** Read one word; undefined at a delimiter. */
  word(): Word | undefined {
    const parts: WordPart[] = [];
    const lit = (v: string, q: boolean): void => {
      const last = parts[parts.length - 1];
      if (last?.k === 'lit' && last.q === q) last.v += v;
      else parts.push({ k: 'lit', v, q });
    };
    for (;;) {
      const c = this.ch();
      if (DELIM.has(c)) break;
      if (c === '\\') {
        this.next();
        if (this.ch() === '\n') { this.next(); continue; }
        lit(this.next(), true);
      } else if (c === "'") {
        const start = this.line;
        this.next();
        const end = this.src.indexOf("'", this.pos);
        if (end < 0) this.fail('unterminated-quote', "'", start, "'");
        let s = '';
        while (this.pos < end) s += this.next();
        this.next();
        lit(s, true);
      } else if (c === '"') {
        this.doubleQuoted(parts, lit);
      } else if (c === '$') {
        parts.push(this.dollar(false));
      } else if (c === '`') {
        parts.push(this.backtick(false));
      } else lit(this.next(), false);
    }
    return parts.length ? { parts } : undefined;
  }

  doubleQuoted(parts: WordPart[], lit: (v: string, q: boolean) => void): void {
    const start = this.line;
    this.next();
    lit('', true);
    for (;;) {
      const c = this.ch();
      if (c === '') this.fail('unterminated-quote', '"', start, '"');
      if (c === '"') { this.next(); return; }
      if (c === '\\' && '$`"\\\n'.includes(this.ch(1))) {
        this.next();
        const e = this.next();
        if (e !== '\n') lit(e, true);
      } else if (c === '$') parts.push(this.dollar(true));
      else if (c === '`') parts.push(this.backtick(true));
      else lit(this.next(), true);
    }
  }

  backtick(q: boolean): WordPart {
    const start = this.line;
    this.next();
    let inner = '';
    for (;;) {
      const c = this.ch();
      if (c === '') this.fail('unterminated-quote', '`', start, '`');
      this.next();
      if (c === '`') break;
      if (c === '\\' && '$`\\'.includes(this.ch())) inner += this.next();
      else inner += c;
    }
    return { k: 'sub', body: this.nested(inner), q };
  }

  dollar(q: boolean): WordPart {
    this.next();
    const c = this.ch();
    if (c === '(' && this.ch(1) === '(') {
      this.next(); this.next();
      let depth = 0;
      let expr = '';
      for (;;) {
        const x = this.ch();
        if (x === '') this.fail('eof-expecting', '))');
        if (x === ')' && depth === 0 && this.ch(1) === ')') { this.next(); this.next(); return { k: 'arith', expr, q }; }
        if (x === '(') depth++;
        if (x === ')') depth--;
        expr += this.next();
      }
    }
    if (c === '(') {
      this.next();
      const body = this.list(new Set([')']));
      this.expect(')');
      return { k: 'sub', body, q };
    }
    if (c === '{') return this.braced(q);
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!-])/.exec(this.src.slice(this.pos));
    if (!m) return { k: 'lit', v: '$', q };
    for (let i = 0; i < m[0].length; i++) this.next();
    return { k: 'var', name: m[0], op: undefined, arg: undefined, q };
  }

  braced(q: boolean): WordPart {
    this.next();
    const start = this.line;
    let length = false;
    if (this.ch() === '#' && /[A-Za-z_0-9?@*]/.test(this.ch(1))) { this.next(); length = true; }
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])/.exec(this.src.slice(this.pos));
    const name = m?.[0] ?? '';
    for (let i = 0; i < name.length; i++) this.next();
    if (length) {
      if (this.ch() !== '}') this.fail('unexpected', this.peekToken());
      this.next();
      return { k: 'var', name, op: '#', arg: undefined, q }; }
    const opm = /^(?::-|:=|:\+|-|=|\+)/.exec(this.src.slice(this.pos));
    if (!opm) {
      if (this.ch() !== '}') this.fail(this.eof() ? 'unterminated-quote' : 'unexpected', '}', start, '}');
      this.next();
      return { k: 'var', name, op: undefined, arg: undefined, q };
    }
    for (let i = 0; i < opm[0].length; i++) this.next();
    const parts: WordPart[] = [];
    for (;;) {
      const c = this.ch();
      if (c === '') this.fail('unterminated-quote', '}', start, '}');
      if (c === '}') { this.next(); break; }
      if (c === '$') parts.push(this.dollar(q));
      else if (c === '"') this.doubleQuoted(parts, (v, qq) => parts.push({ k: 'lit', v, q: qq }));
      else if (c === "'") {
        this.next();
        let s = '';
        while (this.ch() !== "'" && !this.eof()) s += this.next();
        this.next();
        parts.push({ k: 'lit', v: s, q: true });
      } else parts.push({ k: 'lit', v: this.next(), q });
    }
    return { k: 'var', name, op: toOp(opm[0]), arg: { parts }, q };
  }
}

function toOp(s: string): VarOp {
  switch (s) {
    case ':-': case '-': case ':=': case '=': case ':+': case '+': return s;
    default: return ':-';
  }
}
