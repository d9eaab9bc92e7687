/** commandUsed: the learner ran a kubectl command (from the audit trail), to grade *how* a step was done. */
import { z } from 'zod';
import { commandMatches } from '../audit.js';
import { defineCheck, fail, PASS } from './types.js';

/** Some audit entry's command is (or starts with) `command`, optionally on a resource/name, at least `times` times in the lesson. */
export const commandUsed = defineCheck({
  name: 'commandUsed',
  description: 'the learner ran this kubectl command (audit trail)',
  params: z.strictObject({ command: z.string().regex(/^kubectl( |$)/, 'start with "kubectl"'), resource: z.string().optional(), name: z.string().optional(), times: z.number().int().min(1).default(1) }),
  run: (_snap, p, audit) => {
    const hits = audit.filter(
      (e) => commandMatches(e, p.command) && (p.resource === undefined || e.resource === p.resource) && (p.name === undefined || e.name === p.name),
    ).length;
    if (hits >= p.times) return PASS;
    // The audit trail spans the whole lesson: a command an earlier step needed does not count again here.
    if (hits > 0) return fail(`This step wants another \`${p.command}${p.name ? ` … ${p.name}` : ''}\`: ${hits} seen so far in this lesson, and it needs ${p.times} in all.`);
    const last = audit[audit.length - 1];
    return fail(`This step wants \`${p.command}${p.name ? ` … ${p.name}` : ''}\`; ${last ? `the last command seen was \`${last.command}\`` : 'no kubectl command has been seen yet'}.`);
  },
});
