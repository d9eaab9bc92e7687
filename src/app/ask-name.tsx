/**
 * `--join` without `--name` at a terminal: a small Ink prompt before the tutorial opens asks the
 * name the instructor will see. Resolves to the name, or undefined when the learner leaves
 * (nothing has been sent then). The prompt is erased either way; the tutorial's screen follows.
 */
import { render } from 'ink';
import { sharedNotice, validName, type JoinTarget } from '../classroom/outbox-join.js';
import { NamePrompt } from '../ui/NamePrompt.js';
import { colorEnabled, ColorContext } from '../ui/theme.js';

/** What the prompt needs: the room, the name stored for it (prefilled), the environment (NO_COLOR). */
export interface AskNameOptions {
  readonly target: Pick<JoinTarget, 'url' | 'code'>;
  readonly initial?: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Asks once; Enter with a valid name resolves it, Esc or Ctrl+C resolves undefined. */
export function askName(opts: AskNameOptions): Promise<string | undefined> {
  return new Promise((resolve) => {
    let answer: string | undefined;
    const finish = (name?: string): void => {
      answer = name;
      ink.clear();
      ink.unmount();
    };
    const ink = render(
      <ColorContext.Provider value={colorEnabled(opts.env)}>
        <NamePrompt
          code={opts.target.code}
          host={new URL(opts.target.url).host}
          notice={sharedNotice(opts.target)}
          {...(opts.initial !== undefined ? { initial: opts.initial } : {})}
          validate={validName}
          onSubmit={finish}
          onCancel={() => finish()}
        />
      </ColorContext.Provider>,
      { exitOnCtrlC: false },
    );
    ink.waitUntilExit().then(
      () => resolve(answer),
      () => resolve(undefined),
    );
  });
}
