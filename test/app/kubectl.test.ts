import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBuiltinCommand } from '../../src/app/builtin-command.js';
import { AuditLog } from '../../src/lessons/audit.js';
import { commandPath, kubectlArgs, needsTerminal, splitWords } from '../../src/kubectl/parse.js';
import { INSTALL_KUBECTL, resolveKubectl, runKubectl } from '../../src/kubectl/runner.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-kubectl-'));
const fake = path.join(dir, 'kubectl');
const record = path.join(dir, 'record');
writeFileSync(
  fake,
  `#!/bin/sh\nprintf '%s\\n' "KUBECONFIG=$KUBECONFIG KUBECACHEDIR=$KUBECACHEDIR" "$@" > ${record}\nif [ "$1" = fail ]; then echo 'Error from server (NotFound): nope' >&2; exit 1; fi\nif [ "$1" = sleep ]; then sleep 30 & echo sleeping; wait; fi\necho "line one"; printf 'line two'\n`,
);
chmodSync(fake, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = { PATH: process.env['PATH'] ?? '', KUBECTL: fake };
const opts = { kubeconfig: '/tmp/kc', cacheDir: '/tmp/cache', env };

describe('command-line parsing', () => {
  it('splits like a shell and accepts kubectl or k', () => {
    expect(splitWords(`k apply -f 'my file.yaml' -l "a=b c" x\\ y`)).toEqual({ ok: true, words: ['k', 'apply', '-f', 'my file.yaml', '-l', 'a=b c', 'x y'] });
    expect(splitWords('k get "x')).toEqual({ ok: false, error: 'unterminated double quote' });
    expect(kubectlArgs('ls -l')).toMatchObject({ ok: false });
    expect(kubectlArgs('k get pods | grep x')).toMatchObject({ ok: false });
    expect(kubectlArgs('kubectl get ds')).toEqual({ ok: true, args: ['get', 'ds'] });
  });
  it.each([
    [['apply', '-f', 'ds.yaml'], 'kubectl apply'],
    [['-n', 'kube-system', 'rollout', 'undo', 'ds/x'], 'kubectl rollout undo'],
    [['get', 'pods', '-o', 'wide'], 'kubectl get'],
    [['create', 'namespace', 'x'], 'kubectl create namespace'],
    [['create', '-f', 'x'], 'kubectl create'],
    [['set', 'image', 'ds/x', 'a=b'], 'kubectl set image'],
  ])('%j is %s in the audit trail', (args, want) => {
    expect(commandPath(args)).toBe(want);
  });
  it('knows which commands need the whole terminal', () => {
    expect(needsTerminal(['edit', 'ds/x'])).toMatch(/editor/);
    expect(needsTerminal(['exec', '-it', 'p', '--', 'sh'])).toMatch(/exec -it/);
    expect(needsTerminal(['exec', 'p', '--', 'ls'])).toBeUndefined();
  });
});

describe('runKubectl', () => {
  it('runs the executable with the session kubeconfig and streams lines', async () => {
    const lines: string[] = [];
    const run = runKubectl(['get', 'nodes'], { ...opts, onLine: (l) => lines.push(l) });
    expect(await run.done).toEqual({ code: 0 });
    expect(lines).toEqual(['line one', 'line two']);
    expect(readFileSync(record, 'utf8')).toBe('KUBECONFIG=/tmp/kc KUBECACHEDIR=/tmp/cache\nget\nnodes\n');
  });
  it('passes a real cluster’s context first, so it never lands after `--`', async () => {
    const run = runKubectl(['exec', 'p', '--', 'ls'], { ...opts, context: 'lab', onLine: () => undefined });
    expect(await run.done).toEqual({ code: 0 });
    expect(readFileSync(record, 'utf8')).toBe('KUBECONFIG=/tmp/kc KUBECACHEDIR=/tmp/cache\n--context=lab\nexec\np\n--\nls\n');
  });
  it('reports stderr and the exit code, and can be stopped', async () => {
    const lines: string[] = [];
    expect(await runKubectl(['fail'], { ...opts, onLine: (l, s) => lines.push(`${s}:${l}`) }).done).toEqual({ code: 1 });
    expect(lines).toEqual(['stderr:Error from server (NotFound): nope']);
    // Stopped once its own child (sleep) holds the output pipes: the run still ends at once.
    let started!: () => void;
    const sleeping = new Promise<void>((resolve) => (started = resolve));
    const long = runKubectl(['sleep'], { ...opts, onLine: (l) => l === 'sleeping' && started() });
    await sleeping;
    long.stop();
    expect((await long.done).signal).toBe('SIGTERM');
  });
  it('says kubectl is missing instead of failing', async () => {
    expect(resolveKubectl({ PATH: dir + '-none' })).toBe(existsUsrBin() ? '/usr/bin/kubectl' : undefined);
    const missing = runKubectl(['get'], { ...opts, env: { PATH: '', KUBECTL: path.join(dir, 'absent') }, onLine: () => undefined });
    expect(await missing.done).toEqual({ code: undefined, missing: true });
  });
});

function existsUsrBin(): boolean {
  try {
    readFileSync('/usr/bin/kubectl', { flag: 'r' });
    return true;
  } catch {
    return false;
  }
}

describe('startBuiltinCommand', () => {
  function run(line: string, kubectlEnv: NodeJS.ProcessEnv = env): Promise<{ lines: string[]; audit: AuditLog }> {
    const audit = new AuditLog();
    const lines: string[] = [];
    return new Promise((resolve) => {
      startBuiltinCommand(line, { ...opts, env: kubectlEnv, audit, now: () => 42, onLines: (l) => lines.push(...l), onDone: () => resolve({ lines, audit }) });
    });
  }
  it('records the command as builtin and returns its output', async () => {
    const { lines, audit } = await run('k apply -f x.yaml');
    expect(lines).toEqual(['line one', 'line two']);
    expect(audit.entries()).toEqual([{ at: 42, source: 'builtin', command: 'kubectl apply' }]);
  });
  it('explains failures, missing kubectl and terminal-only commands', async () => {
    expect((await run('k fail')).lines).toEqual(['Error from server (NotFound): nope', '(exit code 1)']);
    expect((await run('k get', { PATH: '', KUBECTL: path.join(dir, 'absent') })).lines).toEqual([INSTALL_KUBECTL]);
    const edit = await run('kubectl edit ds/x');
    expect(edit.lines[0]).toMatch(/cannot hand it over here/);
    expect(edit.lines[1]).toBe('Run it in a second terminal: export KUBECONFIG=/tmp/kc');
    expect(edit.audit.entries()).toEqual([]);
    expect((await run('ls')).lines[0]).toMatch(/only kubectl runs here/);
  });
  it('hands an interactive command the terminal, records it, and reports how it ended', async () => {
    const audit = new AuditLog();
    const lines: string[] = [];
    const handed: (readonly string[])[] = [];
    const handOver = (args: readonly string[]) => {
      handed.push(args);
      return Promise.resolve(args[0] === 'edit' ? { code: 0 } : { code: 130 });
    };
    const go = (line: string) =>
      new Promise<void>((resolve) => {
        startBuiltinCommand(line, { ...opts, audit, now: () => 7, handOver, onLines: (l) => lines.push(...l), onDone: resolve });
      });
    await go('k edit ds/x');
    await go('kubectl exec -it pod/p -- sh');
    expect(handed).toEqual([['edit', 'ds/x'], ['exec', '-it', 'pod/p', '--', 'sh']]);
    expect(lines).toEqual(['(kubectl edit finished)', '(kubectl exec finished, exit code 130)']);
    expect(audit.entries().map((e) => e.command)).toEqual(['kubectl edit', 'kubectl exec']);
  });
});
