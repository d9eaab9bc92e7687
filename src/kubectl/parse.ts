/**
 * The command line's grammar: shell-like word splitting (quotes, backslashes), the `k` alias,
 * the kubectl sub-command path the audit trail records, and which commands need a terminal.
 */

/** A line that split into words, or why it did not. */
export type Split = { readonly ok: true; readonly words: readonly string[] } | { readonly ok: false; readonly error: string };

/** Splits like a POSIX shell without expansion: '…' literal, "…" with \" and \\, \x outside quotes. */
export function splitWords(line: string): Split {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i] ?? '';
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i] ?? '';
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: `unterminated ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) words.push(word);
  return { ok: true, words };
}

/** kubectl's arguments for a command-line entry, or the sentence explaining what is accepted. */
export function kubectlArgs(line: string): { ok: true; args: readonly string[] } | { ok: false; error: string } {
  const split = splitWords(line);
  if (!split.ok) return split;
  const [first, ...rest] = split.words;
  if (first === undefined) return { ok: false, error: 'type a command, e.g. kubectl get nodes' };
  if (first !== 'kubectl' && first !== 'k') return { ok: false, error: `only kubectl runs here: start with "kubectl" or "k" (got "${first}")` };
  if (split.words.some((w) => w === '|' || w === '>' || w === '&&' || w === ';')) return { ok: false, error: 'pipes, redirects and && are shell features; use a second terminal for them' };
  return { ok: true, args: rest };
}

/** Global flags that take a separate value (`-n kube-system`), so the value is not a sub-command. */
const VALUE_FLAGS = new Set(['-f', '--filename', '-o', '--output', '-l', '--selector', '-c', '--container', '-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token', '-v', '--cache-dir', '--as']);

/** Sub-commands that take a second command word, as kubectl's `Kubectl-Command` header shows them. */
const GROUPS = new Set(['rollout', 'set', 'config', 'auth', 'top', 'certificate', 'create', 'alpha', 'plugin', 'apply']);

const APPLY_SUB = new Set(['edit-last-applied', 'set-last-applied', 'view-last-applied']);

/** The sub-command path for the audit trail: `kubectl rollout undo`, `kubectl apply`. */
export function commandPath(args: readonly string[]): string {
  const words: string[] = [];
  for (let i = 0; i < args.length && words.length < 2; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('-')) {
      if (VALUE_FLAGS.has(a)) i++;
      continue;
    }
    if (words.length === 1) {
      const head = words[0] ?? '';
      const sub = head === 'apply' ? APPLY_SUB.has(a) : head === 'create' ? /^[a-z]+$/.test(a) && !a.includes('.') : GROUPS.has(head);
      if (!sub) break;
    }
    words.push(a);
  }
  return ['kubectl', ...words].join(' ');
}

/** Why a command needs the whole terminal (not yet supported in the pane), or undefined. */
export function needsTerminal(args: readonly string[]): string | undefined {
  const sub = commandPath(args).split(' ')[1];
  const interactive = args.some((a) => a === '-it' || a === '-ti' || a === '-i' || a === '-t' || a === '--stdin' || a === '--tty' || /^--(stdin|tty)=true$/.test(a));
  if (sub === 'edit' || (sub === 'apply' && args.includes('edit-last-applied'))) return 'kubectl edit opens an editor, which needs the whole terminal';
  if ((sub === 'exec' || sub === 'attach' || sub === 'run' || sub === 'debug') && interactive) return `kubectl ${sub} -it needs the whole terminal`;
  return undefined;
}
