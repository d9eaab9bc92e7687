/** Local types for marked-terminal 7: its @types package clashes with marked 18 (see stack.md). */
declare module 'marked-terminal' {
  import type { MarkedExtension } from 'marked';

  /** The subset of options we pass. */
  export interface TerminalRendererOptions {
    width?: number;
    reflowText?: boolean;
    showSectionPrefix?: boolean;
    tab?: number;
    emoji?: boolean;
    [style: string]: unknown;
  }

  /** A marked extension that renders tokens as ANSI text. */
  export function markedTerminal(options?: TerminalRendererOptions, highlightOptions?: Record<string, unknown>): MarkedExtension;
}
