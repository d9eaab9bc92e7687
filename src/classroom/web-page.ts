/**
 * The projector page of `classroom host --web`: one self-contained, read-only HTML page at
 * `GET /rooms/<code>/`. The HTML itself carries no learner data: its script polls
 * `table?view=1` (the room table with render.ts's display text) every second and builds the rows
 * with textContent only, since learners choose their names. The inline script and style are
 * allowed by their sha256 hashes in a strict Content-Security-Policy; nothing else loads.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** A page the host sends as it is. */
export interface WebPage {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** How often the page asks the host for the table. */
export const POLL_MS = 1000;

const STYLE = `
:root { color-scheme: light; --ink: #111418; --paper: #fbfbf8; --band: #14202e; --line: #d5d8dc; --muted: #4a525c; --scale: 1; }
html.fit-1 { --scale: 0.9; } html.fit-2 { --scale: 0.8; } html.fit-3 { --scale: 0.7; }
html.fit-4 { --scale: 0.62; } html.fit-5 { --scale: 0.55; } html.fit-6 { --scale: 0.5; }
* { box-sizing: border-box; }
html { font-size: calc(clamp(16px, 1.6vw, 44px) * var(--scale)); }
body { margin: 0; background: var(--paper); color: var(--ink); font-family: system-ui, 'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK SC', sans-serif; line-height: 1.25; }
code, td.cell, td.where, td.time, td.hints { font-family: ui-monospace, 'DejaVu Sans Mono', 'Noto Sans Mono', monospace; }
header { background: var(--band); color: #ffffff; padding: 0.6rem 1.2rem; display: flex; align-items: center; gap: 1.2rem; font-size: clamp(18px, 1.9vw, 52px); }
.join { flex: 1 1 auto; }
.join .label { color: #c9d6e3; margin-right: 0.6rem; }
.join code { font-weight: 700; color: #ffe98a; overflow-wrap: anywhere; }
.status { flex: none; font-weight: 700; padding: 0.2rem 0.9rem; border-radius: 999px; white-space: nowrap; }
.status.live { background: #1f7a3a; color: #ffffff; }
.status.down { background: #b3261e; color: #ffffff; }
.status.wait { background: #ffe98a; color: #111418; }
main { padding: 0.4rem 1.2rem 0; }
body.stale main, body.stale footer { opacity: 0.4; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 0.22rem 0.45rem; border-bottom: 1px solid var(--line); white-space: nowrap; }
thead th { font-size: 0.8rem; color: var(--muted); letter-spacing: 0.03em; border-bottom: 3px solid var(--ink); vertical-align: bottom; }
tfoot td, tfoot th { border-top: 3px solid var(--ink); border-bottom: none; font-weight: 700; }
tfoot th { font-size: 0.8rem; color: var(--muted); }
td.name { font-weight: 700; font-size: 1.1rem; max-width: 16em; overflow: hidden; text-overflow: ellipsis; }
td.where { white-space: normal; min-width: 10ch; }
td.where .lesson { color: var(--muted); }
td.where .lesson, td.where .step { white-space: nowrap; }
td.where .step { font-weight: 700; }
.mark-done { color: #0b6b2e; font-weight: 700; }
.mark-current { color: #0b4f9c; font-weight: 700; }
.mark-stuck { color: #b3261e; font-weight: 800; }
.mark-started { color: #7a4a00; }
.mark-none { color: #5d646c; }
tr.stuck td { background: #fde7e5; }
.badge { background: #b3261e; color: #ffffff; font-family: system-ui, 'DejaVu Sans', sans-serif; font-weight: 800; font-size: 0.75rem; padding: 0.05rem 0.4rem; border-radius: 0.3rem; margin-left: 0.4rem; }
#empty { font-size: 1.4rem; color: var(--muted); padding: 1rem 0; }
footer { padding: 0.6rem 1.2rem 1rem; display: grid; gap: 0.3rem; }
footer p { margin: 0; }
#most-stuck { font-size: 1.4rem; font-weight: 700; }
#most-stuck.someone { color: #b3261e; }
#lessons, #legend { color: var(--muted); font-size: 0.85rem; }
#lessons span, #legend span.item { margin-right: 1.1rem; white-space: nowrap; display: inline-block; }
`;

// Plain browser JavaScript kept in a string (the bundle must not rewrite it: its hash is in the CSP).
// Learner-chosen text only ever reaches the page through textContent.
const SCRIPT = `'use strict';
(() => {
  const byId = (id) => document.getElementById(id);
  const make = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  };
  const MARKS = ['done', 'current', 'stuck', 'started', 'none'];
  const markClass = (mark) => 'mark-' + (MARKS.includes(mark) ? mark : 'none');
  const where = (text) => {
    const td = make('td', 'where');
    const cut = text.indexOf('/');
    if (cut < 0) td.textContent = text;
    else td.append(make('span', 'lesson', text.slice(0, cut + 1)), make('wbr'), make('span', 'step', text.slice(cut + 1)));
    return td;
  };
  const FITS = 7;
  const fit = () => {
    const root = document.documentElement;
    for (let i = 0; i < FITS; i++) root.classList.remove('fit-' + i);
    for (let i = 1; i < FITS && (root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight); i++) {
      root.classList.remove('fit-' + (i - 1));
      root.classList.add('fit-' + i);
    }
  };
  const show = (view) => {
    const head = [make('th', 'name', 'Learner')];
    const foot = [make('th', 'name', 'Finished (of ' + view.learners + ')')];
    for (const l of view.lessons) {
      const th = make('th', 'lesson', l.label);
      th.title = l.lesson;
      head.push(th);
      foot.push(make('td', 'cell', l.finished));
    }
    head.push(make('th', 'where', 'Current step'), make('th', 'time', 'On step'), make('th', 'hints', 'Hints'));
    foot.push(make('td'), make('td'), make('td'));
    byId('head').replaceChildren(...head);
    byId('foot').replaceChildren(...foot);
    byId('rows').replaceChildren(...view.rows.map((r) => {
      const tr = make('tr', r.stuck ? 'stuck' : '');
      tr.append(make('td', 'name', r.name));
      for (const c of r.cells) tr.append(make('td', 'cell ' + markClass(c.mark), c.text));
      tr.append(where(r.where), make('td', 'time', r.onStep));
      const hints = make('td', 'hints', r.hints);
      if (r.stuck) hints.append(make('span', 'badge', 'STUCK'));
      tr.append(hints);
      return tr;
    }));
    byId('empty').hidden = view.rows.length > 0;
    byId('most-stuck').textContent = view.mostStuck;
    byId('most-stuck').className = view.rows.some((r) => r.stuck) ? 'someone' : '';
    byId('lessons').replaceChildren(...view.lessons.map((l) => make('span', '', l.label + ' ' + l.lesson)));
    byId('legend').replaceChildren(...view.legend.map((l) => {
      const item = make('span', 'item');
      item.append(make('span', markClass(l.mark), l.symbol), ' ' + l.meaning);
      return item;
    }));
    fit();
  };
  const status = (text, state) => {
    const node = byId('status');
    node.textContent = text;
    node.className = 'status ' + state;
    document.body.classList.toggle('stale', state !== 'live');
  };
  const poll = async () => {
    try {
      const res = await fetch('table?view=1', { cache: 'no-store', headers: { accept: 'application/json' } });
      if (res.status === 401) status('this page is for another room: open the address the host printed', 'down');
      else if (!res.ok) throw new Error('status ' + res.status);
      else {
        show((await res.json()).view);
        status('live', 'live');
      }
    } catch {
      status('host not reachable \\u2014 retrying', 'down');
    }
    setTimeout(poll, ${POLL_MS});
  };
  window.addEventListener('resize', fit);
  poll();
})();
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const SCRIPT_HASH = sha256(SCRIPT);
const STYLE_HASH = sha256(STYLE);

/** Headers every page gets: never cached, never sniffed, no referrer, not framed. */
function pageHeaders(csp: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML text node or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The projector page of a room: the join command, an empty table the script fills, the summary. */
export function projectorPage(opts: { readonly code: string; readonly joinUrl: string }): WebPage {
  const join = escapeHtml(`npx learn-daemonsets --join ${opts.joinUrl}`);
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Classroom ${escapeHtml(opts.code)} · learn-daemonsets</title>
<style>${STYLE}</style>
</head>
<body class="stale">
<header>
<div class="join"><span class="label">Join the class:</span><code id="join">${join}</code></div>
<div id="status" class="status wait" role="status">connecting…</div>
</header>
<main>
<table>
<thead><tr id="head"></tr></thead>
<tbody id="rows"></tbody>
<tfoot><tr id="foot"></tr></tfoot>
</table>
<p id="empty">No learners yet.</p>
</main>
<footer>
<p id="most-stuck"></p>
<p id="lessons"></p>
<p id="legend"></p>
</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
  const csp = `default-src 'none'; script-src ${SCRIPT_HASH}; style-src ${STYLE_HASH}; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return { status: 200, headers: pageHeaders(csp), body };
}

/** What a projector page with a wrong code in its address gets (nothing about the room). */
export function wrongCodePage(): WebPage {
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Wrong room code</title></head>
<body>
<h1>Wrong room code</h1>
<p>This address does not name the running room. Open the “Projector page” address that
<code>learn-daemonsets classroom host --web</code> printed, code included.</p>
</body>
</html>
`;
  return { status: 401, headers: pageHeaders("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"), body };
}

/** Sends a page with its length. */
export function writePage(res: ServerResponse, page: WebPage): void {
  res.writeHead(page.status, { ...page.headers, 'content-length': Buffer.byteLength(page.body) });
  res.end(page.body);
}
