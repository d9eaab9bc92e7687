/**
 * The built program in a real terminal (tmux), with CI=true set as CI machines do (Ink would then
 * draw nothing unless the CLI hides it): open the first lesson, apply the solution from
 * the built-in command line, answer the question, wait for `Lesson complete`, quit cleanly.
 * Then the same screen on a "real" cluster: `learn-daemonsets sim` headless, reached through
 * `--kubeconfig … --context learn-daemonsets --yes-this-cluster`.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const hasKubectl = process.env['SKIP_KUBECTL_TESTS'] !== '1' && (existsSync('/usr/bin/kubectl') || Boolean(process.env['KUBECTL']));
const session = `ld-e2e-${process.pid}`;
const xdg = mkdtempSync(path.join(os.tmpdir(), 'ld-e2e-'));
const editor = path.join(xdg, 'editor.sh');

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

/** What a tmux pane shows, and a poll for text on it (fails with the screen after `ms`). */
function pane(target: string) {
  const shot = (): string => tmux('capture-pane', '-p', '-t', target);
  const until = async (want: string | RegExp | ((screen: string) => boolean), ms = 40_000): Promise<string> => {
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      last = shot();
      if (typeof want === 'string' ? last.includes(want) : typeof want === 'function' ? want(last) : want.test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${String(want)}; the screen shows:\n${last}`);
  };
  return { shot, until };
}

const { shot: screen, until: waitFor } = pane(session);

describe.skipIf(!hasTmux || !hasKubectl)('the TUI in tmux', () => {
  beforeAll(() => {
    // Other modules' type errors must not stop the emit this test needs; the file check below decides.
    spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
    const bundled = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, encoding: 'utf8' });
    if (bundled.status !== 0 || !existsSync(path.join(root, 'dist/bundle/cli.js'))) throw new Error(`the bundle step failed:\n${bundled.stderr}`);
    // The editor `kubectl edit` opens: notes whether it got the terminal, then changes the image.
    writeFileSync(editor, `#!/bin/sh\n[ -t 0 ] && [ -t 1 ] && echo tty > ${xdg}/editor-ran\nsed -i 's|image: busybox:1.36|image: busybox:1.37|' "$1"\n`, { mode: 0o755 });
    const cmd = `cd ${root} && CI=true EDITOR=${editor} XDG_CONFIG_HOME=${xdg} node bin/learn-daemonsets.js; echo "EXITED $?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', cmd);
  }, 120_000);
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    rmSync(xdg, { recursive: true, force: true });
  });

  it('completes lesson 01 from the built-in command line', async () => {
    await waitFor('learn-daemonsets — Kubernetes DaemonSets');
    expect(screen()).toMatch(/❯ ·\s+1\. Your first DaemonSet.*← next/);
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor('step 1/3');
    await waitFor(/worker-1\s+worker\s+Ready/);
    tmux('send-keys', '-t', session, ':');
    tmux('send-keys', '-t', session, '-l', 'kubectl apply -f lessons/01-first-daemonset/solution/daemonset.yaml');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor('daemonset.apps/node-agent created');
    await waitFor('step 2/3', 30_000);
    tmux('send-keys', '-t', session, 'Escape');
    await waitFor('Press 1–4 to answer.');
    tmux('send-keys', '-t', session, '1');
    const done = await waitFor('Lesson complete', 30_000);
    expect(done).toMatch(/worker-4\s+worker\s+Ready\s+● node-agent-\w+ Running/);
    expect(done).toContain('export KUBECONFIG=');

    // An interactive command gets the whole terminal, and the lesson screen comes back as it was.
    tmux('send-keys', '-t', session, ':');
    tmux('send-keys', '-t', session, '-l', 'k edit ds/node-agent');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor('(kubectl edit finished)');
    expect(readFileSync(path.join(xdg, 'editor-ran'), 'utf8')).toBe('tty\n');
    expect(screen()).toContain('Your first DaemonSet · complete');
    tmux('send-keys', '-t', session, '-l', 'k get ds node-agent -o jsonpath={.spec.template.spec.containers[0].image}');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor('busybox:1.37');
    await waitFor((shown) => !shown.includes('running… Esc stops it'));
    tmux('send-keys', '-t', session, 'Escape');
    tmux('send-keys', '-t', session, 'q');
    await waitFor('EXITED 0', 30_000);
    const progress = JSON.parse(readFileSync(path.join(xdg, 'learn-daemonsets', 'progress.json'), 'utf8')) as { lessons: Record<string, { completedAt?: string }> };
    expect(progress.lessons['first-daemonset']?.completedAt).toBeDefined();
  }, 120_000);

  it('sits a practice exam: one task solved, finished early, scored and saved', async () => {
    const exam = `${session}-exam`;
    tmux('new-session', '-d', '-s', exam, '-x', '100', '-y', '30', `cd ${root} && XDG_CONFIG_HOME=${xdg} node bin/learn-daemonsets.js practice --minutes 240 --seed 11; echo "EXITED $?"; sleep 60`);
    try {
      const { shot, until } = pane(exam);
      await until(/Practice exam · task 1\/\d+/);
      expect(shot()).toMatch(/⏱ (3:59:5\d|4:00:00) left/);
      tmux('send-keys', '-t', exam, ':');
      tmux('send-keys', '-t', exam, '-l', 'k apply -f lessons/practice/manifests/node-exporter.yaml');
      tmux('send-keys', '-t', exam, 'Enter');
      await until('daemonset.apps/node-exporter created');
      // Wait for the pods the way a candidate would, then finish early.
      tmux('send-keys', '-t', exam, '-l', 'k rollout status ds/node-exporter --timeout=60s');
      tmux('send-keys', '-t', exam, 'Enter');
      await until('daemon set "node-exporter" successfully rolled out', 60_000);
      // kubectl has printed its last line; wait until it has exited too, or Esc would stop it instead of leaving.
      await until((screen) => !screen.includes('running… Esc stops it'));
      tmux('send-keys', '-t', exam, 'Escape');
      tmux('send-keys', '-t', exam, 'f');
      await until('Finish the exam now');
      tmux('send-keys', '-t', exam, 'y');
      const report = await until(/score \d+\/\d+/);
      // Every other task starts at zero points, so the score is exactly the solved task's six.
      expect(report).toMatch(/Practice exam finished · score 6\/\d+ \(\d+%\)/);
      expect(report).toMatch(/✗ 1\. .* 0\/\d+/);
      expect(report).toContain('Same exam again: learn-daemonsets practice --minutes 240 --seed 11');
      tmux('send-keys', '-t', exam, 'Escape');
      await until(/⏱ Practice exam.*last \d+\/\d+/);
      tmux('send-keys', '-t', exam, 'q');
      await until('EXITED 0');
      const saved = JSON.parse(readFileSync(path.join(xdg, 'learn-daemonsets', 'progress.json'), 'utf8')) as { practice?: { seed: number; minutes: number; tasks: { id: string; earned: number }[] }[] };
      const last = saved.practice?.at(-1);
      expect(last).toMatchObject({ seed: 11, minutes: 240 });
      expect(last?.tasks.find((t) => t.id === 'node-exporter-everywhere')?.earned).toBe(6);
    } finally {
      spawnSync('tmux', ['kill-session', '-t', exam]);
    }
  }, 120_000);

  it('runs a lesson on a real cluster (learn-daemonsets sim) through --kubeconfig and --context', async () => {
    const real = `${session}-real`;
    const simConfig = path.join(xdg, 'sim.kubeconfig');
    const sim = spawn(process.execPath, ['bin/learn-daemonsets.js', 'sim', '--kubeconfig', simConfig], { cwd: root, env: { ...process.env, XDG_CONFIG_HOME: xdg }, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        let text = '';
        sim.stdout.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes('\n')) resolve(text.split('\n')[0] ?? '');
        });
        sim.once('exit', (code) => reject(new Error(`learn-daemonsets sim exited (${String(code)})`)));
      });
      expect(first).toBe(`export KUBECONFIG=${simConfig}`);
      tmux('new-session', '-d', '-s', real, '-x', '100', '-y', '30', `cd ${root} && CI=true XDG_CONFIG_HOME=${xdg} node bin/learn-daemonsets.js --kubeconfig ${simConfig} --context learn-daemonsets --yes-this-cluster --lesson first-daemonset; echo "EXITED $?"; sleep 60`);
      const { until } = pane(real);
      await until('Your first DaemonSet · step 1/3');
      const opened = await until(/worker-3\s+worker\s+Ready/);
      expect(opened).toMatch(/control-plane\s+control-plane\s+Ready/);
      expect(opened).toContain(`context learn-daemonsets · KUBECONFIG=${simConfig}`);
      expect(opened).toContain('commands in another');
      tmux('send-keys', '-t', real, 'p');
      await until('real cluster: time runs on its own');
      tmux('send-keys', '-t', real, ':');
      tmux('send-keys', '-t', real, '-l', 'k apply -f lessons/01-first-daemonset/solution/daemonset.yaml');
      tmux('send-keys', '-t', real, 'Enter');
      await until('daemonset.apps/node-agent created');
      await until('step 2/3', 30_000);
      tmux('send-keys', '-t', real, 'Escape');
      await until('Press 1–4 to answer.');
      tmux('send-keys', '-t', real, '1');
      // The last step adds a node, which a real cluster cannot: skipped, and the lesson completes.
      const done = await until('Lesson complete', 30_000);
      expect(done).toContain('↷ A node joins');
      tmux('send-keys', '-t', real, 'Escape');
      const list = await until('learn-daemonsets — Kubernetes DaemonSets');
      expect(list).not.toContain('Practice exam');
      expect(list).toContain('Real cluster: context learn-daemonsets at https://127.0.0.1:');
      tmux('send-keys', '-t', real, 'q');
      await until('EXITED 0');
    } finally {
      spawnSync('tmux', ['kill-session', '-t', real]);
      sim.kill('SIGTERM');
    }
  }, 120_000);
});
