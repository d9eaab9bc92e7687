/**
 * Problems in course files, reported as `file:line: path: message` so an author can jump to
 * them; also the YAML-plus-schema parse that produces them.
 */
import yaml from 'js-yaml';
import type { z } from 'zod';
import { lineOfPath } from './yaml-lines.js';

/** One defect in a course file. */
export interface LessonProblem {
  readonly file: string;
  readonly line?: number;
  /** Document path such as `steps[1].check.params.node`. */
  readonly path?: string;
  readonly message: string;
}

/** A lesson that cannot be used; the message lists every problem, one per line. */
export class LessonError extends Error {
  override readonly name = 'LessonError';
  constructor(readonly problems: readonly LessonProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** `file:line: path: message`. */
export function formatProblem(p: LessonProblem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** `a.b[2].c` from a path. */
export function pathText(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of segments) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? String(seg) : `.${String(seg)}`;
  return out;
}

function flatten(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): Array<{ path: PropertyKey[]; message: string }> {
  const out: Array<{ path: PropertyKey[]; message: string }> = [];
  for (const issue of issues) {
    const full = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
      out.push(...flatten(best, full));
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...full, key], message: `unknown field "${key}" (check the spelling)` });
    } else {
      out.push({ path: full, message: issue.message });
    }
  }
  return out;
}

/** Problems for zod issues, each with the line its path points at. */
export function schemaProblems(file: string, text: string, error: z.ZodError, prefix: readonly PropertyKey[] = []): LessonProblem[] {
  return flatten(error.issues, prefix).map(({ path, message }) => {
    const line = lineOfPath(text, path);
    return { file, message, ...(path.length ? { path: pathText(path) } : {}), ...(line !== undefined ? { line } : {}) };
  });
}

/** Parses YAML text against a schema; problems carry file and line. */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): { ok: true; data: z.output<S> } | { ok: false; problems: LessonProblem[] } {
  let raw: unknown;
  try {
    raw = yaml.load(text, { filename: file });
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      return { ok: false, problems: [{ file, message: `YAML syntax error: ${err.reason}`, ...(err.mark ? { line: err.mark.line + 1 } : {}) }] };
    }
    throw err;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, problems: schemaProblems(file, text, parsed.error) };
}
