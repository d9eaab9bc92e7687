/**
 * Recursive-descent parser for the sh subset: lists, `&&`/`||`, pipelines, while/until/for/if,
 * `{ }`, `( )`, quoting, `$VAR`/`${VAR:-x}`/`$(...)`/backticks/`$((...))` and fd redirections.
 * Not understood: functions (a syntax error at `(`), `case` (runs as an unknown command), here-documents.
 */
import type { AndOr, Command, List, Pipeline, Redirect, SyntaxErrorInfo, Word, WordPart } from './ast.js';
import { DELIM, ParseFailure, WordReader } from './parser-words.js';

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'in', '{', '}', '!']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parse a script; a syntax error comes back as data so the process can report it and exit 2. */
export function parseScript(src: string): { ok: true; list: List } | { ok: false; error: SyntaxErrorInfo } {
  const p = new Parser(src);
  try {
    const list = p.list(new Set());
    p.blanks(true);
    if (!p.eof()) p.fail('unexpected', p.peekToken());
    return { ok: true, list };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.info };
    throw e;
  }
}

class Parser extends WordReader {
  /** Skip spaces, tabs, line continuations and comments; with `newlines` also newlines. */
  blanks(newlines = false): void {
    for (;;) {
      const c = this.ch();
      if (c === ' ' || c === '\t' || (newlines && c === '\n')) this.next();
      else if (c === '\\' && this.ch(1) === '\n') { this.next(); this.next(); }
      else if (c === '#') { while (!this.eof() && this.ch() !== '\n') this.next(); }
      else return;
    }
  }

  /** The reserved word at the cursor, if any (only meaningful at command position). */
  reserved(): string | undefined {
    let end = this.pos;
    while (!DELIM.has(this.src[end] ?? '')) end++;
    const w = this.src.slice(this.pos, end);
    return RESERVED.has(w) ? w : undefined;
  }

  peekToken(): string {
    const r = this.reserved();
    if (r) return r;
    const c = this.ch();
    if ((c === ';' || c === '&' || c === '|') && this.ch(1) === c) return c + c;
    return c === '' ? 'end of file' : c;
  }

  atTerminator(terms: Set<string>): boolean {
    if (terms.has(')') && this.ch() === ')') return true;
    const r = this.reserved();
    return r !== undefined && terms.has(r);
  }

  expect(word: string): void {
    this.blanks(true);
    if (word === ')' ? this.ch() === ')' : this.reserved() === word) {
      for (let i = 0; i < word.length; i++) this.next();
      return;
    }
    if (this.eof()) this.fail('eof-expecting', word);
    this.fail('unexpected', this.peekToken());
  }

  list(terms: Set<string>): List {
    const items: AndOr[] = [];
    for (;;) {
      this.blanks(true);
      if (this.eof() || this.atTerminator(terms)) return items;
      items.push(this.andOr());
      this.blanks();
      const c = this.ch();
      if ((c === ';' && this.ch(1) !== ';') || (c === '&' && this.ch(1) !== '&') || c === '\n') this.next();
      else if (this.eof() || this.atTerminator(terms)) return items;
      else this.fail('unexpected', this.peekToken());
    }
  }

  andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.blanks();
      const two = this.ch() + this.ch(1);
      if (two !== '&&' && two !== '||') return { first, rest };
      this.next(); this.next();
      this.blanks(true);
      rest.push({ op: two, p: this.pipeline() });
    }
  }

  pipeline(): Pipeline {
    this.blanks();
    let negate = false;
    if (this.reserved() === '!') { this.next(); negate = true; this.blanks(); }
    const cmds = [this.command()];
    for (;;) {
      this.blanks();
      if (this.ch() !== '|' || this.ch(1) === '|') return { negate, cmds };
      this.next();
      this.blanks(true);
      cmds.push(this.command());
    }
  }

  command(): Command {
    this.blanks();
    const line = this.line;
    const kw = this.reserved();
    const consume = (w: string): void => { for (let i = 0; i < w.length; i++) this.next(); };
    if (kw === 'while' || kw === 'until') {
      consume(kw);
      const cond = this.list(new Set(['do']));
      this.expect('do');
      const body = this.list(new Set(['done']));
      this.expect('done');
      return { k: 'loop', line, until: kw === 'until', cond, body, redirs: this.redirects() };
    }
    if (kw === 'for') return this.forLoop(line);
    if (kw === 'if') return this.ifClause(line);
    if (kw === '{') {
      consume('{');
      const body = this.list(new Set(['}']));
      this.expect('}');
      return { k: 'group', line, body, subshell: false, redirs: this.redirects() };
    }
    if (this.ch() === '(') {
      this.next();
      const body = this.list(new Set([')']));
      this.expect(')');
      return { k: 'group', line, body, subshell: true, redirs: this.redirects() };
    }
    if (kw !== undefined) this.fail('unexpected', kw);
    return this.simple(line);
  }

  forLoop(line: number): Command {
    for (let i = 0; i < 3; i++) this.next();
    this.blanks();
    const nameWord = this.word();
    const name = nameWord?.parts[0]?.k === 'lit' ? nameWord.parts[0].v : '';
    if (!NAME_RE.test(name)) this.fail('unexpected', name || this.peekToken());
    this.blanks();
    let items: Word[] | undefined;
    if (this.reserved() === 'in') {
      this.next(); this.next();
      items = [];
      for (;;) {
        this.blanks();
        const c = this.ch();
        if (c === ';' || c === '\n' || c === '') break;
        const w = this.word();
        if (!w) this.fail('unexpected', this.peekToken());
        items.push(w);
      }
    }
    this.blanks();
    if (this.ch() === ';') this.next();
    this.expect('do');
    const body = this.list(new Set(['done']));
    this.expect('done');
    return { k: 'for', line, name, items, body, redirs: this.redirects() };
  }

  ifClause(line: number): Command {
    this.next(); this.next();
    const branches: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.list(new Set(['then']));
      this.expect('then');
      branches.push({ cond, body: this.list(new Set(['elif', 'else', 'fi'])) });
      this.blanks(true);
      const kw = this.reserved();
      if (kw === 'elif') { for (let i = 0; i < 4; i++) this.next(); continue; }
      if (kw === 'else') {
        for (let i = 0; i < 4; i++) this.next();
        otherwise = this.list(new Set(['fi']));
      }
      this.expect('fi');
      return { k: 'if', line, branches, otherwise, redirs: this.redirects() };
    }
  }

  simple(line: number): Command {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      this.blanks();
      const c = this.ch();
      if (c === '' || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') break;
      if (c === '(') this.fail('unexpected', '(');
      const r = this.redirect();
      if (r) { if (r !== 'ignored') redirs.push(r); continue; }
      const w = this.word();
      if (!w) break;
      const first = w.parts[0];
      const eq = first?.k === 'lit' && !first.q ? first.v.indexOf('=') : -1;
      if (words.length === 0 && first?.k === 'lit' && eq > 0 && NAME_RE.test(first.v.slice(0, eq))) {
        const rest: WordPart[] = [{ k: 'lit', v: first.v.slice(eq + 1), q: true }, ...w.parts.slice(1)];
        assigns.push({ name: first.v.slice(0, eq), value: { parts: rest } });
      } else words.push(w);
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) this.fail('unexpected', this.peekToken());
    return { k: 'simple', line, assigns, words, redirs };
  }

  /** Parse `[n]>`, `[n]>>`, `[n]>&m`, `<`; file targets are swallowed (files are not modelled). */
  redirect(): Redirect | 'ignored' | undefined {
    let i = 0;
    let fd: 1 | 2 = 1;
    const d = this.ch();
    if ((d === '1' || d === '2') && (this.ch(1) === '>' || this.ch(1) === '<')) { fd = d === '2' ? 2 : 1; i = 1; }
    const op = this.ch(i);
    if (op !== '>' && op !== '<') return undefined;
    for (let k = 0; k <= i; k++) this.next();
    if (op === '>' && this.ch() === '>') this.next();
    if (this.ch() === '&') {
      this.next();
      const t = this.next();
      if (op === '<') return 'ignored';
      return { fd, to: t === '2' ? 'fd2' : t === '1' ? 'fd1' : 'null' };
    }
    this.blanks();
    const target = this.word();
    if (!target) this.fail(this.eof() ? 'eof-expecting' : 'unexpected', this.eof() ? 'word' : this.peekToken());
    if (op === '<') return 'ignored';
    const lit = target.parts.length === 1 && target.parts[0]?.k === 'lit' ? target.parts[0].v : '';
    const to = lit === '/dev/stderr' ? 'stderr' : lit === '/dev/stdout' ? 'stdout' : 'null';
    return { fd, to };
  }

  redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      this.blanks();
      const r = this.redirect();
      if (!r) return out;
      if (r !== 'ignored') out.push(r);
    }
  }

  nested(src: string): List {
    const sub = parseScript(src);
    if (!sub.ok) throw new ParseFailure(sub.error);
    return sub.list;
  }
}
