import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../src/sim/shell/index.js';
import { start, T0 } from './helpers.js';

describe('syntax errors behave like sh: message on stderr, exit 2', () => {
  it.each([
    ['busybox', 'sh', 'echo "hi', ['sh: syntax error: unterminated quoted string']],
    ['busybox', 'sh', "echo 'hi", ['sh: syntax error: unterminated quoted string']],
    ['busybox', 'sh', 'while true; do echo x', ['sh: syntax error: unexpected end of file (expecting "done")']],
    ['busybox', 'sh', 'if true; then echo x', ['sh: syntax error: unexpected end of file (expecting "fi")']],
    ['busybox', 'sh', 'echo x; done', ['sh: syntax error: unexpected "done"']],
    ['debian', 'sh', 'echo "hi', ['sh: 1: Syntax error: Unterminated quoted string']],
    ['debian', 'sh', 'while true; do echo x', ['sh: 1: Syntax error: end of file unexpected (expecting "done")']],
    ['debian', 'bash', 'echo "hi', ['bash: -c: line 1: unexpected EOF while looking for matching `"\'']],
    ['debian', 'bash', 'echo x; done', ['bash: -c: line 1: syntax error near unexpected token `done\'', 'bash: -c: line 1: `echo x; done\'']],
  ])('%s %s -c %j', (image, shell, script, stderr) => {
    const run = start(image, [shell, '-c', script]);
    expect(run.exit).toEqual({ atMs: T0, code: 2 });
    expect(run.linesBetween(T0, T0 + 1).map((l) => [l.stream, l.text])).toEqual(stderr.map((t) => ['stderr', t]));
  });

  it('nothing runs before a syntax error is found (the whole -c string is parsed first)', () => {
    const run = start('busybox', ['sh', '-c', 'echo first; echo "oops']);
    expect(run.linesBetween(T0, T0 + 1).map((l) => l.stream)).toEqual(['stderr']);
  });

  it.each([
    ['busybox', ['sh', '-c'], 'sh: -c requires an argument', 2],
    ['busybox', ['sh', 'run.sh'], "sh: can't open 'run.sh': No such file or directory", 2],
    ['debian', ['bash', 'run.sh'], 'bash: run.sh: No such file or directory', 127],
  ])('%s %j', (image, command, text, code) => {
    const run = start(image, command);
    expect(run.exit?.code).toBe(code);
    expect(run.lastLines(T0, 1)[0]?.text).toBe(text);
  });

  it.each([
    'while :; do echo "$(date) ${NODE:-x}"; sleep 5; done',
    'for f in a "b c" $(echo d); do echo $f; done 2>&1',
    'i=0\nuntil [ $i -ge 3 ]\ndo\n  i=$((i+1))\ndone # comment',
    '{ echo a; echo b; } > /dev/null',
    'echo `hostname` \\\n  continued',
  ])('parses %j', (script) => {
    expect(parseScript(script).ok).toBe(true);
  });
});
