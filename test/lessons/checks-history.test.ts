import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/lessons/audit.js';
import { act, check, cluster, reason } from './fixtures.js';

const ds = { daemonSet: 'node-logger' };
const cause = { 'kubernetes.io/change-cause': 'busybox 1.37 for the CVE fix' };

describe('history checks: change-causes and repeated commands', () => {
  it('revisionChangeCause passes when the DaemonSet was annotated before the change', () => {
    const c = cluster('node-logger');
    c.advance(5_000);
    act(c, 'annotate', { kind: 'DaemonSet', name: 'node-logger', set: cause });
    act(c, 'setImage', { ...ds, container: 'logger', image: 'busybox:1.37' });
    expect(reason(check(c, 'revisionChangeCause', ds))).toBe('PASS');
    expect(reason(check(c, 'revisionChangeCause', { ...ds, contains: 'CVE' }))).toBe('PASS');
    expect(reason(check(c, 'revisionChangeCause', { ...ds, contains: 'rollback' }))).toBe('Revision 2 of node-logger has change-cause "busybox 1.37 for the CVE fix", which does not mention rollback.');
    expect(reason(check(c, 'revisionChangeCause', { ...ds, revision: 1 }))).toMatch(/^Revision 1 of node-logger has no change-cause .* node-logger itself has kubernetes\.io\/change-cause=/);
    expect(reason(check(c, 'revisionChangeCause', { ...ds, revision: 7 }))).toBe('node-logger has no revision 7 (`kubectl rollout history ds/node-logger` lists 1, 2).');
  });

  it('revisionChangeCause explains why annotating after the change is too late, and how to repair it', () => {
    const c = cluster('node-logger');
    c.advance(5_000);
    act(c, 'setImage', { ...ds, container: 'logger', image: 'busybox:1.37' });
    expect(reason(check(c, 'revisionChangeCause', ds))).toBe('Revision 2 of node-logger has no change-cause (`kubectl rollout history` shows <none>). Set kubernetes.io/change-cause on node-logger before (or together with) the change.');
    act(c, 'annotate', { kind: 'DaemonSet', name: 'node-logger', set: cause });
    expect(reason(check(c, 'revisionChangeCause', ds))).toMatch(
      /^Revision 2 of node-logger has no change-cause \(`kubectl rollout history` shows <none>\)\. node-logger itself has kubernetes\.io\/change-cause="busybox 1\.37 for the CVE fix", but the controller copies the DaemonSet's annotations into a revision only when it creates it, .*`kubectl annotate controllerrevision node-logger-\w+ kubernetes\.io\/change-cause="\.\.\."`\.$/,
    );
    const revision = c.store.list('ControllerRevision').find((r) => r.revision === 2);
    act(c, 'annotate', { kind: 'ControllerRevision', name: revision?.metadata.name ?? '', set: cause });
    expect(reason(check(c, 'revisionChangeCause', ds))).toBe('PASS');
  });

  it('commandUsed with times counts the whole lesson, so an earlier step\'s command does not count twice', () => {
    const c = cluster('node-logger');
    const audit = new AuditLog();
    act(c, 'setImage', { ...ds, container: 'logger', image: 'busybox:1.37' }, audit);
    const twice = { command: 'kubectl rollout undo', times: 2 };
    expect(reason(check(c, 'commandUsed', twice, audit))).toBe('This step wants `kubectl rollout undo`; the last command seen was `kubectl set image`.');
    act(c, 'rolloutUndo', ds, audit);
    expect(reason(check(c, 'commandUsed', twice, audit))).toBe('This step wants another `kubectl rollout undo`: 1 seen so far in this lesson, and it needs 2 in all.');
    act(c, 'rolloutUndo', ds, audit);
    expect(reason(check(c, 'commandUsed', twice, audit))).toBe('PASS');
  });
});
