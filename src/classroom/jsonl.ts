/**
 * Reading an append-only JSON-lines log (a room's events, its broadcasts): every line that
 * parses and fits the schema, in file order; a line that does not (a write cut short by a crash,
 * an edit by hand) is skipped with a warning naming the file and line, never thrown.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';

/** What a log holds, and whether it ends cleanly (a torn last line needs a newline first). */
export interface JsonlContents<T> {
  readonly values: T[];
  readonly warnings: string[];
  readonly endsWithNewline: boolean;
}

/** Reads `file` (absent: empty); `what` names a record in warnings ("a classroom event"). */
export function readJsonl<T>(file: string, schema: z.ZodType<T>, what: string): JsonlContents<T> {
  if (!existsSync(file)) return { values: [], warnings: [], endsWithNewline: true };
  const text = readFileSync(file, 'utf8');
  const values: T[] = [];
  const warnings: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      warnings.push(`${file}:${i + 1}: skipped a line that is not JSON (a write cut short?)`);
      return;
    }
    const result = schema.safeParse(parsed);
    if (result.success) values.push(result.data);
    else warnings.push(`${file}:${i + 1}: skipped a line that is not ${what}`);
  });
  return { values, warnings, endsWithNewline: text.length === 0 || text.endsWith('\n') };
}
