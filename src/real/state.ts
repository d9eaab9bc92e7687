/**
 * What the tool created on real clusters (a kind cluster, objects on a confirmed context),
 * kept in the config directory so the guard can recognise its own cluster and `cleanup` can
 * remove exactly that and nothing else. Written atomically (temp file + rename).
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';

/** A kind cluster the tool created. */
export interface CreatedKindCluster {
  readonly name: string;
  readonly context: string;
  /** Its API server URL, so a same-named context elsewhere is not mistaken for it. */
  readonly server: string;
  /** The kubeconfig kind wrote for it (owned by the tool). */
  readonly kubeconfig: string;
  readonly createdAt: string;
}

/** An object the tool created on a cluster it did not create (the learner confirmed). */
export interface CreatedObject {
  readonly context: string;
  readonly server: string;
  /** The kubeconfig that reached it, so cleanup can again. */
  readonly kubeconfig: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** The whole record. */
export interface RealState {
  readonly version: 1;
  readonly kindClusters: readonly CreatedKindCluster[];
  readonly objects: readonly CreatedObject[];
}

const EMPTY: RealState = { version: 1, kindClusters: [], objects: [] };

/** The tool's config directory (same rule as the progress file: XDG_CONFIG_HOME, else ~/.config). */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CONFIG_HOME'];
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.config');
  return path.join(base, 'learn-daemonsets');
}

/** Reads and writes the record of what the tool created. */
export class StateFile {
  readonly file: string;
  constructor(dir: string = configDir()) {
    this.file = path.join(dir, 'real-clusters.json');
  }

  /** The record; an unreadable file counts as empty (cleanup then has nothing to delete). */
  load(): RealState {
    if (!existsSync(this.file)) return EMPTY;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<RealState>;
      return { version: 1, kindClusters: parsed.kindClusters ?? [], objects: parsed.objects ?? [] };
    } catch {
      return EMPTY;
    }
  }

  save(state: RealState): void {
    writeFileAtomic(this.file, `${JSON.stringify(state, null, 2)}\n`);
  }

  /** Applies a change to the record and saves it. */
  update(change: (s: RealState) => RealState): RealState {
    const next = change(this.load());
    this.save(next);
    return next;
  }
}

/** Whether the record says the tool created this context's cluster. */
export function ownsContext(state: RealState, context: string, server: string): boolean {
  return state.kindClusters.some((c) => c.context === context && c.server === server);
}
