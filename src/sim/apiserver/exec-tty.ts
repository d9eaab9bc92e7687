/**
 * `kubectl exec -it POD -- sh`: a small terminal line discipline over the exec WebSocket. The
 * client's terminal is raw, so we echo keystrokes, handle backspace, Ctrl-C and Ctrl-D, and run
 * each entered line through the shell simulator as `sh -c LINE` until `exit`. Each line is its
 * own process (variables and `cd` do not carry over): enough for `env`, `ls`, `cat`, `hostname`.
 */
import type { RawData, WebSocket } from 'ws';
import type { ExecRun } from './exec.js';

/** How an interactive session runs lines and what it shows. */
export interface TtyOptions {
  shell: string;
  prompt: string;
  run: (line: string) => ExecRun;
  nowMs: () => number;
}

function out(ws: WebSocket, text: string): void {
  if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([1]), Buffer.from(text)]));
}

function close(ws: WebSocket, code: number): void {
  const status = code === 0
    ? { metadata: {}, status: 'Success' }
    : { metadata: {}, status: 'Failure', message: `command terminated with non-zero exit code: exited with ${code}`, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } };
  if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify(status))]));
  ws.close(1000);
}

/** Runs the interactive loop until `exit`, Ctrl-D on an empty line, or the client goes away. */
export function runInteractive(ws: WebSocket, opts: TtyOptions): void {
  let line = '';
  let escape = 0;
  let last = 0;
  out(ws, opts.prompt);
  const enter = () => {
    const text = line;
    line = '';
    out(ws, '\r\n');
    const exit = /^\s*exit(?:\s+(\d+))?\s*$/.exec(text);
    if (exit) return close(ws, exit[1] !== undefined ? Number(exit[1]) % 256 : last);
    if (text.trim() !== '') {
      const r = opts.run(text);
      if (!r.ok) {
        out(ws, `${opts.shell}: ${text.trim().split(/\s+/)[0] ?? ''}: not found\r\n`);
        last = 127;
      } else {
        const start = r.run.startMs;
        const end = r.run.exit ? r.run.exit.atMs + 1 : opts.nowMs() + 1;
        const lines = r.run.linesBetween(start, end, 10_000);
        if (lines.length) out(ws, lines.map((l) => `${l.text}\r\n`).join(''));
        if (!r.run.exit) out(ws, `(the simulator runs interactive commands to completion only; "${text.trim()}" never exits)\r\n`);
        last = r.run.exit?.code ?? 0;
      }
    }
    out(ws, opts.prompt);
  };
  ws.on('message', (data: RawData) => {
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (buf[0] !== 0) return; // resize (4) and close signals (255) need no answer
    for (const ch of buf.subarray(1).toString('utf8')) {
      if (escape > 0) {
        escape = ch === '[' || ch === 'O' ? 1 : /[A-Za-z~]/.test(ch) ? 0 : escape;
        continue;
      }
      if (ch === '\x1b') escape = 1;
      else if (ch === '\r' || ch === '\n') enter();
      else if (ch === '\x7f' || ch === '\b') {
        if (line.length) {
          line = line.slice(0, -1);
          out(ws, '\b \b');
        }
      } else if (ch === '\x03') {
        line = '';
        out(ws, `^C\r\n${opts.prompt}`);
      } else if (ch === '\x04') {
        if (line === '') {
          out(ws, 'exit\r\n');
          return close(ws, last);
        }
      } else if (ch >= ' ') {
        line += ch;
        out(ws, ch);
      }
      if (ws.readyState !== ws.OPEN) return;
    }
  });
}
