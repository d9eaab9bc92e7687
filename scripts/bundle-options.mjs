// How the CLI is bundled (scripts/bundle.mjs), shared with the test that checks what the lesson
// list's first frame loads (test/app/first-frame-bundle.test.ts).

/** esbuild options for `src/cli.ts`, relative to the package root. */
export const bundleOptions = {
  entryPoints: { cli: 'src/cli.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: false,
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
};
