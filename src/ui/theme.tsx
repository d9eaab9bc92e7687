/**
 * Colours by meaning, switched off as a whole for NO_COLOR: components ask for a tone, never a
 * raw colour, so one flag (set once by the app) turns every colour off.
 */
import { createContext, useContext } from 'react';

/** What a colour says: healthy, in progress, broken, unimportant, or look here. */
export type Tone = 'ok' | 'progress' | 'error' | 'muted' | 'accent';

const COLORS: Record<Tone, string> = { ok: 'green', progress: 'yellow', error: 'red', muted: 'gray', accent: 'cyan' };

/** Whether colour is on; the app sets it from NO_COLOR. */
export const ColorContext = createContext<boolean>(true);

/** Maps a tone to an Ink colour, or undefined when colour is off. */
export function useTone(): (tone: Tone) => string | undefined {
  const on = useContext(ColorContext);
  return (tone) => (on ? COLORS[tone] : undefined);
}

/** NO_COLOR (any non-empty value) turns colour off, per no-color.org. */
export function colorEnabled(env: NodeJS.ProcessEnv): boolean {
  return !env['NO_COLOR'];
}
