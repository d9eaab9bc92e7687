/**
 * A container's main process as a timeline: a finite prefix of log lines computed once at
 * start, then either an exit, silence forever, or a periodic loop whose iterations are
 * recomputed on demand. Queries cost O(lines returned), however old the pod is.
 */
import type { Container } from '../../cluster/types.js';
import type { ImageBehaviour } from '../images-catalog.js';
import { renderMarkers } from './dates.js';
import { expandKubeRefs } from './env.js';
import { newShell, runCondition, runList, runProcessBody } from './interp.js';
import { findExecutable, launchFor, type Launch } from './launch.js';
import { replayIteration } from './loops.js';
import { BudgetSignal, ForeverSignal, PeriodicSignal, type LogEvent } from './state.js';

/** A container ready to start: argv after Kubernetes' command/args rules, and how it runs. */
export interface Program {
  ok: true;
  argv: string[];
  launch: Launch;
  image: ImageBehaviour;
}

/** The container cannot start (runc's exec failed); kubelet records reason StartError, exit 128. */
export interface StartFailure {
  ok: false;
  reason: 'StartError';
  exitCode: 128;
  message: string;
}

/** Pod facts the process can observe. */
export interface ProcessContext {
  /** Resolved container env (see resolveEnv). */
  env: Readonly<Record<string, string>>;
  /** Pod name (the container's hostname). */
  hostname: string;
  namespace?: string;
  podIP?: string;
}

/** One line of `kubectl logs`. */
export interface LogLine {
  atMs: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** How a finite process ended. */
export interface ProcessExit {
  atMs: number;
  code: number;
}

/** A started process: when (if ever) it exits and what it has printed by any instant. */
export interface ProcessRun {
  readonly startMs: number;
  /** undefined: runs until killed. */
  readonly exit: ProcessExit | undefined;
  /** The script exceeded the simulation budget; output after that point is dropped. */
  readonly truncated: boolean;
  /** Lines with fromMs <= atMs < toMs, oldest first, at most `limit` (default 10,000). */
  linesBetween(fromMs: number, toMs: number, limit?: number): LogLine[];
  /** The last `n` lines with atMs <= untilMs, oldest first (for `--tail`). */
  lastLines(untilMs: number, n: number): LogLine[];
}

const PREFIX = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ';

/** Apply Kubernetes' command/args vs ENTRYPOINT/CMD rules and find the executable in the image. */
export function compileContainer(container: Pick<Container, 'command' | 'args'>, image: ImageBehaviour,
  env: Readonly<Record<string, string>> = {}): Program | StartFailure {
  const command = container.command?.map((s) => expandKubeRefs(s, env));
  const args = container.args?.map((s) => expandKubeRefs(s, env));
  const argv = command && command.length > 0
    ? [...command, ...(args ?? [])]
    : [...(image.entrypoint ?? []), ...(args && args.length > 0 ? args : image.cmd ?? [])];
  const name = argv[0];
  if (name === undefined || name === '') {
    return { ok: false, reason: 'StartError', exitCode: 128, message: `${PREFIX}exec: "": executable file not found in $PATH: unknown` };
  }
  const exe = findExecutable(name, image);
  if (!exe) {
    const why = name.includes('/') ? `stat ${name}: no such file or directory` : 'executable file not found in $PATH';
    return { ok: false, reason: 'StartError', exitCode: 128, message: `${PREFIX}exec: "${name}": ${why}: unknown` };
  }
  return { ok: true, argv, launch: launchFor(exe, argv, image.userland), image };
}

/**
 * Whether the program is exactly `sleep infinity` (or `inf`) resolving to the sleep utility —
 * the pause image, and many a DaemonSet's `command: [sleep, infinity]`. The interpreter would
 * block at once with no output whatever the environment, so no shell is built for it.
 */
function sleepsForever(program: Program): boolean {
  const { launch, image } = program;
  if (launch.k !== 'script' || launch.xtrace || launch.list.length !== 1) return false;
  const andOr = launch.list[0];
  if (!andOr || andOr.rest.length > 0 || andOr.first.negate || andOr.first.cmds.length !== 1) return false;
  const cmd = andOr.first.cmds[0];
  if (cmd?.k !== 'simple' || cmd.assigns.length > 0 || cmd.redirs.length > 0 || cmd.words.length !== 2) return false;
  const [name, arg] = cmd.words.map((w) => (w.parts.length === 1 && w.parts[0]?.k === 'lit' ? w.parts[0].v : undefined));
  if (name !== 'sleep' || arg === undefined || !/^(inf|infinity)$/i.test(arg)) return false;
  return findExecutable('sleep', { userland: launch.internal ? 'busybox' : image.userland, programs: image.programs ?? {} })?.k === 'utility';
}

/** Start the process at `startMs` (epoch ms): interprets up to the first exit, block or loop. */
export function startProcess(program: Program, ctx: ProcessContext, startMs: number): ProcessRun {
  if (sleepsForever(program)) return new Timeline(startMs, [], undefined, undefined, false);
  const { image, launch } = program;
  const flavor = launch.k === 'script' ? launch.flavor : 'busybox';
  const sh = newShell({ flavor, hostname: ctx.hostname, namespace: ctx.namespace ?? 'default', userland: image.userland,
    programs: image.programs ?? {}, ...(ctx.podIP !== undefined ? { podIP: ctx.podIP } : {}) }, 0);
  const base: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: ctx.hostname, ...image.env, ...ctx.env, HOME: '/root' };
  for (const [k, v] of Object.entries(base)) { sh.vars.set(k, v); sh.exported.add(k); }
  let exit: ProcessExit | undefined;
  let periodic: PeriodicSignal | undefined;
  let truncated = false;
  if (launch.k === 'fail') {
    for (const l of launch.stderr) sh.write(2, `${l}\n`);
    exit = { atMs: startMs, code: launch.code };
  } else {
    try {
      const code = runProcessBody(sh, launch);
      exit = { atMs: startMs + sh.out.now, code };
    } catch (e) {
      if (e instanceof PeriodicSignal) periodic = e;
      else if (e instanceof BudgetSignal) truncated = true;
      else if (!(e instanceof ForeverSignal)) throw e;
    }
  }
  if (!periodic) sh.out.flush();
  const prefix = [...sh.out.events].sort((a, b) => a.t - b.t);
  return new Timeline(startMs, prefix, exit, periodic, truncated);
}

class Timeline implements ProcessRun {
  private readonly cache = new Map<number, LogEvent[]>();

  constructor(readonly startMs: number, private readonly prefix: LogEvent[], readonly exit: ProcessExit | undefined,
    private readonly periodic: PeriodicSignal | undefined, readonly truncated: boolean) {}

  private line(e: LogEvent): LogLine {
    return { atMs: this.startMs + e.t, stream: e.stream, text: renderMarkers(e.text, this.startMs) };
  }

  private iteration(k: number): LogEvent[] {
    const p = this.periodic;
    if (!p) return [];
    let evs = this.cache.get(k);
    if (!evs) {
      evs = replayIteration(p, k, runCondition, runList);
      if (this.cache.size >= 64) this.cache.clear();
      this.cache.set(k, evs);
    }
    return evs;
  }

  linesBetween(fromMs: number, toMs: number, limit = 10_000): LogLine[] {
    const from = fromMs - this.startMs;
    const to = toMs - this.startMs;
    const out: LogLine[] = [];
    for (let i = lowerBound(this.prefix, from); i < this.prefix.length && out.length < limit; i++) {
      const e = this.prefix[i];
      if (!e || e.t >= to) return out;
      out.push(this.line(e));
    }
    const p = this.periodic;
    if (!p || p.perIteration === 0) return out;
    for (let k = Math.max(0, Math.floor((from - p.startT) / p.periodMs) - 1); out.length < limit; k++) {
      if (p.startT + k * p.periodMs >= to) break;
      for (const e of this.iteration(k)) {
        if (e.t >= from && e.t < to && out.length < limit) out.push(this.line(e));
      }
    }
    return out;
  }

  lastLines(untilMs: number, n: number): LogLine[] {
    const until = untilMs - this.startMs;
    const rev: LogEvent[] = [];
    const p = this.periodic;
    if (p && p.perIteration > 0 && until >= p.startT) {
      for (let k = Math.floor((until - p.startT) / p.periodMs); k >= 0 && rev.length < n; k--) {
        const evs = this.iteration(k);
        for (let i = evs.length - 1; i >= 0 && rev.length < n; i--) {
          const e = evs[i];
          if (e && e.t <= until) rev.push(e);
        }
      }
    }
    for (let i = lowerBound(this.prefix, until + 1) - 1; i >= 0 && rev.length < n; i--) {
      const e = this.prefix[i];
      if (e) rev.push(e);
    }
    return rev.reverse().map((e) => this.line(e));
  }
}

function lowerBound(events: readonly LogEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid]?.t ?? Infinity) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
