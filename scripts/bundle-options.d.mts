import type { BuildOptions } from 'esbuild';

/** esbuild options for `src/cli.ts`, relative to the package root. */
export declare const bundleOptions: BuildOptions & { metafile: true };
