/**
 * The projector page in a real browser: Debian's headless Chromium loads it from a running host
 * and the dumped DOM must show what `host.table()` says. Chromium must be installed unless
 * SKIP_BROWSER_TESTS=1 (the same rule as kubectl's).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../src/classroom/host.js';
import type { ClassroomEvent } from '../../src/classroom/protocol.js';
import { tableView, type TableView } from '../../src/classroom/render.js';
import { RoomStore } from '../../src/classroom/store.js';
import { projectorPage, writePage } from '../../src/classroom/web-page.js';

/** Where Debian puts Chromium (overridable for other setups). */
const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';

/** Whether the browser tests run: they must, unless the user opted out explicitly. */
function browserAvailable(): boolean {
  if (process.env['SKIP_BROWSER_TESTS'] === '1') return false;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: install it (apt-get install chromium, or set CHROMIUM=/path/to/chromium), or set SKIP_BROWSER_TESTS=1 to skip the browser tests`);
  }
  return true;
}

const lessons = [
  { id: 'first-daemonset', steps: ['create', 'inspect'] },
  { id: 'taints', steps: ['taint', 'tolerate', 'check'] },
];
const NOW = Date.parse('2026-11-25T10:10:00Z');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** One headless Chromium run: the DOM after the page's script had ~5 s of virtual time. */
function dumpDom(url: string): Promise<string> {
  const profile = tempDir('chromium-');
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${profile}`, '--virtual-time-budget=5000', '--dump-dom', url];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 45_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`chromium failed: ${err.message}\n${stderr.slice(-2000)}`));
      else resolve(stdout);
    });
  });
}

/** Dumps until `ready` holds (a slow machine may need another run); a bounded number of tries. */
async function dumpUntil(url: string, ready: (dom: string) => boolean, tries = 3): Promise<string> {
  let dom = '';
  for (let i = 0; i < tries; i++) {
    dom = await dumpDom(url);
    if (ready(dom)) return dom;
  }
  throw new Error(`the page never got ready in ${tries} runs; last DOM:\n${dom}`);
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&nbsp;': '\u00a0' };
const text = (html: string): string => html.replace(/<[^>]*>/g, '').replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e);

/** The text of each cell of each row inside `<tbody id="…">` or `<tfoot>`. */
function cellTexts(dom: string, section: RegExp): string[][] {
  const body = section.exec(dom)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] ?? '').matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => text(c[1] ?? '')));
}

/** The text inside the element with `id` (none of ours nests an element of its own tag). */
const byId = (dom: string, id: string): string => text(new RegExp(`<([a-z]+) id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(dom)?.[2] ?? '');

function ev(learner: string, name: string, seq: number, extra: Partial<ClassroomEvent>): ClassroomEvent {
  return { id: `event-${learner}-${seq}`, learner, name, seq, at: '2026-11-25T10:05:00.000Z', kind: 'joined', ...extra };
}

const EVIL = '<img src=x onerror=alert(1)>';
const UNICODE = 'Zoë 李小龍 🚀';

async function classroom(): Promise<Host> {
  const h = await startHost({ store: RoomStore.open(tempDir('web-room-')), lessons, now: () => NOW, web: true });
  cleanup.push(() => h.stop());
  const batches: ClassroomEvent[][] = [
    [ev('learner-a', 'Ada', 1, { kind: 'lesson-opened', lesson: 'first-daemonset' }), ev('learner-a', 'Ada', 2, { kind: 'step-passed', lesson: 'first-daemonset', step: 'create' })],
    [
      ev('learner-e', EVIL, 1, { kind: 'lesson-opened', lesson: 'first-daemonset' }),
      ev('learner-e', EVIL, 2, { kind: 'hint-used', lesson: 'first-daemonset', step: 'create' }),
      ev('learner-e', EVIL, 3, { kind: 'idle' }),
    ],
    [
      ev('learner-z', UNICODE, 1, { kind: 'lesson-opened', lesson: 'first-daemonset' }),
      ev('learner-z', UNICODE, 2, { kind: 'lesson-complete', lesson: 'first-daemonset' }),
      ev('learner-z', UNICODE, 3, { kind: 'lesson-opened', lesson: 'taints' }),
      ev('learner-z', UNICODE, 4, { kind: 'step-passed', lesson: 'taints', step: 'taint' }),
    ],
    [ev('learner-n', 'Newcomer', 1, { kind: 'joined' })],
  ];
  for (const batch of batches) {
    const res = await fetch(`http://127.0.0.1:${h.port}/rooms/${h.code}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    expect(res.status).toBe(200);
  }
  return h;
}

/** What each body row must read: name, a cell per lesson, current step, time on step, hints (+ STUCK). */
function expectedRows(view: TableView): string[][] {
  return view.rows.map((r) => [r.name, ...r.cells.map((c) => c.text), r.where, r.onStep, `${r.hints}${r.stuck ? 'STUCK' : ''}`]);
}

describe.runIf(browserAvailable())('the projector page in headless Chromium', () => {
  it('shows every learner as text with the host table’s marks, steps, hints and summary', { timeout: 180_000 }, async () => {
    const h = await classroom();
    const view = tableView(h.table());
    const dom = await dumpUntil(h.pageUrl ?? '', (d) => byId(d, 'status') === 'live');

    expect(cellTexts(dom, /<tbody id="rows">([\s\S]*?)<\/tbody>/)).toEqual(expectedRows(view));
    expect(expectedRows(view).map((r) => r[0])).toEqual(['<img src=x onerror=alert(1)>', 'Ada', 'Newcomer', UNICODE]);
    expect(expectedRows(view)[0]).toEqual([EVIL, '!0/2', '·0/3', 'first-daemonset/create', '5m00s', '1STUCK']);
    // The hostile name is text: escaped in the DOM, and no element was made from it.
    expect(dom).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(dom).not.toMatch(/<img/i);
    expect(cellTexts(dom, /<tfoot>([\s\S]*?)<\/tfoot>/)).toEqual([['Finished (of 4)', '1', '0', '', '', '']]);
    expect(view.lessons.map((l) => l.finished)).toEqual(h.table().summary.finished.map((f) => f.count));
    expect(byId(dom, 'most-stuck')).toBe('Most stuck: first-daemonset/create (1).');
    expect(byId(dom, 'most-stuck')).toBe(view.mostStuck);
    expect(byId(dom, 'join')).toBe(`npx learn-daemonsets --join ${h.joinUrl}`);
    expect(byId(dom, 'lessons')).toBe('L1 first-daemonsetL2 taints');
  });

  it('keeps the last table and says "host not reachable — retrying" once the host stops answering', { timeout: 180_000 }, async () => {
    // A stand-in host: the real page and one real table, then every table request is cut off.
    const h = await classroom();
    const url = new URL(h.pageUrl ?? '');
    const first = await (await fetch(new URL('table?view=1', url))).text();
    let tables = 0;
    const server: Server = createServer((req, res) => {
      if (req.url === url.pathname) return writePage(res, projectorPage({ code: h.code, joinUrl: h.joinUrl }));
      if (req.url?.startsWith(`${url.pathname}table`) && tables++ === 0) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(first);
      }
      req.socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;

    const dom = await dumpUntil(`http://127.0.0.1:${port}${url.pathname}`, (d) => tables >= 2 && d.includes('retrying'));
    expect(byId(dom, 'status')).toBe('host not reachable — retrying');
    expect(dom).toMatch(/<body class="[^"]*\bstale\b/);
    expect(cellTexts(dom, /<tbody id="rows">([\s\S]*?)<\/tbody>/)).toEqual(expectedRows(tableView(h.table())));
  });
});
