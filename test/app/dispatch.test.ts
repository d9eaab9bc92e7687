import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { appMachine } from '../../src/app/app-machine.js';
import { dispatchKey } from '../../src/app/dispatch.js';
import { SessionHolder } from '../../src/app/session-holder.js';

const noKey = {} as Key;

async function examApp(lines: string[]) {
  const app = createActor(
    appMachine.provide({
      actors: { openPractice: fromPromise(async () => 3) },
      actions: { startCommand: (_, params) => void lines.push(params.line) },
    }),
    { input: { lessonIds: ['a'], practice: { minutes: 30 } } },
  );
  app.start();
  await waitFor(app, (s) => s.matches('practice'));
  return app;
}

describe('dispatchKey', () => {
  it('opens the command line and types the rest when `:` arrives glued to the command', async () => {
    const lines: string[] = [];
    const app = await examApp(lines);
    dispatchKey(app, new SessionHolder(), ':k get ds -A\r', noKey);
    expect(app.getSnapshot().matches({ practice: 'command' })).toBe(true);
    expect(lines).toEqual(['k get ds -A']);
  });

  it('moves between tasks with the arrows and asks before finishing', async () => {
    const app = await examApp([]);
    const holder = new SessionHolder();
    dispatchKey(app, holder, '', { ...noKey, rightArrow: true });
    dispatchKey(app, holder, '', { ...noKey, rightArrow: true });
    expect(app.getSnapshot().context.taskIndex).toBe(2);
    dispatchKey(app, holder, '', { ...noKey, leftArrow: true });
    expect(app.getSnapshot().context.taskIndex).toBe(1);
    dispatchKey(app, holder, 'f', noKey);
    expect(app.getSnapshot().matches({ practice: 'confirmFinish' })).toBe(true);
    dispatchKey(app, holder, 'n', noKey);
    expect(app.getSnapshot().matches({ practice: 'browse' })).toBe(true);
    // Hints and time controls do not exist in an exam.
    dispatchKey(app, holder, 'h', noKey);
    dispatchKey(app, holder, 'p', noKey);
    expect(app.getSnapshot().matches({ practice: 'browse' })).toBe(true);
  });
});
