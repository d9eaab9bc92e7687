#!/usr/bin/env node
// Thin launcher: the program is the esbuild bundle in dist/bundle/, built by `npm run build` (run by `npm ci`/`prepare`).
// A reader that closes the pipe early (`learn-daemonsets lessons | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
import('../dist/bundle/cli.js').then(
  (cli) => cli.main(process.argv.slice(2)).then((code) => { process.exitCode = code; }),
  (err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write('learn-daemonsets: the program has not been built yet. Run `npm run build` (or `npm ci`) in the checkout, then try again.\n');
    } else {
      process.stderr.write(`learn-daemonsets: failed to start: ${err && err.message ? err.message : String(err)}\n`);
    }
    process.exitCode = 1;
  },
);
