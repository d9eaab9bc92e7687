/**
 * Loads scenario files: YAML → schema → each pre-existing object defaulted and validated as
 * the apiserver would, so a broken lesson scenario fails at load with the file, the field
 * path and (for YAML syntax errors) the line, instead of misbehaving later.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema.js';
import { validateScenarioObjects } from './objects.js';
import { packagePath } from '../../package-root.js';

/** A scenario that cannot be used; the message names file, field and line when known. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly file: string,
    readonly issues: readonly string[],
    readonly line?: number,
  ) {
    super(issues.map((issue) => `${file}${line !== undefined ? `:${line}` : ''}: ${issue}`).join('\n'));
  }
}

/** Built-in scenarios live in the package's `scenarios/` (two levels above src/ or dist/ modules). */
export const BUILTIN_SCENARIO_DIR = packagePath('scenarios');

/** `a.b[2].c` from a zod path. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function issueLines(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const full = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch the author most likely meant: the one with the fewest complaints.
      const best = issue.errors.reduce((a, b) => (b.length <= a.length ? b : a));
      out.push(...issueLines(best, full));
      continue;
    }
    const where = formatPath(full);
    out.push(where === '' ? issue.message : `${where}: ${issue.message}`);
  }
  return out;
}

/** Parses and checks scenario text; `file` is only used in error messages. */
export function parseScenario(text: string, file: string): Scenario {
  let data: unknown;
  try {
    data = yaml.load(text, { filename: file });
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      const line = err.mark ? err.mark.line + 1 : undefined;
      throw new ScenarioError(file, [`YAML syntax error: ${err.reason}`], line);
    }
    throw err;
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) throw new ScenarioError(file, issueLines(parsed.error.issues));
  const objectIssues = validateScenarioObjects(parsed.data);
  if (objectIssues.length > 0) throw new ScenarioError(file, objectIssues);
  return parsed.data;
}

/** Names of the built-in scenarios, for `--help` and error messages. */
export function listBuiltinScenarios(dir = BUILTIN_SCENARIO_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** A built-in name (`default`, `mixed-hardware`) or a path to a scenario YAML file. */
export function loadScenario(nameOrPath: string, dir = BUILTIN_SCENARIO_DIR): Scenario {
  const isPath = nameOrPath.includes('/') || nameOrPath.includes(path.sep) || /\.ya?ml$/.test(nameOrPath);
  const file = isPath ? path.resolve(nameOrPath) : path.join(dir, `${nameOrPath}.yaml`);
  if (!existsSync(file)) {
    const hint = isPath ? 'no such file' : `unknown scenario; built-in scenarios: ${listBuiltinScenarios(dir).join(', ')}`;
    throw new ScenarioError(isPath ? nameOrPath : `scenario "${nameOrPath}"`, [hint]);
  }
  const shown = isPath ? nameOrPath : path.relative(path.dirname(dir), file);
  return parseScenario(readFileSync(file, 'utf8'), shown);
}
