/**
 * The label-selector text grammar kubectl sends in `?labelSelector=` (apimachinery
 * `labels.Parse`): `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`,
 * comma = AND. Errors carry Kubernetes' own wording so the API server can return them verbatim.
 */
import { validateLabelKey } from './label-validation.js';
import { aggregateMessage, goQuote, newRequirement } from './selector-requirement.js';
import {
  EVERYTHING,
  SelectorParseError,
  sortRequirements,
  type ParsedSelector,
  type SelectorOperator,
  type SelectorRequirement,
} from './selector.js';

type Tok = 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(' | 'error';

interface Item {
  readonly tok: Tok;
  readonly lit: string;
}

const SYMBOLS: ReadonlySet<string> = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOL_TOKENS: ReadonlySet<string> = new Set([')', ',', '!', '==', '=', '>', '<', '!=', '(']);
const WHITESPACE: ReadonlySet<string> = new Set([' ', '\t', '\r', '\n']);
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/** Split the text into tokens; symbols take the longest match (`!=` over `!`). */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && WHITESPACE.has(s.charAt(pos))) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    const start = pos;
    if (SYMBOLS.has(s.charAt(pos))) {
      let best: Item | undefined;
      while (pos < s.length && SYMBOLS.has(s.charAt(pos))) {
        const candidate = s.slice(start, pos + 1);
        if (SYMBOL_TOKENS.has(candidate)) best = { tok: candidate as Tok, lit: candidate };
        else if (best) break;
        pos++;
      }
      pos = start + (best?.lit.length ?? pos - start);
      items.push(best ?? { tok: 'error', lit: `error expected: keyword found '${s.slice(start, pos)}'` });
      continue;
    }
    while (pos < s.length && !SYMBOLS.has(s.charAt(pos)) && !WHITESPACE.has(s.charAt(pos))) pos++;
    const word = s.slice(start, pos);
    items.push({ tok: word === 'in' || word === 'notin' ? word : 'id', lit: word });
  }
}

/** Recursive-descent parser over the token list, mirroring apimachinery's contexts. */
class Parser {
  private position = 0;
  constructor(private readonly items: readonly Item[]) {}

  /** In a values context the keywords `in`/`notin` are plain identifiers. */
  private peek(values: boolean): Item {
    const item = this.items[Math.min(this.position, this.items.length - 1)] ?? { tok: 'eos', lit: '' };
    return values && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
  }

  private next(values: boolean): Item {
    const item = this.peek(values);
    this.position++;
    return item;
  }

  parse(): SelectorRequirement[] {
    const reqs: SelectorRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek(true);
      if (tok === 'eos') return reqs;
      if (tok !== 'id' && tok !== '!') throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      reqs.push(this.requirement());
      const after = this.next(true);
      if (after.tok === 'eos') return reqs;
      if (after.tok !== ',') throw new SelectorParseError(`found '${after.lit}', expected: ',' or 'end of string'`);
      const following = this.peek(true);
      if (following.tok !== 'id' && following.tok !== '!') {
        throw new SelectorParseError(`found '${following.lit}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): SelectorRequirement {
    const fail = (msg: string): never => {
      throw new SelectorParseError(`unable to parse requirement: ${msg}`);
    };
    let first = this.next(true);
    const negated = first.tok === '!';
    if (negated) first = this.next(true);
    if (first.tok !== 'id') return fail(`found '${first.lit}', expected: identifier`);
    const key = first.lit;
    const keyErrs = validateLabelKey(key);
    if (keyErrs.length > 0) fail(`<nil>: Invalid value: ${goQuote(key)}: ${keyErrs.join('; ')}`);
    const ahead = this.peek(true).tok;
    let operator: SelectorOperator | undefined = negated ? '!' : undefined;
    if (!negated && (ahead === 'eos' || ahead === ',')) operator = 'exists';
    let values: string[] = [];
    if (operator === undefined) {
      operator = this.operator(fail);
      values = operator === 'in' || operator === 'notin' ? this.valueSet(fail) : this.exactValue(fail);
    }
    const { requirement, errors } = newRequirement(key, operator, values);
    if (errors.length > 0) fail(aggregateMessage(errors));
    return requirement;
  }

  private operator(fail: (msg: string) => never): SelectorOperator {
    const { tok, lit } = this.next(false);
    switch (tok) {
      case 'in':
      case 'notin':
      case '=':
      case '==':
      case '!=':
        return tok;
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        return fail(`found '${lit}', expected: ${BINARY_OPERATORS}`);
    }
  }

  /** `(a,b,,c)`: a set, so duplicates collapse and the result is sorted; empty entries mean "". */
  private valueSet(fail: (msg: string) => never): string[] {
    const open = this.next(true);
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
    const first = this.peek(true);
    if (first.tok === ')') {
      this.next(true);
      return [''];
    }
    if (first.tok !== 'id' && first.tok !== ',') fail(`found '${first.lit}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const { tok, lit } = this.next(true);
      if (tok === 'id') {
        set.add(lit);
        const ahead = this.peek(true);
        if (ahead.tok === ',') continue;
        if (ahead.tok === ')') break;
        fail(`found '${ahead.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (set.size === 0) set.add('');
        const ahead = this.peek(true).tok;
        if (ahead === ')') {
          set.add('');
          break;
        }
        if (ahead === ',') set.add('');
      } else {
        fail(`found '${lit}', expected: ',', or identifier`);
      }
    }
    this.next(true); // the ')'
    return [...set].sort();
  }

  private exactValue(fail: (msg: string) => never): string[] {
    const ahead = this.peek(true).tok;
    if (ahead === 'eos' || ahead === ',') return [''];
    const { tok, lit } = this.next(true);
    if (tok !== 'id') fail(`found '${lit}', expected: identifier`);
    return [lit];
  }
}

/** Parse selector text once at the API edge; throws `SelectorParseError` naming the bad token. */
export function parseSelector(text: string): ParsedSelector {
  const reqs = new Parser(lex(text)).parse();
  if (reqs.length === 0) return EVERYTHING;
  return { requirements: sortRequirements(reqs) };
}
