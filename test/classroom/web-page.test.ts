import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostOptions, runClassroom } from '../../src/commands/classroom.js';
import { startHost, type Host, type HostOptions } from '../../src/classroom/host.js';
import type { ClassroomEvent } from '../../src/classroom/protocol.js';
import { renderTable, tableView } from '../../src/classroom/render.js';
import { RoomStore } from '../../src/classroom/store.js';
import { escapeHtml, projectorPage } from '../../src/classroom/web-page.js';

const lessons = [
  { id: 'first-daemonset', steps: ['create', 'inspect'] },
  { id: 'taints', steps: ['taint', 'tolerate'] },
];
const NOW = Date.parse('2026-11-25T10:10:00Z');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function host(opts: Partial<HostOptions> = {}): Promise<Host> {
  const base = mkdtempSync(join(tmpdir(), 'web-host-'));
  cleanup.push(() => rmSync(base, { recursive: true, force: true }));
  const h = await startHost({ store: RoomStore.open(base), lessons, now: () => NOW, ...opts });
  cleanup.push(() => h.stop());
  return h;
}

function ev(learner: string, name: string, seq: number, extra: Partial<ClassroomEvent>): ClassroomEvent {
  return { id: `event-${learner}-${seq}`, learner, name, seq, at: '2026-11-25T10:05:00.000Z', kind: 'joined', ...extra };
}

async function post(h: Host, events: ClassroomEvent[]): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${h.port}/rooms/${h.code}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
  expect(res.status).toBe(200);
}

const page = (h: Host, code = h.code, init?: RequestInit): Promise<Response> => fetch(`http://127.0.0.1:${h.port}/rooms/${code}/`, init);
const sha = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('classroom host --web: the projector page', () => {
  it('is not served without web (404, as any unknown route)', async () => {
    const h = await host();
    expect(h.pageUrl).toBeUndefined();
    const res = await page(h);
    expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([404, expect.stringMatching(/^not found/)]);
  });

  it('is served with web, self-contained, with strict headers whose hashes match its inline script and style', async () => {
    const h = await host({ web: true });
    expect(h.pageUrl).toBe(`http://127.0.0.1:${h.port}/rooms/${h.code}/`);
    const res = await page(h);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
    expect(script).toContain("fetch('table?view=1'");
    expect(res.headers.get('content-security-policy')).toBe(
      `default-src 'none'; script-src ${sha(script)}; style-src ${sha(style)}; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(html).toContain(`<code id="join">npx learn-daemonsets --join ${h.joinUrl}</code>`);
    // Nothing from elsewhere: no external script, stylesheet, image or font, no inline handlers.
    expect(html).not.toMatch(/\ssrc=|<link|url\(|@import|https?:\/\/(?!127\.0\.0\.1)|\son\w+=/i);
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('carries no learner data: names arrive only through the table fetch', async () => {
    const h = await host({ web: true });
    await post(h, [ev('learner-a', 'Ada Secretname', 1, { kind: 'lesson-opened', lesson: 'first-daemonset' })]);
    const html = await (await page(h)).text();
    expect(h.table().rows.map((r) => r.name)).toEqual(['Ada Secretname']);
    expect(html).not.toContain('Secretname');
    expect(html).not.toContain('learner-a');
    expect(html).not.toContain('first-daemonset');
  });

  it.each([
    ['a wrong code', 'ABCDEFGH'],
    ['a code of another length', 'X'],
  ])('refuses %s with a short 401 page that names nothing of the room', async (_what, code) => {
    const h = await host({ web: true });
    await post(h, [ev('learner-a', 'Ada', 1, { kind: 'joined' })]);
    const res = await page(h, code);
    const html = await res.text();
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(html).toContain('Wrong room code');
    expect(html).not.toContain(h.code);
    expect(html).not.toContain('Ada');
  });

  it('answers only GET', async () => {
    const h = await host({ web: true });
    expect((await page(h, h.code, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(404);
  });

  it("serves the terminal's display text with table?view=1, and the plain table without it", async () => {
    const h = await host({ web: true });
    await post(h, [
      ev('learner-a', 'Ada', 1, { kind: 'lesson-opened', lesson: 'first-daemonset' }),
      ev('learner-a', 'Ada', 2, { kind: 'step-passed', lesson: 'first-daemonset', step: 'create' }),
      ev('learner-a', 'Ada', 3, { kind: 'hint-used', lesson: 'first-daemonset', step: 'inspect' }),
      ev('learner-a', 'Ada', 4, { kind: 'idle' }),
    ]);
    const base = `http://127.0.0.1:${h.port}/rooms/${h.code}/table`;
    const withView = (await (await fetch(`${base}?view=1`)).json()) as Record<string, unknown>;
    const plain = (await (await fetch(base)).json()) as Record<string, unknown>;
    const table = JSON.parse(JSON.stringify(h.table())) as Record<string, unknown>;
    expect(plain).toEqual(table);
    expect(withView).toEqual({ ...table, view: tableView(h.table()) });
    expect(tableView(h.table()).rows).toEqual([{ name: 'Ada', cells: [{ mark: 'stuck', text: '!1/2' }, { mark: 'none', text: '·0/2' }], where: 'first-daemonset/inspect', onStep: '5m00s', hints: 1, stuck: true }]);
  });
});

describe('classroom host --web (the command)', () => {
  it('parses --web as a flag', () => {
    expect(hostOptions(['--web'])).toEqual({ port: 0, bind: '127.0.0.1', web: true });
    expect(hostOptions([])).toEqual({ port: 0, bind: '127.0.0.1', web: false });
    expect(() => hostOptions(['--web=yes'])).toThrow(/--web/);
  });

  it.each([
    [['host', '--web'], true],
    [['host'], false],
  ])('%j prints the projector page right after the join line only with --web', async (argv, web) => {
    const home = mkdtempSync(join(tmpdir(), 'classroom-web-'));
    cleanup.push(() => rmSync(home, { recursive: true, force: true }));
    let out = '';
    let stop = (): void => undefined;
    const stopped = new Promise<void>((r) => (stop = r));
    const done = runClassroom(argv, { out: (t) => (out += t), err: () => undefined, env: { XDG_CONFIG_HOME: home }, tty: false, stopped, lessons });
    for (let i = 0; i < 10_000 && !out.includes('(no learners yet)'); i++) await new Promise((r) => setImmediate(r));
    const [first, second] = out.split('\n');
    const [, origin, code] = /--join (http:\/\/[^/]+)\/#(\w+)$/.exec(first ?? '') ?? [];
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const res = await fetch(`${origin}/rooms/${code}/`);
    if (web) {
      expect(second).toBe(`Projector page: ${origin}/rooms/${code}/`);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    } else {
      expect(out).not.toContain('Projector page');
      expect(res.status).toBe(404);
    }
    stop();
    expect(await done).toBe(0);
  });
});

describe('tableView', () => {
  it('is the text renderTable draws: rows, finishers and the most-stuck line', async () => {
    const h = await host();
    await post(h, [
      ev('learner-b', 'Bo\u202eevil', 1, { kind: 'lesson-opened', lesson: 'first-daemonset' }),
      ev('learner-b', 'Bo\u202eevil', 2, { kind: 'lesson-complete', lesson: 'first-daemonset' }),
    ]);
    const view = tableView(h.table());
    const lines = renderTable(h.table());
    expect(view.rows[0]?.name).toBe('Bo?evil');
    expect(lines[1]).toContain(view.rows[0]?.name);
    expect(view.lessons).toEqual([
      { label: 'L1', lesson: 'first-daemonset', finished: 1 },
      { label: 'L2', lesson: 'taints', finished: 0 },
    ]);
    expect(lines).toContain(view.finished);
    expect(view.finished).toBe('1 learner(s). Finished: L1 first-daemonset 1, L2 taints 0.');
    expect(lines).toContain(view.mostStuck);
  });
});

describe('escapeHtml', () => {
  it('escapes what could open a tag or close an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
    expect(projectorPage({ code: 'ABCDEFGH', joinUrl: 'http://h/#<b>' }).body).toContain('--join http://h/#&lt;b&gt;</code>');
  });
});
