import { describe, expect, it } from 'vitest';
import {
  SelectorParseError,
  formatLabels,
  labelSelectorAsSelector,
  labelSelectorToString,
  matchesLabelSelector,
  matchesParsedSelector,
  parseSelector,
  selectorToString,
  validateLabelKey,
  validateLabelValue,
} from '../../src/cluster/labels.js';
import type { LabelSelector } from '../../src/cluster/types.js';

const NAME_REGEX_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_REGEX_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('validateLabelKey', () => {
  it.each([
    ['app', []],
    ['app.kubernetes.io/name', []],
    ['node-role.kubernetes.io/control-plane', []],
    ['a'.repeat(63), []],
    ['MyName', []],
    ['', ['name part must be non-empty', NAME_REGEX_MSG]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
    ['-app', [NAME_REGEX_MSG]],
    ['app_', [NAME_REGEX_MSG]],
    ['/app', ['prefix part must be non-empty']],
    ['example.com/', ['name part must be non-empty', NAME_REGEX_MSG]],
  ] as const)('%j → %j', (key, expected) => {
    expect(validateLabelKey(key)).toEqual(expected);
  });

  it('rejects an upper-case prefix with the DNS subdomain message', () => {
    expect(validateLabelKey('Example.com/x')).toEqual([
      "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it('rejects more than one slash as a whole', () => {
    expect(validateLabelKey('a/b/c')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });
});

describe('validateLabelValue', () => {
  it.each([
    ['', []],
    ['ssd', []],
    ['v1.2_3-x', []],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['a b', [VALUE_REGEX_MSG]],
    ['-x', [VALUE_REGEX_MSG]],
  ] as const)('%j → %j', (value, expected) => {
    expect(validateLabelValue(value)).toEqual(expected);
  });
});

describe('parseSelector round trip (apimachinery TestSelectorParse)', () => {
  it.each([
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ', 'x='],
    ['x=,z= ', 'x=,z='],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    ['x==a', 'x==a'],
    ['y=b,x=a', 'x=a,y=b'],
    ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['x in (abc,abc)', 'x in (abc)'],
    ['x in (a,,,,,,)', 'x in (,a)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['\rx', 'x'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['notin=in', 'notin=in'],
  ])('%j → %j', (text, printed) => {
    expect(selectorToString(parseSelector(text))).toBe(printed);
  });
});

describe('parseSelector errors (apimachinery wording)', () => {
  it.each([
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x,,y', "found ',', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['x<a', 'unable to parse requirement: values[0]: Invalid value: "a": for \'Gt\', \'Lt\' operators, the value must be an integer'],
    ['x=a;b', `unable to parse requirement: values[0][x]: Invalid value: "a;b": ${VALUE_REGEX_MSG}`],
    ['-bad=x', `unable to parse requirement: <nil>: Invalid value: "-bad": ${NAME_REGEX_MSG}`],
  ])('%j → %s', (text, message) => {
    expect(() => parseSelector(text)).toThrow(SelectorParseError);
    expect(() => parseSelector(text)).toThrow(message);
  });
});

describe('matchesParsedSelector (apimachinery TestSelectorMatches)', () => {
  const set = { foo: 'bar', baz: 'blah' };
  it.each([
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['x>1', { x: 'v2' }, false],
    ['x>1', {}, false],
    ['x notin (a)', {}, true],
    ['x notin ()', { y: '' }, true],
    ['x in ()', { x: '' }, true],
    ['x in (a,b)', { x: 'b' }, true],
    ['x=', { x: '' }, true],
    ['foo=bar,baz=blah', set, true],
    ['foo=blah', set, false],
    ['foo=bar,foobar=bar,baz=blah', set, false],
  ] as const)('%j on %j → %s', (text, labels, expected) => {
    expect(matchesParsedSelector(parseSelector(text), labels)).toBe(expected);
  });
});

describe('matchesLabelSelector', () => {
  const labels = { app: 'web', tier: 'fe' };
  it.each<[string, LabelSelector | undefined, Record<string, string> | undefined, boolean]>([
    ['undefined selector matches nothing', undefined, labels, false],
    ['{} matches everything', {}, labels, true],
    ['{} matches unlabelled objects', {}, undefined, true],
    ['matchLabels subset', { matchLabels: { app: 'web' } }, labels, true],
    ['matchLabels wrong value', { matchLabels: { app: 'db' } }, labels, false],
    ['matchLabels missing key', { matchLabels: { zone: 'a' } }, labels, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, labels, true],
    ['In missing key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, labels, false],
    ['NotIn excludes', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] }, labels, false],
    ['NotIn absent key matches', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels, true],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels, true],
    ['DoesNotExist absent', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels, true],
    ['DoesNotExist present', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels, false],
    [
      'matchLabels AND matchExpressions',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['be'] }] },
      labels,
      false,
    ],
  ])('%s', (_name, selector, ls, expected) => {
    expect(matchesLabelSelector(selector, ls)).toBe(expected);
  });

  it('agrees with the validated conversion on valid selectors', () => {
    const sel: LabelSelector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] };
    const sets: Record<string, string>[] = [labels, { app: 'web', zone: 'a' }, { app: 'web', zone: 'b' }, {}];
    for (const ls of sets) {
      expect(matchesLabelSelector(sel, ls)).toBe(matchesParsedSelector(labelSelectorAsSelector(sel), ls));
    }
  });
});

describe('labelSelectorToString (DaemonSet SELECTOR column)', () => {
  it.each<[LabelSelector | undefined, string]>([
    [{ matchLabels: { app: 'fluentd' } }, 'app=fluentd'],
    [{ matchLabels: { tier: 'x', app: 'y' } }, 'app=y,tier=x'],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, 'env in (dev,prod)'],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['b', 'a'] }] }, 'env notin (a,b)'],
    [{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, 'gpu'],
    [{ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }, '!gpu'],
    [
      { matchLabels: { zz: '1' }, matchExpressions: [{ key: 'aa', operator: 'Exists' }, { key: 'mm', operator: 'In', values: ['x'] }] },
      'aa,mm in (x),zz=1',
    ],
    [{}, '<none>'],
    [undefined, '<none>'],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: [] }] }, '<error>'],
  ])('%j → %s', (selector, printed) => {
    expect(labelSelectorToString(selector)).toBe(printed);
  });

  it('reports an empty In like the apiserver', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: [] }] })).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
  });

  it('reports an unknown operator like the apiserver', () => {
    const bad = { matchExpressions: [{ key: 'env', operator: 'Gt', values: ['1'] }] } as unknown as LabelSelector;
    expect(() => labelSelectorAsSelector(bad)).toThrow('"Gt" is not a valid label selector operator');
  });

  it('marks the missing selector as matching nothing', () => {
    expect(matchesParsedSelector(labelSelectorAsSelector(undefined), {})).toBe(false);
    expect(matchesParsedSelector(labelSelectorAsSelector({}), {})).toBe(true);
  });
});

describe('formatLabels', () => {
  it.each<[Record<string, string> | undefined, string]>([
    [{ disktype: 'ssd' }, 'disktype=ssd'],
    [{ b: '2', a: '1' }, 'a=1,b=2'],
    [{ a: '2', 'a.b': '1' }, 'a.b=1,a=2'], // sorted as whole "k=v" strings, like labels.Set.String
    [{}, '<none>'],
    [undefined, '<none>'],
  ])('%j → %s', (labels, printed) => {
    expect(formatLabels(labels)).toBe(printed);
  });
});
