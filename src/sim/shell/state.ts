/**
 * Run-time state of a simulated process: the shared clock and log sink (`Output`), the shell
 * variables and fds (`Shell`), and the control-flow signals the interpreter throws.
 */
import type { Flavor, List, Sink } from './ast.js';
import type { Userland } from '../images-catalog.js';

/** One line as the container runtime records it; `t` is ms since process start. */
export interface LogEvent {
  t: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Where a file descriptor writes; `capture` is the pipe of a `$(...)`. */
export type Target = Sink | 'capture';

/** Facts fixed for the life of one process. */
export interface ShellConfig {
  flavor: Flavor;
  hostname: string;
  namespace: string;
  podIP?: string;
  userland: Userland;
  programs: Readonly<Record<string, string>>;
}

/** Upper bounds that keep a runaway script cheap (see README of this folder in index.ts). */
export const LIMITS = { steps: 200_000, events: 20_000 } as const;

/** The process-wide clock and log sink, shared by subshells, `$(...)` and exec'd programs. */
export class Output {
  events: LogEvent[] = [];
  private partial: { stdout: LogEvent | undefined; stderr: LogEvent | undefined } = { stdout: undefined, stderr: undefined };
  steps = 0;
  constructor(public now: number) {}

  /** Append text to a stream, cutting it into lines stamped with the time their first byte came. */
  write(stream: 'stdout' | 'stderr', text: string): void {
    let rest = text;
    while (rest.length > 0) {
      const nl = rest.indexOf('\n');
      const chunk = nl >= 0 ? rest.slice(0, nl) : rest;
      const open = this.partial[stream] ?? { t: this.now, stream, text: '' };
      open.text += chunk;
      if (nl < 0) { this.partial[stream] = open; return; }
      this.partial[stream] = undefined;
      this.events.push(open);
      if (this.events.length > LIMITS.events) throw new BudgetSignal();
      rest = rest.slice(nl + 1);
    }
  }

  /** Whether no line is half-written (a precondition for treating a loop as periodic). */
  settled(): boolean {
    return this.partial.stdout === undefined && this.partial.stderr === undefined;
  }

  /** Flush half-written lines at exit, as the runtime logs a final partial line. */
  flush(): void {
    for (const s of ['stdout', 'stderr'] as const) {
      const p = this.partial[s];
      if (p) this.events.push(p);
      this.partial[s] = undefined;
    }
    this.events.sort((a, b) => a.t - b.t);
  }

  tick(): void {
    if (++this.steps > LIMITS.steps) throw new BudgetSignal();
  }
}

/** Variables, options and fds of one shell (a subshell or program gets a copy). */
export class Shell {
  vars = new Map<string, string>();
  exported = new Set<string>();
  positional: string[] = [];
  arg0 = 'sh';
  status = 0;
  /** Status of the last `$(...)` in the current command (what `x=$(false)` leaves in `$?`). */
  subStatus = 0;
  errexit = false;
  xtrace = false;
  fds: { 1: Target; 2: Target } = { 1: 'stdout', 2: 'stderr' };
  captured: string[] = [];
  /** Running an image's own binary: all utilities exist whatever the userland. */
  internal = false;
  /** Loop periodicity detection is on (off inside `$(...)` and while replaying an iteration). */
  detect = true;
  condDepth = 0;
  reads: Set<string> | undefined;

  constructor(readonly cfg: ShellConfig, public out: Output) {}

  clone(out: Output = this.out): Shell {
    const s = new Shell(this.cfg, out);
    s.vars = new Map(this.vars);
    s.exported = new Set(this.exported);
    s.positional = [...this.positional];
    s.arg0 = this.arg0;
    s.status = this.status;
    s.errexit = this.errexit;
    s.xtrace = this.xtrace;
    s.fds = { ...this.fds };
    s.captured = this.captured;
    s.internal = this.internal;
    s.detect = this.detect;
    return s;
  }

  /** Write to fd 1 or 2 through the current redirections. */
  write(fd: 1 | 2, text: string): void {
    const target = this.fds[fd];
    switch (target) {
      case 'null': return;
      case 'capture': this.captured.push(text); return;
      case 'stdout': case 'stderr': this.out.write(target, text); return;
    }
  }

  /** Print an error line the way this shell prefixes them (`sh: `, `sh: 1: `, `bash: line 1: `). */
  error(line: number, text: string): void {
    switch (this.cfg.flavor) {
      case 'busybox': this.write(2, `${this.arg0}: ${text}\n`); return;
      case 'dash': this.write(2, `${this.arg0}: ${line}: ${text}\n`); return;
      case 'bash': this.write(2, `${this.arg0}: line ${line}: ${text}\n`); return;
    }
  }

  get(name: string): string | undefined {
    if (this.reads && this.condDepth > 0) this.reads.add(name);
    return this.vars.get(name);
  }
}

/** `exit N` (or the end of `exec`): unwinds to the process. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/** The process blocks forever (`sleep infinity`, `tail -f`, a daemon serving). */
export class ForeverSignal {}

/** The script ran past the simulation budget; treated as running forever with no more output. */
export class BudgetSignal {}

/** `break N` / `continue N`. */
export class LoopSignal {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

/** An infinite loop whose iterations repeat with period `periodMs` from `base` onwards. */
export class PeriodicSignal {
  constructor(
    readonly base: Shell,
    readonly startT: number,
    readonly periodMs: number,
    readonly linear: ReadonlyMap<string, number | 'moving'>,
    readonly loop: { until: boolean; cond: List; body: List },
    readonly perIteration: number,
  ) {}
}
