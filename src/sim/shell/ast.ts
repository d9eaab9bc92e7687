/**
 * Syntax tree of the small POSIX-sh subset the simulator runs. Parsed once per distinct script
 * (and cached), then interpreted for each container start.
 */

/** One piece of a word; `q` marks text inside double quotes, which is never field-split. */
export type WordPart =
  | { k: 'lit'; v: string; q: boolean }
  | { k: 'var'; name: string; op: VarOp | undefined; arg: Word | undefined; q: boolean }
  | { k: 'sub'; body: List; q: boolean }
  | { k: 'arith'; expr: string; q: boolean };

/** `${VAR<op>arg}` operators we understand (`#` means `${#VAR}`, the length). */
export type VarOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | '#';

/** A shell word before expansion. */
export interface Word {
  parts: WordPart[];
}

/** Where an fd goes: only the destinations visible in `kubectl logs` matter. */
export type Sink = 'stdout' | 'stderr' | 'null';

/** A redirection such as `>&2`, `2>&1`, `>/dev/null`, `> /tmp/x` (files are write-only sinks). */
export interface Redirect {
  fd: 1 | 2;
  to: Sink | 'fd1' | 'fd2';
}

/** A command of the tree; `line` (1-based) is used in dash/bash error messages. */
export type Command =
  | { k: 'simple'; line: number; assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redirect[] }
  | { k: 'loop'; line: number; until: boolean; cond: List; body: List; redirs: Redirect[] }
  | { k: 'for'; line: number; name: string; items: Word[] | undefined; body: List; redirs: Redirect[] }
  | { k: 'if'; line: number; branches: { cond: List; body: List }[]; otherwise: List | undefined; redirs: Redirect[] }
  | { k: 'group'; line: number; body: List; subshell: boolean; redirs: Redirect[] };

/** `a | b | c`, optionally negated with `!`. */
export interface Pipeline {
  negate: boolean;
  cmds: Command[];
}

/** `p1 && p2 || p3`. */
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; p: Pipeline }[];
}

/** Commands separated by `;`, `&` or newlines. */
export type List = AndOr[];

/** The dialect decides error texts and a few builtin details (busybox ash, Debian dash, bash). */
export type Flavor = 'busybox' | 'dash' | 'bash';

/** A parse failure, kept as data so the process can print it and exit 2 like sh does. */
export interface SyntaxErrorInfo {
  kind: 'unterminated-quote' | 'eof-expecting' | 'unexpected';
  /** The missing keyword (eof-expecting) or the unexpected token. */
  token: string;
  line: number;
  quote?: string;
}

/** Format a syntax error in the words of the given shell, prefixed with its argv[0]. */
export function syntaxErrorText(e: SyntaxErrorInfo, flavor: Flavor, arg0: string, source: string): string[] {
  switch (flavor) {
    case 'busybox':
      switch (e.kind) {
        case 'unterminated-quote': return [`${arg0}: syntax error: unterminated quoted string`];
        case 'eof-expecting': return [`${arg0}: syntax error: unexpected end of file (expecting "${e.token}")`];
        case 'unexpected': return [`${arg0}: syntax error: unexpected "${e.token}"`];
      }
      break;
    case 'dash':
      switch (e.kind) {
        case 'unterminated-quote': return [`${arg0}: ${e.line}: Syntax error: Unterminated quoted string`];
        case 'eof-expecting': return [`${arg0}: ${e.line}: Syntax error: end of file unexpected (expecting "${e.token}")`];
        case 'unexpected': return [`${arg0}: ${e.line}: Syntax error: "${e.token}" unexpected`];
      }
      break;
    case 'bash': {
      switch (e.kind) {
        case 'unterminated-quote':
          return [`${arg0}: -c: line ${e.line}: unexpected EOF while looking for matching \`${e.quote ?? '"'}'`];
        case 'eof-expecting': return [`${arg0}: -c: line ${e.line}: syntax error: unexpected end of file`];
        case 'unexpected': {
          const text = source.split('\n')[e.line - 1] ?? '';
          return [`${arg0}: -c: line ${e.line}: syntax error near unexpected token \`${e.token}'`, `${arg0}: -c: line ${e.line}: \`${text}'`];
        }
      }
    }
  }
  return [];
}
