/**
 * Writing a file so a crash leaves either the old or the new content, never a torn one: a temp
 * file in the same directory, fsync, rename over the old file, then fsync the directory so the
 * rename itself survives power loss. Progress, the classroom outbox and the real-cluster record
 * all save this way.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Makes a rename or a new file durable; some platforms cannot fsync a directory, which is fine to skip. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the file contents are already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Replaces `file` with `text` atomically (mode 0600), creating its directory when missing. */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  syncDirectory(path.dirname(file));
}
