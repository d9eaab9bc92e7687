// Bundles the CLI with esbuild so `npx learn-daemonsets` loads a few files instead of hundreds of
// modules: the lesson list must be on screen within 500 ms. Code splitting keeps the lazy
// imports lazy (the simulator, the session, client-node stay out of the first frame's path).
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;

const result = await build({ ...bundleOptions, absWorkingDir: root, outdir, sourcemap: 'linked', legalComments: 'linked' });

// Chunk names carry content hashes, so a rebuild never overwrites what a running copy still
// needs; chunks no build has produced for ten minutes are removed.
const fresh = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(root, f)));
for (const dir of [outdir, path.join(outdir, 'chunks')]) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const st = statSync(file);
    if (st.isFile() && !fresh.has(file) && Date.now() - st.mtimeMs > 10 * 60_000) rmSync(file, { force: true });
  }
}
