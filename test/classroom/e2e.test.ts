/**
 * Issue 9's "done when": a host and 20 simulated learners on loopback; the host is killed
 * (SIGKILL, no graceful close) and restarted from its room directory mid-run; the final table
 * equals the table computed from every event the learners sent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { ClassroomEvent } from '../../src/classroom/protocol.js';
import { applyEvents, emptyRoom, type LessonOutline } from '../../src/classroom/room.js';
import { roomTable, type RoomTable } from '../../src/classroom/table.js';

const NOW_MS = Date.parse('2026-11-25T11:00:00Z');
const lessons: LessonOutline[] = [
  { id: 'first-daemonset', steps: ['create', 'inspect', 'delete'] },
  { id: 'taints', steps: ['taint', 'tolerate'] },
];
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  children.splice(0).forEach((c) => c.kill('SIGKILL'));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function startHostProcess(base: string, code?: string): Promise<{ child: ChildProcess; port: number; code: string }> {
  const script = join(import.meta.dirname, 'fixtures', 'host-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, base, ...(code ? [code] : [])], {
    env: { ...process.env, NOW_MS: String(NOW_MS), LESSONS: JSON.stringify(lessons) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\d+) (\w+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]), code: m[2] ?? '' });
    });
    child.once('exit', (c) => reject(new Error(`host exited with ${c}`)));
  });
}

/** A learner's script: joined, then lessons in order with a hint now and then; maybe idle at the end. */
function script(i: number): ClassroomEvent[] {
  const learner = `learner-${String(i).padStart(4, '0')}`;
  const kinds: Omit<ClassroomEvent, 'id' | 'learner' | 'name' | 'seq' | 'at'>[] = [{ kind: 'joined' }];
  const lessonsToDo = i % 3 === 0 ? 2 : 1;
  lessons.slice(0, lessonsToDo).forEach((l, li) => {
    kinds.push({ kind: 'lesson-opened', lesson: l.id });
    const stepsDone = li === lessonsToDo - 1 ? i % (l.steps.length + 1) : l.steps.length;
    l.steps.slice(0, stepsDone).forEach((s, si) => {
      if ((i + si) % 4 === 0) kinds.push({ kind: 'hint-used', lesson: l.id, step: s });
      kinds.push({ kind: 'step-passed', lesson: l.id, step: s });
    });
    if (stepsDone === l.steps.length) kinds.push({ kind: 'lesson-complete', lesson: l.id });
  });
  if (i % 5 === 0) kinds.push({ kind: 'idle' });
  return kinds.map((k, n) => ({ ...k, id: `${learner}-e${n + 1}`, learner, name: `Learner ${i % 7}`, seq: n + 1, at: new Date(NOW_MS - (40 - n) * 60_000).toISOString() }));
}

it('20 learners, a host killed and restarted mid-run: the final table matches every event sent', async () => {
  const base = mkdtempSync(join(tmpdir(), 'classroom-e2e-'));
  dirs.push(base);
  let host = await startHostProcess(base);
  const code = host.code;
  const scripts = Array.from({ length: 20 }, (_, i) => script(i + 1));
  let sentAll = 0;
  let restarted: Promise<void> | undefined;
  const total = scripts.reduce((n, s) => n + s.length, 0);

  /** At-least-once delivery: a batch is retried until the host answers 200. */
  async function deliver(batch: ClassroomEvent[]): Promise<void> {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${host.port}/rooms/${code}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
        if (res.status === 200) return;
        throw new Error(`host answered ${res.status}: ${await res.text()}`);
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('host answered')) throw err;
        await (restarted ?? new Promise((r) => setImmediate(r))); // the host is down: retry once it is back
      }
    }
  }

  const learners = scripts.map(async (events) => {
    for (let k = 0; k < events.length; k += 2) {
      await deliver(events.slice(k, k + 2));
      sentAll += Math.min(2, events.length - k);
      if (!restarted && sentAll >= total / 2) {
        host.child.kill('SIGKILL');
        restarted = startHostProcess(base, code).then((h) => void (host = h));
      }
    }
  });
  await Promise.all(learners);
  await restarted;
  expect(restarted).toBeDefined();
  // A learner whose reply was lost in the kill sends again: duplicates are harmless.
  await deliver(scripts[0]!.slice(0, 3));

  const res = await fetch(`http://127.0.0.1:${host.port}/rooms/${code}/table`);
  const table = (await res.json()) as RoomTable;
  const expected = roomTable(applyEvents(emptyRoom(), scripts.flat()).state, NOW_MS, lessons);
  expect(table).toEqual(JSON.parse(JSON.stringify(expected)));
  expect(table.rows).toHaveLength(20);
  expect(table.summary.finished.map((f) => f.count)).toEqual([
    scripts.filter((s) => s.some((e) => e.kind === 'lesson-complete' && e.lesson === 'first-daemonset')).length,
    scripts.filter((s) => s.some((e) => e.kind === 'lesson-complete' && e.lesson === 'taints')).length,
  ]);
});
