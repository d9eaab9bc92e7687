import { describe, expect, it } from 'vitest';
import { resolvePull } from '../../../src/sim/images.js';
import { compileContainer, startProcess } from '../../../src/sim/shell/index.js';
import { T0, lines, sh, start } from './helpers.js';

const DAY = 86_400_000;

describe('processes from the brief', () => {
  it('a DaemonSet logger: first line at 0 ms, a tick every 10 s, forever', () => {
    const run = start('busybox', ['sh', '-c', 'echo "starting on node: $NODE_NAME"; while true; do echo tick; sleep 10; done'], undefined, { NODE_NAME: 'worker-1' });
    expect(run.exit).toBeUndefined();
    expect(lines(run, 30_001)).toEqual([
      [0, 'stdout', 'starting on node: worker-1'], [0, 'stdout', 'tick'], [10_000, 'stdout', 'tick'], [20_000, 'stdout', 'tick'], [30_000, 'stdout', 'tick'],
    ]);
  });

  it('exit 3 after sleep 5 exits at 5,000 ms with code 3', () => {
    const run = start('busybox', ['sh', '-c', 'echo working; sleep 5; exit 3']);
    expect(run.exit).toEqual({ atMs: T0 + 5000, code: 3 });
    expect(lines(run)).toEqual([[0, 'stdout', 'working']]);
  });

  it.each(['busybox', 'alpine:3.20', 'ubuntu:24.04', 'debian:bookworm'])('%s with no command exits 0 at once (CrashLoopBackOff in a DaemonSet)', (image) => {
    const run = start(image);
    expect(run.exit).toEqual({ atMs: T0, code: 0 });
    expect(lines(run)).toEqual([]);
  });

  it('nginx default prints its entrypoint and start-up lines, then runs forever', () => {
    const run = start('nginx:1.27.3');
    expect(run.exit).toBeUndefined();
    const out = lines(run, 3_600_000);
    expect(out[0]).toEqual([0, 'stdout', '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration']);
    expect(out).toContainEqual([0, 'stdout', '/docker-entrypoint.sh: Configuration complete; ready for start up']);
    expect(out).toContainEqual([0, 'stderr', '2026/11/25 10:01:15 [notice] 1#1: nginx/1.27.3']);
    expect(out[out.length - 1]).toEqual([0, 'stderr', '2026/11/25 10:01:15 [notice] 1#1: start worker process 30']);
  });

  it('nginx run as `command: [nginx]` daemonises and PID 1 exits 0', () => {
    expect(start('nginx:1.27', ['nginx']).exit).toEqual({ atMs: T0, code: 0 });
  });

  it('fluent-bit prints its banner, `[engine] started`, then a cpu record every second', () => {
    const run = start('fluent/fluent-bit:3.0.7');
    const out = lines(run, 3_001).map(([t, , text]) => `${t} ${text}`);
    expect(out[0]).toBe('0 Fluent Bit v3.0.7');
    expect(out).toContain('0 [2026/11/25 10:01:15] [ info] [engine] started (pid=1)');
    expect(out.filter((l) => l.includes('cpu.local')).map((l) => l.slice(0, 50))).toEqual([
      '1000 [0] cpu.local: [[1795600876.000000000, {}], {', '2000 [0] cpu.local: [[1795600877.000000000, {}], {', '3000 [0] cpu.local: [[1795600878.000000000, {}], {',
    ]);
  });

  it('node-exporter logs `Listening on` address=[::]:9100; pause prints nothing; both run forever', () => {
    const ne = start('quay.io/prometheus/node-exporter:v1.8.2');
    expect(lines(ne).map(([, , t]) => t)).toContain('ts=2026-11-25T10:01:15.000Z caller=tls_config.go:313 level=info msg="Listening on" address=[::]:9100');
    const pause = start('registry.k8s.io/pause:3.9');
    expect(pause.exit).toBeUndefined();
    expect(lines(pause)).toEqual([]);
  });

  it.each([
    [['echo', 'hi'], [[0, 'stdout', 'hi']], { atMs: T0, code: 0 }],
    [['sleep', '3600'], [], { atMs: T0 + 3_600_000, code: 0 }],
    [['tail', '-f', '/dev/null'], [], undefined],
    [['/bin/sh', '-c', 'exit 300'], [], { atMs: T0, code: 44 }],
  ] as const)('direct exec %j', (command, out, exit) => {
    const run = start('busybox', [...command]);
    expect(lines(run)).toEqual(out);
    expect(run.exit).toEqual(exit);
  });

  it('args alone replace CMD and keep ENTRYPOINT; command alone drops CMD', () => {
    const withArgs = start('nginx:1.27', undefined, ['nginx', '-v']);
    const out = lines(withArgs);
    expect(out[out.length - 1]).toEqual([0, 'stderr', 'nginx version: nginx/1.27.3']);
    expect(withArgs.exit).toEqual({ atMs: T0, code: 0 });
    const prog = compileContainer({ command: ['nginx'] }, { userland: 'debian', entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], programs: { nginx: 'exit 0' } });
    expect(prog.ok && prog.argv).toEqual(['nginx']);
  });

  it('expands $(VAR) in command and args from the container env, as kubelet does', () => {
    const run = start('busybox', ['echo', '$(GREETING)', '$(MISSING)', '$$(GREETING)'], undefined, { GREETING: 'hello' });
    expect(lines(run)).toEqual([[0, 'stdout', 'hello $(MISSING) $(GREETING)']]);
  });
});

describe('start errors', () => {
  const PREFIX = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ';
  it.each([
    ['busybox', ['foo'], 'exec: "foo": executable file not found in $PATH: unknown'],
    ['busybox', ['bash', '-c', 'echo hi'], 'exec: "bash": executable file not found in $PATH: unknown'],
    ['fluent/fluent-bit:3.0', ['sh', '-c', 'echo hi'], 'exec: "sh": executable file not found in $PATH: unknown'],
    ['registry.k8s.io/pause:3.9', ['/bin/sh'], 'exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown'],
  ])('%s %j cannot start', (image, command, why) => {
    const pulled = resolvePull(image);
    if (!pulled.ok) throw new Error('pull');
    expect(compileContainer({ command }, pulled.behaviour)).toEqual({ ok: false, reason: 'StartError', exitCode: 128, message: PREFIX + why });
  });
});

describe('timeline queries stay cheap and consistent', () => {
  const script = 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done';

  it('the Kubernetes counter example counts and dates each line', () => {
    expect(sh(script, 3000)).toEqual([
      [0, 'stdout', '0: Wed Nov 25 10:01:15 UTC 2026'], [1000, 'stdout', '1: Wed Nov 25 10:01:16 UTC 2026'], [2000, 'stdout', '2: Wed Nov 25 10:01:17 UTC 2026'],
    ]);
  });

  it('tail of a 30-day-old pod is computed directly', () => {
    const run = start('busybox', ['sh', '-c', script]);
    const began = performance.now();
    const tail = run.lastLines(T0 + 30 * DAY, 2).map((l) => l.text);
    expect(tail).toEqual(['2591999: Fri Dec 25 10:01:14 UTC 2026', '2592000: Fri Dec 25 10:01:15 UTC 2026']);
    expect(run.linesBetween(T0 + 20 * DAY, T0 + 20 * DAY + 2000).map((l) => l.text)).toEqual(['1728000: Tue Dec 15 10:01:15 UTC 2026', '1728001: Tue Dec 15 10:01:16 UTC 2026']);
    expect(performance.now() - began).toBeLessThan(200);
  });

  it('lastLines and linesBetween agree, including prefix lines before the loop', () => {
    const run = start('busybox', ['sh', '-c', 'echo a; echo b; sleep 2; while :; do echo x; echo y >&2; sleep 3; done']);
    const all = run.linesBetween(T0, T0 + 20_001);
    expect(run.lastLines(T0 + 20_000, 1000)).toEqual(all);
    expect(run.lastLines(T0 + 20_000, 3)).toEqual(all.slice(-3));
    expect(all.slice(0, 4).map((l) => [l.atMs - T0, l.stream, l.text])).toEqual([[0, 'stdout', 'a'], [0, 'stdout', 'b'], [2000, 'stdout', 'x'], [2000, 'stderr', 'y']]);
  });

  it('a busy loop is capped at one iteration per millisecond and respects limit', () => {
    const run = start('busybox', ['sh', '-c', 'while true; do echo spam; done']);
    expect(run.exit).toBeUndefined();
    expect(run.linesBetween(T0, T0 + DAY, 5).map((l) => l.atMs - T0)).toEqual([0, 1, 2, 3, 4]);
    expect(run.lastLines(T0 + DAY, 2).map((l) => l.atMs - T0)).toEqual([DAY - 1, DAY]);
  });

  it('a silent infinite loop runs forever with no output', () => {
    const run = start('busybox', ['sh', '-c', 'echo up; while true; do sleep 30; done']);
    expect(run.exit).toBeUndefined();
    expect(run.lastLines(T0 + DAY, 10).map((l) => l.text)).toEqual(['up']);
  });

  it('a loop whose condition reads the counter is finite and ends', () => {
    const run = start('busybox', ['sh', '-c', 'i=0; while [ $i -lt 4 ]; do echo $i; i=$((i+1)); sleep 1; done; echo done']);
    expect(run.exit).toEqual({ atMs: T0 + 4000, code: 0 });
    expect(lines(run).map(([t, , x]) => `${t}:${x}`)).toEqual(['0:0', '1000:1', '2000:2', '3000:3', '4000:done']);
  });

  it('a value captured from $(date) before the loop keeps its instant', () => {
    const out = sh('T=$(date +%T); sleep 1; while true; do echo "$T $(date +%T)"; sleep 60; done', 200_000).map(([, , t]) => t);
    expect(out).toEqual(['10:01:15 10:01:16', '10:01:15 10:02:16', '10:01:15 10:03:16', '10:01:15 10:04:16']);
  });

  it('each restart is a new process with its own start time', () => {
    const pulled = resolvePull('busybox');
    if (!pulled.ok) throw new Error('pull');
    const program = compileContainer({ command: ['sh', '-c', 'date; exit 1'] }, pulled.behaviour);
    if (!program.ok) throw new Error('compile');
    const a = startProcess(program, { env: {}, hostname: 'p' }, T0);
    const b = startProcess(program, { env: {}, hostname: 'p' }, T0 + 10_000);
    expect(a.lastLines(T0 + 20_000, 1)[0]?.text).toBe('Wed Nov 25 10:01:15 UTC 2026');
    expect(b.lastLines(T0 + 20_000, 1)[0]?.text).toBe('Wed Nov 25 10:01:25 UTC 2026');
    expect(b.exit).toEqual({ atMs: T0 + 10_000, code: 1 });
  });

  it('a runaway finite script is cut by the budget and counts as running', () => {
    const run = start('busybox', ['sh', '-c', 'for i in $(seq 1 50000); do echo $i; done']);
    expect(run.truncated).toBe(true);
    expect(run.exit).toBeUndefined();
  });
});

describe('sleep infinity (no shell is built for it)', () => {
  it.each([
    ['the pause image', 'registry.k8s.io/pause:3.10', undefined],
    ['command: [sleep, infinity]', 'busybox:1.36', ['sleep', 'infinity']],
    ['command: [sleep, inf]', 'busybox:1.36', ['sleep', 'inf']],
    ["sh -c 'sleep infinity'", 'busybox:1.36', ['sh', '-c', 'sleep infinity']],
  ])('%s runs silently forever', (_what, image, command) => {
    const run = start(image, command);
    expect(run.exit).toBeUndefined();
    expect(run.truncated).toBe(false);
    expect(run.startMs).toBe(T0);
    expect(run.linesBetween(T0, T0 + 86_400_000)).toEqual([]);
    expect(run.lastLines(T0 + 86_400_000, 10)).toEqual([]);
  });

  it('still interprets what only looks like it: tracing, a redirect, an assignment, a finite sleep', () => {
    expect(sh('set -x; sleep infinity')).toEqual([[0, 'stderr', '+ sleep infinity']]);
    expect(lines(start('busybox:1.36', ['sh', '-xc', 'sleep infinity']))).toEqual([[0, 'stderr', '+ sleep infinity']]);
    expect(lines(start('busybox:1.36', ['sh', '-c', 'sleep infinity 2>&1; echo never']))).toEqual([]);
    expect(start('busybox:1.36', ['sleep', '5']).exit).toEqual({ atMs: T0 + 5000, code: 0 });
    expect(lines(start('busybox:1.36', ['sleep', 'forever']))).toEqual([[0, 'stderr', "sleep: invalid number 'forever'"]]);
  });
});
