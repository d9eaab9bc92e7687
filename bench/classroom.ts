/**
 * Classroom host bench (`npx tsx bench/classroom.ts [--learners 200] [--seconds 20] [--preload 0]`):
 * simulated learners each POST one event a second over loopback to a host in this process; the
 * "screen" redraws like `classroom host` does (every 100 ms when something changed: roomTable
 * + renderTable). Latency is send → the first redraw that includes the event. Target: p99 ≤
 * 500 ms at 200 learners. --preload N gives every learner N earlier events (late in a class).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startHost } from '../src/classroom/host.js';
import type { ClassroomEvent } from '../src/classroom/protocol.js';
import { renderTable } from '../src/classroom/render.js';
import { RoomStore } from '../src/classroom/store.js';

const { values } = parseArgs({ options: { learners: { type: 'string' }, seconds: { type: 'string' }, preload: { type: 'string' } } });
const LEARNERS = Number(values.learners ?? 200);
const SECONDS = Number(values.seconds ?? 20);
const PRELOAD = Number(values.preload ?? 0);
const lessons = [
  { id: 'first-daemonset', steps: ['create', 'inspect', 'delete'] },
  { id: 'taints', steps: ['taint', 'tolerate'] },
];

function event(i: number, seq: number): ClassroomEvent {
  const learner = `learner-${String(i).padStart(4, '0')}`;
  const kind = seq === 1 ? 'joined' : seq === 2 ? 'lesson-opened' : 'hint-used';
  return { id: `${learner}-${seq}`, learner, name: `Learner ${i}`, seq, at: new Date().toISOString(), kind, lesson: 'first-daemonset', ...(kind === 'hint-used' ? { step: 'create' } : {}) };
}

const base = mkdtempSync(join(tmpdir(), 'classroom-bench-'));
const store = RoomStore.open(base);
if (PRELOAD > 0) await store.append(Array.from({ length: LEARNERS }, (_, i) => Array.from({ length: PRELOAD }, (_, s) => event(i, s + 1))).flat());
const sent = new Map<string, number>();
const latencies: number[] = [];
let pending: string[] = [];
const host = await startHost({ store, lessons, rateLimit: { rate: 10, burst: 20 }, onChange: (fresh) => pending.push(...fresh.map((e) => e.id)) });
let drawMs = 0;
let draws = 0;
const screen = setInterval(() => {
  if (pending.length === 0) return;
  const t0 = performance.now();
  renderTable(host.table());
  const t = performance.now();
  drawMs += t - t0;
  draws++;
  for (const id of pending) latencies.push(t - (sent.get(id) ?? t));
  pending = [];
}, 100);

let failures = 0;
const url = `http://127.0.0.1:${host.port}/rooms/${host.code}/events`;
const cpu0 = process.cpuUsage();
await Promise.all(
  Array.from({ length: LEARNERS }, async (_, i) => {
    await new Promise((r) => setTimeout(r, (i / LEARNERS) * 1000)); // stagger the learners over a second
    for (let s = 0; s < SECONDS; s++) {
      const e = event(i, PRELOAD + s + 1);
      const due = performance.now() + 1000;
      sent.set(e.id, performance.now());
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(e) });
      if (res.status !== 200) failures++;
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    }
  }),
);
await new Promise((r) => setTimeout(r, 250));
clearInterval(screen);
const cpu = process.cpuUsage(cpu0);
await host.stop();
rmSync(base, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
const p99 = pct(99);
console.log(`classroom host: ${LEARNERS} learners × 1 event/s for ${SECONDS}s (preload ${PRELOAD}/learner): ${latencies.length} events on screen, ${failures} refused`);
console.log(`  send → screen  p50 ${pct(50).toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  max ${pct(100).toFixed(1)} ms  (target p99 ≤ 500 ms)`);
console.log(`  redraw (table + text)  mean ${(drawMs / Math.max(1, draws)).toFixed(2)} ms over ${draws} draws; CPU ${((cpu.user + cpu.system) / 1000 / SECONDS).toFixed(0)} ms per second of class`);
process.exitCode = p99 <= 500 && failures === 0 && latencies.length === LEARNERS * SECONDS ? 0 : 1;
