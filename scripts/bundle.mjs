// Bundles the CLI with esbuild so `npx learn-daemonsets` loads a few files instead of hundreds of
// modules: the lesson list must be on screen within 500 ms. Code splitting keeps the lazy
// imports lazy (the simulator, the session, client-node stay out of the first frame's path).
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: false,
  sourcemap: 'linked',
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // client-node is imported only for real clusters and does not bundle cleanly; ws's native helpers are optional.
  external: ['@kubernetes/client-node', 'bufferutil', 'utf-8-validate'],
  // Ink loads react-devtools-core only when DEV=true; it is not installed.
  alias: { 'react-devtools-core': './scripts/devtools-stub.mjs' },
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS packages (react, ws) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __ldCreateRequire } from 'node:module'; const require = __ldCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  metafile: true,
});

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
