/**
 * The safety guard of DESIGN §7, decided purely: the tool changes a cluster it created without
 * asking; any other context needs `--yes-this-cluster` or an interactive "yes" after seeing the
 * context, server and what will change; without a terminal and without the flag it refuses,
 * before a single write.
 */

/** What the guard decides from. */
export interface GuardInput {
  readonly context: string;
  readonly server: string;
  /** The tool created this context's cluster (its record matches context and server). */
  readonly owned: boolean;
  /** `--yes-this-cluster` was given. */
  readonly confirmedByFlag: boolean;
  /** stdin and stdout are terminals, so a question can be asked. */
  readonly interactive: boolean;
  /** What the lesson will do to the cluster, one line each. */
  readonly changes: readonly string[];
}

/** Go ahead, ask first (with the question to show), or stop with a sentence naming the context. */
export type GuardDecision =
  | { readonly action: 'proceed'; readonly why: 'owned' | 'flag' }
  | { readonly action: 'ask'; readonly question: string }
  | { readonly action: 'refuse'; readonly message: string };

/** What every lesson may change on a cluster, for the confirmation text. */
export const LESSON_CHANGES: readonly string[] = [
  'add and remove labels and taints on nodes, and cordon or uncordon them',
  'create, change and delete DaemonSets in namespace default, and delete their pods',
];

/** Decides whether the tool may write to the cluster. */
export function decideGuard(i: GuardInput): GuardDecision {
  if (i.owned) return { action: 'proceed', why: 'owned' };
  if (i.confirmedByFlag) return { action: 'proceed', why: 'flag' };
  if (!i.interactive) {
    return {
      action: 'refuse',
      message:
        `refusing to change the cluster of context "${i.context}" (${i.server}): learn-daemonsets did not create it, and there is no terminal to confirm on. ` +
        'Nothing was changed. Rerun with --yes-this-cluster if this cluster is meant for practice, or use --backend kind for a cluster of its own.',
    };
  }
  const lines = [
    `learn-daemonsets did not create the cluster of context "${i.context}".`,
    `  server: ${i.server}`,
    'The lessons will:',
    ...i.changes.map((c) => `  - ${c}`),
    'Use a cluster meant for practice, never production.',
    `Type yes to let learn-daemonsets change context "${i.context}": `,
  ];
  return { action: 'ask', question: lines.join('\n') };
}

/** Whether an answer to the question is a yes (only an explicit "yes" or "y" counts). */
export function isYes(answer: string): boolean {
  return /^(y|yes)$/i.test(answer.trim());
}
