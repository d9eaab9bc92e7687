/**
 * Where the package's data folders (`lessons/`, `scenarios/`, `package.json`) are. Modules run
 * from `src/` under tests, from `dist/` after `tsc`, and from `dist/bundle/` once bundled, each at
 * a different depth, so the root is found by walking up to our own package.json rather than by
 * counting `../`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'learn-daemonsets';

/** The nearest directory at or above `from` whose package.json names this package. */
export function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === NAME) return dir;
      } catch {
        // Not ours or unreadable: keep walking.
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the ${NAME} package above ${from}; reinstall it (npm ci in a checkout)`);
  }
}

/** The installed package's root directory. */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. `packagePath('lessons')`. */
export function packagePath(...parts: string[]): string {
  return path.join(PACKAGE_ROOT, ...parts);
}
