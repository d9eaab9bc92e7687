/**
 * The lesson screen as the App draws it for a lesson on a real cluster: the status line names
 * the context (not the simulator's `export KUBECONFIG=`), the opening note says commands from
 * another terminal cannot be seen, and the time keys say why they do nothing. The session is a
 * stand-in with the real capabilities (no cluster needed to draw a frame).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { App } from '../../src/app/App.js';
import { appMachine } from '../../src/app/app-machine.js';
import { UNSEEN_COMMANDS } from '../../src/app/backend-lesson-session.js';
import { NO_TIME_CONTROLS, type LessonSession, type SessionView } from '../../src/app/lesson-session.js';
import { ProgressRecorder } from '../../src/app/progress-recorder.js';
import { SessionHolder } from '../../src/app/session-holder.js';
import { AuditLog } from '../../src/lessons/audit.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { buildLessonMachine } from '../../src/lessons/machine.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import { renderMarkdown } from '../../src/ui/markdown.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ld-real-screen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A lesson session with a real cluster's capabilities over a fixed map. */
function realLikeSession(): LessonSession {
  const lesson = loadLesson(BUILTIN_COURSE_DIR, 'first-daemonset');
  const actor = createActor(buildLessonMachine(lesson)).start();
  const listeners = new Set<() => void>();
  const node = (name: string, role: string) => ({ name, role, ready: true, cordoned: false, taints: [], labels: [], pods: [], absent: [] });
  let view: SessionView = { map: { nodes: [node('kind-control-plane', 'control-plane'), node('kind-worker', 'worker')], daemonSets: [] }, paused: false, now: Date.UTC(2026, 0, 1, 9, 30, 0), idle: false, notice: UNSEEN_COMMANDS };
  const noTime = () => {
    view = { ...view, notice: NO_TIME_CONTROLS };
    for (const l of listeners) l();
  };
  return {
    kind: 'lesson',
    lesson,
    actor,
    audit: new AuditLog(),
    target: { kubeconfig: '/home/me/.kube/config', cacheDir: dir, context: 'kind-learn-daemonsets' },
    progress: new ProgressRecorder(lesson, new ProgressStore({ dir })),
    capabilities: { timeControls: false, practice: false },
    now: () => view.now,
    view: () => view,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    togglePause: noTime,
    stepTime: noTime,
    rewind: noTime,
    close: async () => void actor.stop(),
  };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('the lesson screen on a real cluster', () => {
  it('names the context in the status line and says the time keys do not apply', async () => {
    const holder = new SessionHolder();
    const session = realLikeSession();
    holder.set({ session, renderMarkdown, builtin: { startBuiltinCommand: () => ({ stop: () => undefined }) } });
    const app = createActor(appMachine.provide({ actors: { openLesson: fromPromise<void, { id: string }>(async () => undefined) } }), { input: { lessonIds: ['first-daemonset'], openId: 'first-daemonset' } }).start();
    const ui = render(h(App, { app, holder, course: () => ({ items: [] }), color: false }));
    const frame = () => stripVTControlCharacters(ui.lastFrame() ?? '');
    for (let i = 0; i < 50 && !frame().includes('step 1/3'); i++) await tick();
    expect(frame()).toContain('Your first DaemonSet · step 1/3');
    expect(frame()).toMatch(/kind-control-plane\s+control-plane\s+Ready/);
    expect(frame()).toContain('context kind-learn-daemonsets · KUBECONFIG=/home/me/.kube/config');
    expect(frame()).not.toContain('export KUBECONFIG=');
    expect(frame().replace(/\s+/g, ' ')).toContain(UNSEEN_COMMANDS);

    for (const key of ['p', '.', 'u']) {
      ui.stdin.write(key);
      for (let i = 0; i < 50 && !frame().includes('real cluster: time runs on its own'); i++) await tick();
      expect(frame().replace(/\s+/g, ' ')).toContain(NO_TIME_CONTROLS);
    }
    expect(frame()).not.toContain('paused');
    ui.unmount();
    app.stop();
    await session.close();
  });
});
