/**
 * `while`/`until` loops and the periodicity detector that keeps infinite loops cheap.
 *
 * After each iteration we snapshot the shell (variables, `$?`, clock, log length). When three
 * consecutive iteration starts are equally spaced in time, print the same pattern of lines,
 * and every variable is either constant or changes by a constant integer step (a counter) that
 * no condition reads, the loop can never leave that rhythm: we stop interpreting and throw a
 * `PeriodicSignal`; iteration k is later re-run on demand from the base state plus k steps.
 * An iteration that does not advance the clock costs 1 ms (the busy-loop cap), so a loop
 * without `sleep` prints at most 1,000 lines per simulated second instead of hanging.
 */
import type { Command, List } from './ast.js';
import { shiftMarkers } from './dates.js';
import { BudgetSignal, ExitSignal, ForeverSignal, type LogEvent, LoopSignal, Output, PeriodicSignal, type Shell } from './state.js';

type Runner = (sh: Shell, list: List) => number;

interface Snapshot {
  vars: Map<string, string>;
  status: number;
  t: number;
  ev: number;
  positional: string;
  settled: boolean;
}

function snapshot(sh: Shell): Snapshot {
  return {
    vars: new Map(sh.vars), status: sh.status, t: sh.out.now, ev: sh.out.events.length,
    positional: sh.positional.join('\u0000'), settled: sh.out.settled(),
  };
}

const INT = /^-?\d{1,15}$/;

/** Per variable: a counter step, or 'moving' for a `$(date)` value re-taken every iteration. */
type Drift = Map<string, number | 'moving'>;

function detect(sh: Shell, [a, b, c]: [Snapshot, Snapshot, Snapshot], reads: ReadonlySet<string>): Drift | undefined {
  const period = b.t - a.t;
  if (period <= 0 || c.t - b.t !== period) return undefined;
  if (!a.settled || !b.settled || !c.settled) return undefined;
  if (a.status !== b.status || b.status !== c.status || a.positional !== c.positional || b.positional !== c.positional) return undefined;
  const n = b.ev - a.ev;
  if (c.ev - b.ev !== n) return undefined;
  const events = sh.out.events;
  for (let k = 0; k < n; k++) {
    const x = events[a.ev + k];
    const y = events[b.ev + k];
    if (!x || !y || x.stream !== y.stream || x.t - a.t !== y.t - b.t) return undefined;
  }
  const linear: Drift = new Map();
  const moving = new Set<string>();
  const names = new Set([...a.vars.keys(), ...b.vars.keys(), ...c.vars.keys()]);
  for (const name of names) {
    const va = a.vars.get(name);
    const vb = b.vars.get(name);
    const vc = c.vars.get(name);
    if (va === undefined || vb === undefined || vc === undefined) {
      if (va === vb && vb === vc) continue;
      return undefined;
    }
    if (va === vb && vb === vc) continue;
    const ra = shiftMarkers(va, -a.t);
    if (ra === shiftMarkers(vb, -b.t) && ra === shiftMarkers(vc, -c.t)) { moving.add(name); continue; }
    if (!INT.test(va) || !INT.test(vb) || !INT.test(vc)) return undefined;
    const step = Number(vb) - Number(va);
    if (Number(vc) - Number(vb) !== step || reads.has(name)) return undefined;
    linear.set(name, step);
  }
  for (const name of moving) linear.set(name, 'moving');
  return linear;
}

/** Run a while/until loop, throwing `PeriodicSignal` once it is provably periodic forever. */
export function runLoop(sh: Shell, cmd: Extract<Command, { k: 'loop' }>, cond: Runner, run: Runner): number {
  const detecting = sh.detect;
  const outerReads = sh.reads;
  const reads = outerReads ?? new Set<string>();
  if (detecting) sh.reads = reads;
  const samples: Snapshot[] = [];
  let status = 0;
  try {
    for (let iter = 0; ; iter++) {
      if (detecting && iter >= 1) {
        samples.push(snapshot(sh));
        if (samples.length > 3) samples.shift();
        const [a, b, c] = samples;
        if (a && b && c) {
          const linear = detect(sh, [a, b, c], reads);
          if (linear) throw new PeriodicSignal(sh.clone(new Output(c.t)), c.t, b.t - a.t, linear, cmd, c.ev - b.ev);
        }
      }
      const t0 = sh.out.now;
      const c = cond(sh, cmd.cond);
      if (cmd.until ? c === 0 : c !== 0) break;
      try {
        status = run(sh, cmd.body);
      } catch (e) {
        if (!(e instanceof LoopSignal)) throw e;
        if (e.levels > 1) { e.levels--; throw e; }
        if (e.kind === 'break') break;
      }
      if (sh.out.now === t0) sh.out.now += 1;
    }
  } finally {
    sh.reads = outerReads;
  }
  return status;
}

/** Re-run iteration `k` (0 = the first after detection) of a periodic loop; returns its lines. */
export function replayIteration(p: PeriodicSignal, k: number, cond: Runner, run: Runner): LogEvent[] {
  const shift = k * p.periodMs;
  const out = new Output(p.startT + shift);
  const sh = p.base.clone(out);
  sh.detect = false;
  sh.captured = [];
  for (const [name, value] of p.base.vars) {
    const drift = p.linear.get(name);
    if (drift === 'moving') sh.vars.set(name, shiftMarkers(value, shift));
    else if (drift !== undefined) sh.vars.set(name, String(Number(value) + k * drift));
  }
  try {
    const c = cond(sh, p.loop.cond);
    if (p.loop.until ? c !== 0 : c === 0) run(sh, p.loop.body);
  } catch (e) {
    if (!(e instanceof LoopSignal || e instanceof ExitSignal || e instanceof ForeverSignal || e instanceof BudgetSignal || e instanceof PeriodicSignal)) throw e;
  }
  return out.events;
}
