/**
 * The simulator modules the benchmark measures: the shipped build in dist/ (what `npx
 * learn-daemonsets` runs) when it exists, else the TypeScript sources. tsx's transpiled sources
 * carry name-keeping wrappers on hot closures, so timings from dist/ are the honest ones.
 */
import { existsSync } from 'node:fs';
import type * as BootstrapModule from '../src/sim/bootstrap.js';
import type * as ClockModule from '../src/sim/clock.js';
import type * as OperationsModule from '../src/sim/operations.js';

/** Which tree the benchmark loaded. */
export const SIM_SOURCE = existsSync(new URL('../dist/sim/bootstrap.js', import.meta.url)) ? 'dist' : 'src';

const root = SIM_SOURCE === 'dist' ? '../dist' : '../src';

/** bootstrapCluster from the chosen tree. */
export const { bootstrapCluster } = (await import(`${root}/sim/bootstrap.js`)) as typeof BootstrapModule;
/** ManualClock from the chosen tree (the same tree as the cluster, so instanceof holds). */
export const { ManualClock } = (await import(`${root}/sim/clock.js`)) as typeof ClockModule;
/** Cluster operations from the chosen tree. */
export const { labelNode, setImage } = (await import(`${root}/sim/operations.js`)) as typeof OperationsModule;
