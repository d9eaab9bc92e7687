/**
 * A one-line progress display for long external work (kind creating a cluster): a spinner,
 * the latest progress line and the elapsed time on a terminal; plain timestamped lines
 * otherwise, so logs and tests read the same progress.
 */

/** Where progress goes: a stream, and whether it is a terminal. */
export interface ProgressSink {
  write(text: string): void;
  readonly isTTY?: boolean;
}

/** A running progress line. */
export interface Spinner {
  /** Shows a new progress line. */
  update(line: string): void;
  /** Ends the display with a final line (✓ or ✗ prefixed by the caller). */
  stop(final: string): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Seconds as `12s` or `1m05s`. */
export function elapsedText(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Starts the display; `now` is injectable for tests. */
export function startSpinner(out: ProgressSink, first: string, now: () => number = Date.now): Spinner {
  const started = now();
  let line = first;
  let frame = 0;
  const draw = () => out.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length] ?? ''} ${line} (${elapsedText(now() - started)})`);
  let timer: ReturnType<typeof setInterval> | undefined;
  if (out.isTTY) {
    draw();
    timer = setInterval(draw, 100);
    timer.unref();
  } else {
    out.write(`[${elapsedText(0)}] ${first}\n`);
  }
  return {
    update(next) {
      line = next;
      if (out.isTTY) draw();
      else out.write(`[${elapsedText(now() - started)}] ${next}\n`);
    },
    stop(final) {
      if (timer) clearInterval(timer);
      out.write(`${out.isTTY ? '\r\x1b[2K' : ''}${final} (${elapsedText(now() - started)})\n`);
    },
  };
}
