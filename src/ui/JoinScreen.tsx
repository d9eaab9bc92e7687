/**
 * Joining a classroom from the lesson list: the address the instructor shows, then the same name
 * prompt `--join` uses (with the line that says exactly what is shared), then the first contact.
 * A malformed address or a refused code is said inline and the address can be fixed; Esc goes
 * back to the list with nothing sent. The checks and the contact are the caller's (loaded only
 * when this screen opens), so this file draws and nothing else.
 */
import { useState } from 'react';
import { Box, Text } from 'ink';
import { useLineInput } from './line-input.js';
import { NamePrompt } from './NamePrompt.js';
import { useTone } from './theme.js';

/** A parsed classroom address. */
export interface RoomAddress {
  readonly url: string;
  readonly code: string;
}

/** What a join ended with: in the room (with the sentence to show on the list), or why not. */
export type JoinResult = { readonly code: string; readonly sentence: string } | { readonly error: string };

/** The classroom logic the screen needs. */
export interface JoinPorts {
  /** The same parser as `--join`: the room, or the sentence that says what is wrong. */
  readonly parse: (text: string) => RoomAddress | { readonly error: string };
  /** The name this machine last joined the room with (the prompt starts from it). */
  readonly storedName: (code: string) => string | undefined;
  readonly validate: (name: string) => string | undefined;
  /** Exactly what is shared, and with whom. */
  readonly notice: (room: RoomAddress) => string;
  /** The first contact; on success the tutorial is already reporting to the room. */
  readonly join: (target: RoomAddress & { readonly name: string }) => Promise<JoinResult>;
}

/** Props: the ports, and where the screen goes when it is done. */
export interface JoinScreenProps extends JoinPorts {
  readonly onJoined: (joined: { code: string; sentence: string }) => void;
  readonly onCancel: () => void;
}

export const ADDRESS_LABEL = 'Classroom address:';

type Step = { readonly kind: 'address'; readonly error?: string } | { readonly kind: 'name'; readonly room: RoomAddress } | { readonly kind: 'sending'; readonly room: RoomAddress };

const hostOf = (room: RoomAddress): string => new URL(room.url).host;

/** The screen. */
export function JoinScreen(p: JoinScreenProps) {
  const tone = useTone();
  const [step, setStep] = useState<Step>({ kind: 'address' });
  // After a refusal the learner fixes the address; the name typed is offered again.
  const [typedName, setTypedName] = useState<string | undefined>();
  const address = useLineInput({
    active: step.kind === 'address',
    onSubmit: (text) => {
      const parsed = p.parse(text.trim());
      setStep('error' in parsed ? { kind: 'address', error: parsed.error } : { kind: 'name', room: parsed });
      return !('error' in parsed);
    },
    onCancel: p.onCancel,
  });
  const send = (room: RoomAddress, name: string): void => {
    setTypedName(name);
    setStep({ kind: 'sending', room });
    void p.join({ ...room, name }).then(
      (result) => ('error' in result ? setStep({ kind: 'address', error: result.error }) : p.onJoined(result)),
      (err: unknown) => setStep({ kind: 'address', error: `could not join: ${err instanceof Error ? err.message : String(err)}` }),
    );
  };
  if (step.kind === 'name') {
    const stored = typedName ?? p.storedName(step.room.code);
    return (
      <Box paddingX={1}>
        <NamePrompt
          code={step.room.code}
          host={hostOf(step.room)}
          notice={p.notice(step.room)}
          {...(stored !== undefined ? { initial: stored } : {})}
          validate={p.validate}
          onSubmit={(name) => send(step.room, name)}
          onCancel={p.onCancel}
        />
      </Box>
    );
  }
  if (step.kind === 'sending') {
    return (
      <Box paddingX={1}>
        <Text color={tone('accent')}>
          Joining classroom {step.room.code} at {hostOf(step.room)}…
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold color={tone('accent')}>
        Join a classroom
      </Text>
      <Text> </Text>
      <Text wrap="wrap">Type the address your instructor shows, e.g. http://192.168.1.20:7070/#K7Q2XM</Text>
      <Text wrap="truncate-end">
        {ADDRESS_LABEL} <Text bold>{address}</Text>
        <Text inverse> </Text>
      </Text>
      <Text color={tone('error')} wrap="wrap">
        {step.error ?? ' '}
      </Text>
      <Text wrap="wrap">Next you choose the name your instructor will see; only your name and lesson progress are shared.</Text>
      <Text color={tone('muted')}>Enter continues · Esc goes back to the lessons, nothing sent</Text>
    </Box>
  );
}
