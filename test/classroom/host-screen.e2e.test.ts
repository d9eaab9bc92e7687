/**
 * The built `classroom host` in a real terminal (tmux, with CI=true as CI machines set it): the
 * Ink screen shows the join command, redraws when a learner's event arrives, sends a message
 * typed after `b`, and `q` stops the host with exit 0 and the room's directory on the shell.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastReplySchema } from '../../src/classroom/broadcast.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `ld-host-${process.pid}`;
const xdg = mkdtempSync(path.join(os.tmpdir(), 'ld-host-'));

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

/** Polls the pane until `want` shows (fails with the screen after `ms`). */
async function waitFor(want: string | RegExp, ms = 20_000): Promise<string> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    last = tmux('capture-pane', '-p', '-t', session);
    if (typeof want === 'string' ? last.includes(want) : want.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${String(want)}; the screen shows:\n${last}`);
}

describe.skipIf(!hasTmux)('classroom host screen in tmux', () => {
  beforeAll(() => {
    const bundled = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, encoding: 'utf8' });
    if (bundled.status !== 0 || !existsSync(path.join(root, 'dist/bundle/cli.js'))) throw new Error(`the bundle step failed:\n${bundled.stderr}`);
    const cmd = `cd ${root} && CI=true XDG_CONFIG_HOME=${xdg} node bin/learn-daemonsets.js classroom host; echo "EXITED $?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', cmd);
  }, 60_000);
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    rmSync(xdg, { recursive: true, force: true });
  });

  it('shows the room live, broadcasts a typed message, and q stops the host', async () => {
    const first = await waitFor('Learners join with:');
    const [, url, code] = /^npx learn-daemonsets --join (http:\/\/[^/\s]+)\/#([A-Z0-9]{8})$/m.exec(first) ?? [];
    expect(code).toBeDefined();
    const event = { id: 'event-ada-1', learner: 'learner-ada', name: 'Ada', seq: 1, at: new Date().toISOString(), kind: 'lesson-opened', lesson: 'first-daemonset' };
    const posted = await fetch(`${url}/rooms/${code}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(posted.status).toBe(200);
    expect(await waitFor(/^Ada\s+▶/m)).toContain(`Classroom ${code} · 1 learner`);

    tmux('send-keys', '-t', session, 'b');
    await waitFor('Message to every learner:');
    tmux('send-keys', '-t', session, '-l', 'Break until 10:30');
    await waitFor('Break until 10:30 ');
    tmux('send-keys', '-t', session, 'Enter');
    const sent = await waitFor('Message #1 sent to 1 learner.');
    expect(sent).toMatch(/Last message #1 at \d\d:\d\d: Break until 10:30/);
    const reply = broadcastReplySchema.parse(await (await fetch(`${url}/rooms/${code}/broadcast`)).json());
    expect(reply.messages.map((m) => [m.seq, m.text])).toEqual([[1, 'Break until 10:30']]);

    tmux('send-keys', '-t', session, 'q');
    const after = await waitFor('EXITED');
    expect(after).toContain('EXITED 0');
    expect(after.replace(/\n/g, '')).toContain(`Room ${code} stopped; its events are kept in ${path.join(xdg, 'learn-daemonsets', 'rooms', code ?? '')}.`);
  }, 60_000);
});
