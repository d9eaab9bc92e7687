/**
 * A learner joining from a real terminal (tmux), against the real host in this process: the name
 * prompt, the progress that follows, an instructor broadcast in the list and the status bar, and
 * Esc on the prompt leaving without sending anything; then joining from inside a plain tutorial
 * (the list's `c` key, the address, the name). The CLI runs from source (tsx).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../src/classroom/host.js';
import { RoomStore } from '../../src/classroom/store.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `ld-join-${process.pid}`;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ld-join-e2e-'));
const cli = path.join(root, 'test/classroom/fixtures/cli-process.ts');

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

/** Polls the pane until `want` holds; fails with the screen. */
async function waitFor(target: string, want: string | ((screen: string) => boolean), ms = 40_000): Promise<string> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    last = tmux('capture-pane', '-p', '-t', target);
    if (typeof want === 'string' ? last.includes(want) : want(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${String(want)}; the screen shows:\n${last}`);
}

function learner(name: string, url: string): string {
  return tutorial(name, `--join ${url}`);
}

/** The tutorial in its own tmux session; `xdg` names its own config dir (its stored names). */
function tutorial(name: string, args: string, xdg = 'learner'): string {
  const target = `${session}-${name}`;
  tmux('new-session', '-d', '-s', target, '-x', '100', '-y', '30', `cd ${root} && CI=true XDG_CONFIG_HOME=${tmp}/${xdg} npx tsx ${cli} ${args}; echo "EXITED $?"; sleep 60`);
  return target;
}

describe.skipIf(!hasTmux)('joining a classroom from a terminal', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ store: RoomStore.open(path.join(tmp, 'rooms')), lessons: [{ id: 'first-daemonset', steps: ['create'] }] });
  });
  afterAll(async () => {
    for (const s of ['ada', 'esc', 'in-tui']) spawnSync('tmux', ['kill-session', '-t', `${session}-${s}`]);
    await host.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('asks the name, joins, and shows the instructor broadcast on the list and in the status bar', async () => {
    const t = learner('ada', host.joinUrl);
    const prompt = await waitFor(t, 'Your instructor will see you as:');
    expect(prompt.replace(/\s+/g, ' ')).toContain(`Only your name and lesson progress (step passed, hint used, lesson complete, idle) are sent to ${host.code} at 127.0.0.1:${host.port}. Nothing else.`);
    tmux('send-keys', '-t', t, 'Enter');
    await waitFor(t, 'Type a name (1–40 characters)');
    tmux('send-keys', '-t', t, '-l', 'Ada');
    await waitFor(t, 'see you as: Ada');
    tmux('send-keys', '-t', t, 'Enter');
    await waitFor(t, `Classroom ${host.code}:`);
    expect(host.table().rows.map((r) => r.name)).toEqual(['Ada']);

    host.broadcast('Break until 10:30');
    await waitFor(t, '📣 Break until 10:30');
    tmux('send-keys', '-t', t, 'Enter');
    const lesson = await waitFor(t, 'step 1/3');
    expect(lesson.trimEnd().split('\n').at(-1)).toMatch(/^📣 Break until 10:30\s+▶ \d\d:\d\d:\d\d · \? keys$/);
    tmux('send-keys', '-t', t, 'Escape');
    await waitFor(t, '← next');
    tmux('send-keys', '-t', t, 'q');
    await waitFor(t, 'EXITED 0');
  }, 120_000);

  it('Esc on the prompt (prefilled with the stored name) leaves with exit 0 and sends nothing', async () => {
    const before = host.state().learners.size;
    const t = learner('esc', host.joinUrl);
    await waitFor(t, 'see you as: Ada');
    tmux('send-keys', '-t', t, 'Escape');
    const screen = await waitFor(t, 'EXITED 0');
    expect(screen).toContain(`not joined: nothing was sent to classroom ${host.code}`);
    expect(host.state().learners.size).toBe(before);
  }, 60_000);

  it('joins from a plain tutorial: c on the list, the address, the name; the learner is in the host table', async () => {
    const t = tutorial('in-tui', '', 'learner-tui');
    await waitFor(t, 'c joins a classroom');
    tmux('send-keys', '-t', t, 'c');
    await waitFor(t, 'Classroom address:');
    tmux('send-keys', '-t', t, '-l', host.joinUrl);
    tmux('send-keys', '-t', t, 'Enter');
    await waitFor(t, 'Your instructor will see you as:');
    tmux('send-keys', '-t', t, '-l', 'Grace');
    await waitFor(t, 'see you as: Grace');
    tmux('send-keys', '-t', t, 'Enter');
    const list = await waitFor(t, `Classroom ${host.code}:`);
    expect(list).toContain(`Joined classroom ${host.code} at http://127.0.0.1:${host.port}.`);
    expect(list).not.toContain('c joins a classroom');
    await waitFor(t, () => host.table().rows.some((r) => r.name === 'Grace'));
    tmux('send-keys', '-t', t, 'c');
    await waitFor(t, `You are already in classroom ${host.code}.`);
    tmux('send-keys', '-t', t, 'q');
    await waitFor(t, 'EXITED 0');
  }, 120_000);
});
