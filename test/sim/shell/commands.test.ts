import { describe, expect, it } from 'vitest';
import { sh, start, T0, texts } from './helpers.js';

describe('sh builtins and utilities print what busybox prints', () => {
  it.each([
    ['echo hello world', ['hello world']],
    ["echo 'single $HOME' \"double $HOME\"", ['single $HOME double /root']],
    ['echo -n a; echo b', ['ab']],
    ['echo -e "a\\tb"; echo "a\\tb"', ['a\tb', 'a\\tb']],
    ['printf "%s=%d\\n" a 1 b 2', ['a=1', 'b=2']],
    ['printf "%5s|%-3s|%03d\\n" x y 7', ['    x|y  |007']],
    ['X=1; echo "$X ${X} ${Y:-dflt} ${Y-unset} ${X:+set} ${#X}"', ['1 1 dflt unset set 1']],
    ['A="a   b"; echo $A; echo "$A"', ['a b', 'a   b']],
    ['for i in a b c; do echo "item $i"; done', ['item a', 'item b', 'item c']],
    ['for i in $(seq 1 3); do echo $i; done', ['1', '2', '3']],
    ['echo $((2 + 3 * 4)) $((7 / 2)) $((7 % 3))', ['14 3 1']],
    ['true && echo yes || echo no; false && echo yes || echo no', ['yes', 'no']],
    ['false; echo $?; true; echo $?', ['1', '0']],
    ['if [ "$NODE" = "w1" ]; then echo one; elif [ -n "$NODE" ]; then echo other; else echo none; fi', ['none']],
    ['[ 3 -gt 2 ] && [ ! -z x ] && echo ok', ['ok']],
    ['echo $(hostname) $HOSTNAME; cat /etc/hostname', ['ds-abcde ds-abcde', 'ds-abcde']],
    ['cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo', ['logging']],
    ['echo "now: $(date)"', ['now: Wed Nov 25 10:01:15 UTC 2026']],
    ['date -u +%Y-%m-%dT%H:%M:%SZ; date +%s', ['2026-11-25T10:01:15Z', '1795600875']],
    ['trap "echo bye" TERM; echo after-trap', ['after-trap']],
    ['echo visible; echo hidden > /dev/null; echo err >&2', ['visible', 'err']],
    ['set -- x y; echo "$# $1 $2 $@"', ['2 x y x y']],
    ['exec echo replaced; echo never', ['replaced']],
    ['echo start; ( exit 4 ); echo "sub=$?"', ['start', 'sub=4']],
    ['x=$(echo inner; false); echo "$x $?"', ['inner 1']],
    ['echo a | cat; echo b | grep b; echo c', ['a', 'sh: grep: not found', 'c']],
    ['env | grep -c PATH >/dev/null; printenv HOME', ['sh: grep: not found', '/root']],
  ])('%s', (script, out) => {
    expect(texts(script)).toEqual(out);
  });

  it('unknown commands print `not found`, set $? to 127, and the script goes on', () => {
    expect(sh('foo; echo "status=$?"')).toEqual([[0, 'stderr', 'sh: foo: not found'], [0, 'stdout', 'status=127']]);
    expect(start('busybox', ['/bin/sh', '-c', 'foo']).linesBetween(T0, T0 + 1)[0]?.text).toBe('/bin/sh: foo: not found');
  });

  it.each([
    ['debian:bookworm', ['sh', '-c', 'foo'], 'sh: 1: foo: not found'],
    ['ubuntu:24.04', ['bash', '-c', 'true\nfoo'], 'bash: line 2: foo: command not found'],
    ['busybox', ['sh', '-c', 'sleep abc'], "sleep: invalid number 'abc'"],
    ['debian', ['sh', '-c', 'sleep abc'], "sleep: invalid time interval 'abc'"],
    ['busybox', ['sh', '-c', 'cat /nope'], "cat: can't open '/nope': No such file or directory"],
    ['debian', ['sh', '-c', 'cat /nope'], 'cat: /nope: No such file or directory'],
  ])('%s %j reports %s', (image, command, text) => {
    expect(start(image, command).lastLines(T0 + 1000, 2)[0]?.text).toBe(text);
  });

  it('dash echo interprets escapes and knows no -e', () => {
    expect(texts('echo -e "a\\tb"', 'debian:bookworm')).toEqual(['-e a\tb']);
  });

  it.each([
    ['sleep 1.5', 1500], ['sleep 2s', 2000], ['sleep 1m', 60_000], ['sleep 1h', 3_600_000], ['sleep 1 2', 3000], ['sleep 0.1; sleep .4', 500],
  ])('%s takes %d ms', (script, ms) => {
    expect(start('busybox', ['sh', '-c', script]).exit).toEqual({ atMs: T0 + ms, code: 0 });
  });

  it.each([
    ['sleep infinity'], ['tail -f /dev/null'], ['exec tail -F /var/log/app.log'], ['echo x; sleep inf; echo never'],
  ])('%s never exits', (script) => {
    expect(start('busybox', ['sh', '-c', script]).exit).toBeUndefined();
  });

  it('exit codes: exit N, last status, set -e stops at the first failure', () => {
    expect(start('busybox', ['sh', '-c', 'exit 7']).exit?.code).toBe(7);
    expect(start('busybox', ['sh', '-c', 'echo a; false']).exit?.code).toBe(1);
    expect(start('busybox', ['sh', '-c', 'false; echo still-here']).exit?.code).toBe(0);
    const strict = start('busybox', ['sh', '-c', 'set -e; echo a; false; echo never']);
    expect(strict.exit?.code).toBe(1);
    expect(strict.linesBetween(T0, T0 + 1).map((l) => l.text)).toEqual(['a']);
    expect(start('busybox', ['sh', '-ec', 'if false; then :; fi; false || true; echo fine']).exit?.code).toBe(0);
  });

  it('set -x traces commands on stderr', () => {
    expect(sh('set -x; echo "a b"')).toEqual([[0, 'stderr', "+ echo 'a b'"], [0, 'stdout', 'a b']]);
  });

  it('echo with a partial last line still logs it at exit', () => {
    expect(sh('echo -n "no newline"')).toEqual([[0, 'stdout', 'no newline']]);
  });

  it('sh with positional args: $0 and $1 after the script', () => {
    expect(start('busybox', ['sh', '-c', 'echo "$0 $1"', 'myname', 'arg1']).linesBetween(T0, T0 + 1)[0]?.text).toBe('myname arg1');
  });
});
