/**
 * A lesson session as the TUI runs it (real-time clock, HTTPS API server, real kubectl), with
 * the clock paused so nothing moves on its own: rewinding undoes the learner's kubectl
 * commands one at a time, newest first.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../src/app/session.js';
import { BUILTIN_COURSE_DIR } from '../../src/lessons/loader.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import { KUBECTL, kubectlAvailable } from '../e2e/harness.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'ld-session-'));
const paths = { kubeconfig: path.join(dir, 'kubeconfig'), cacheDir: path.join(dir, 'cache') };
let session: Session;
let wall = 0;

function kubectl(...args: string[]) {
  return run(KUBECTL, args, { env: { ...process.env, KUBECONFIG: paths.kubeconfig, KUBECACHEDIR: paths.cacheDir } });
}

describe.skipIf(!kubectlAvailable())('a lesson session', () => {
  beforeAll(async () => {
    process.env['XDG_CONFIG_HOME'] = dir;
    session = await openSession('first-daemonset', { courseDir: BUILTIN_COURSE_DIR, paths, progress: new ProgressStore({ dir }), log: () => undefined, idleNudgeMs: 60_000, realNow: () => wall });
    session.togglePause();
  });
  afterAll(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the learner idle after a quiet minute, and active again after a kubectl command', async () => {
    expect(session.view().idle).toBe(false);
    wall += 59_999;
    expect(session.view().idle).toBe(false);
    wall += 1;
    expect(session.view().idle).toBe(true);
    await kubectl('get', 'pods');
    expect(session.view().idle).toBe(false);
  });

  it('rewinds to before each changing kubectl command, newest first', async () => {
    const ds = () => session.cluster.store.get('DaemonSet', 'default', 'node-agent');
    await kubectl('get', 'nodes');
    await kubectl('apply', '-f', path.join(BUILTIN_COURSE_DIR, '01-first-daemonset/solution/daemonset.yaml'));
    await kubectl('label', 'node', 'worker-1', 'disk=ssd');
    await kubectl('delete', 'ds', 'node-agent', '--wait=false');
    expect(ds()).toBeUndefined();

    session.rewind();
    expect(ds()).toBeDefined();
    expect(session.view().notice).toMatch(/^⏪ Rewound to before `kubectl delete` \(u again goes back up to 2 more\)/);
    expect(session.view().map.daemonSets).toEqual(['node-agent']);

    const disk = () => session.cluster.store.list('Node').find((n) => n.metadata.name === 'worker-1')?.metadata.labels?.['disk'];
    expect(disk()).toBe('ssd');
    session.rewind();
    expect(disk()).toBeUndefined();
    expect(ds()).toBeDefined();

    session.rewind();
    expect(ds()).toBeUndefined();
    expect(session.view().notice).toBe('⏪ Rewound to before `kubectl apply`; steps you passed stay passed.');

    session.rewind();
    expect(session.view().notice).toBe('Nothing to rewind: no kubectl command of yours has changed the cluster yet.');
  });
});
