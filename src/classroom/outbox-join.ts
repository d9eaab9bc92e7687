/**
 * Joining a classroom from the command line: `--join URL#CODE [--name NAME]` parsed once at the
 * edge, and a first `joined` event sent so a wrong code is refused before the tutorial opens.
 * An unreachable host is not an error: the event waits in the outbox for the next flush.
 */
import { existsSync } from 'node:fs';
import { Outbox, OutboxBusyError, type OutboxPorts } from './outbox.js';
import { outboxDir, OutboxStore } from './outbox-store.js';
import { eventSchema, parseJoin } from './protocol.js';

/** A valid join request; `name` absent means "the name stored for this room". */
export interface JoinTarget {
  readonly url: string;
  readonly code: string;
  readonly name?: string;
}

/** What the join flags left: the other arguments, and the target or a sentence to print. */
export type JoinArgs = { readonly rest: string[]; readonly join?: JoinTarget } | { readonly error: string };

const EXAMPLE = 'e.g. `--join http://192.168.1.20:7070#K7Q2XM --name Ada`';

/** Pulls `--join`/`--name` out of argv (anywhere, `--flag value` or `--flag=value`) so commands see the rest unchanged. */
export function takeJoinArgs(argv: readonly string[]): JoinArgs {
  const rest: string[] = [];
  let target: string | undefined;
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const m = /^--(join|name)(?:=(.*))?$/s.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined || (m[2] === undefined && value.startsWith('--'))) {
      return { error: m[1] === 'join' ? `--join needs the address your instructor gave, ${EXAMPLE}` : `--name needs the name your instructor will see, ${EXAMPLE}` };
    }
    if (m[1] === 'join') target = value;
    else name = value;
  }
  if (target === undefined) return name === undefined ? { rest } : { error: `--name goes with --join, ${EXAMPLE}` };
  const parsed = parseJoin(target);
  if (!parsed) return { error: notAnAddress(target) };
  const valid = name === undefined ? undefined : validName(name);
  if (name !== undefined && valid === undefined) return { error: `--name must be 1–40 characters (got "${name}")` };
  return { rest, join: { ...parsed, ...(valid !== undefined ? { name: valid } : {}) } };
}

/** Why `text` is refused as a classroom address (the --join flag and the TUI's join screen say the same). */
export function notAnAddress(text: string, example = EXAMPLE): string {
  return `"${text}" is not a classroom address: it should be http(s)://host:port#CODE with a 6–12 letter/digit code in capitals, ${example}`;
}

/** What the learner is told once the first contact is over: in the room, or queued until the host answers. */
export function joinedSentence(state: 'joined' | 'queued', target: Pick<JoinTarget, 'url' | 'code'>): string {
  return state === 'joined' ? `joined classroom ${target.code} at ${target.url}` : `classroom ${target.url} is not reachable now; your progress is kept and sent once it is`;
}

/** A display name is 1–40 characters once trimmed: the same rule for `--name`, the prompt and the host. */
export function validName(name: string): string | undefined {
  const parsed = eventSchema.shape.name.safeParse(name);
  return parsed.success ? parsed.data : undefined;
}

/** The name this machine last joined the room with, if any; creates nothing on disk. */
export function storedName(code: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = outboxDir(code, env);
  return existsSync(dir) ? new OutboxStore(dir, () => undefined).readLearner()?.name : undefined;
}

/** Exactly what a joined tool sends, said before the learner joins. */
export function sharedNotice(target: Pick<JoinTarget, 'url' | 'code'>): string {
  return `Only your name and lesson progress (step passed, hint used, lesson complete, idle) are sent to ${target.code} at ${new URL(target.url).host}. Nothing else.`;
}

/** How the first contact went. */
export type JoinOutcome = { readonly state: 'joined' | 'queued'; readonly outbox: Outbox } | { readonly state: 'refused' | 'failed'; readonly message: string };

/**
 * Opens the room's outbox, records `joined` and tries once to deliver it, so a wrong code is
 * refused now; a host that cannot be reached leaves the event queued (`queued`).
 */
export async function joinRoom(target: JoinTarget, ports: OutboxPorts, env: NodeJS.ProcessEnv = process.env): Promise<JoinOutcome> {
  try {
    return await firstContact(target, ports, env);
  } catch (err) {
    if (err instanceof OutboxBusyError) return { state: 'failed', message: err.message };
    throw err;
  }
}

async function firstContact(target: JoinTarget, ports: OutboxPorts, env: NodeJS.ProcessEnv): Promise<JoinOutcome> {
  const dir = outboxDir(target.code, env);
  const name = target.name ?? new OutboxStore(dir, ports.log).readLearner()?.name;
  if (name === undefined) return { state: 'failed', message: `choose the name your instructor will see with --name, ${EXAMPLE}` };
  const messages: string[] = [];
  const firstTry: OutboxPorts = {
    ...ports,
    log: (m) => messages.push(m),
    // One attempt only: the first back-off means "not reachable now", so stop and keep the event.
    sleep: () => {
      outbox.close();
      return Promise.resolve();
    },
  };
  const outbox = new Outbox({ url: target.url, code: target.code, name, dir }, firstTry);
  outbox.record('joined');
  const state = await outbox.flush();
  outbox.close();
  if (state === 'refused' || state === 'stopped') return { state: state === 'refused' ? 'refused' : 'failed', message: messages.at(-1) ?? `could not join ${target.url}` };
  for (const m of messages) ports.log(m);
  // The outbox the tutorial keeps using runs with the caller's own ports.
  return { state: state === 'empty' ? 'joined' : 'queued', outbox: new Outbox({ url: target.url, code: target.code, name, dir }, ports) };
}
