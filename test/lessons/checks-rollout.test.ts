import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/lessons/audit.js';
import { compileCheck } from '../../src/lessons/checks/index.js';
import { act, apply, check, cluster, daemonSet, reason } from './fixtures.js';

describe('health, rollout and history checks', () => {
  it('podsHealthy names ImagePullBackOff, CrashLoopBackOff and Pending-on-resources pods', () => {
    const c = cluster('mixed-hardware');
    apply(c, daemonSet('typo', { containers: [{ name: 'main', image: 'busybox:1.99' }] }), 0);
    act(c, 'breakImage', { image: 'busybox:1.99' });
    c.advance(120_000);
    expect(reason(check(c, 'podsHealthy', { daemonSet: 'typo' }))).toMatch(/^Pod typo-\w+ on \S+ is (ImagePullBackOff|ErrImagePull): the image busybox:1\.99 cannot be pulled/);
    apply(c, daemonSet('crasher', { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] }), 120_000);
    expect(reason(check(c, 'podsHealthy', { daemonSet: 'crasher' }))).toMatch(/^Pod crasher-\w+ on \S+ is CrashLoopBackOff: its container keeps exiting/);
    apply(c, daemonSet('hungry', { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'sleep infinity'], resources: { requests: { cpu: '2' } } }] }));
    expect(reason(check(c, 'podsHealthy', { daemonSet: 'hungry' }))).toMatch(/^Pod hungry-\w+ on worker-small-1 is Pending and cannot be scheduled: .*Insufficient cpu/);
  });

  it('rolloutComplete speaks like kubectl rollout status, and updateStrategy/revisionCount read the spec and history', () => {
    const c = cluster('node-logger');
    c.advance(60_000);
    const ds = { daemonSet: 'node-logger' };
    expect(reason(check(c, 'rolloutComplete', ds))).toBe('PASS');
    act(c, 'breakImage', { image: 'busybox:1.99' });
    act(c, 'setImage', { ...ds, container: 'logger', image: 'busybox:1.99' });
    c.advance(60_000);
    expect(reason(check(c, 'rolloutComplete', ds))).toMatch(/^Rollout of node-logger not finished: 1 out of 3 new pods have been updated\. Meanwhile pod node-logger-\w+ on worker-\d is ImagePullBackOff/);
    expect(reason(check(c, 'updateStrategy', { ...ds, type: 'RollingUpdate', maxUnavailable: 1 }))).toBe('PASS');
    expect(reason(check(c, 'updateStrategy', { ...ds, type: 'OnDelete' }))).toBe('node-logger uses updateStrategy RollingUpdate, not OnDelete.');
    expect(reason(check(c, 'revisionCount', { ...ds, min: 3 }))).toBe('node-logger has 2 revision(s) (1, 2); expected at least 3.');
    expect(reason(check(c, 'daemonSetImage', { ...ds, image: 'busybox:1.36' }))).toBe('Container logger of node-logger runs busybox:1.99, not busybox:1.36.');
  });

  it('rolledBackTo sees the reused revision; only the audit trail tells undo from a re-apply', () => {
    for (const how of ['undo', 'reapply'] as const) {
      const c = cluster('node-logger');
      const audit = new AuditLog();
      const ds = { daemonSet: 'node-logger' };
      act(c, 'breakImage', { image: 'busybox:1.99' });
      c.advance(5_000);
      act(c, 'setImage', { ...ds, container: 'logger', image: 'busybox:1.99' }, audit);
      expect(reason(check(c, 'rolledBackTo', { ...ds, image: 'busybox:1.36' }))).toBe('node-logger runs busybox:1.99; it has not been rolled back to busybox:1.36.');
      c.advance(5_000);
      if (how === 'undo') act(c, 'rolloutUndo', ds, audit);
      else act(c, 'setImage', { ...ds, container: 'logger', image: 'busybox:1.36' }, audit);
      c.advance(60_000);
      expect(reason(check(c, 'rolledBackTo', { ...ds, image: 'busybox:1.36' }))).toBe('PASS');
      expect(reason(check(c, 'revisionCount', { ...ds, min: 2, max: 2 }))).toBe('PASS');
      const undo = reason(check(c, 'commandUsed', { command: 'kubectl rollout undo' }, audit));
      expect(undo).toBe(how === 'undo' ? 'PASS' : 'This step wants `kubectl rollout undo`; the last command seen was `kubectl set image`.');
    }
  });

  it('rolledBackTo recognises an undo that happens within the same second as the update', () => {
    const c = cluster('node-logger');
    const ds = { daemonSet: 'node-logger' };
    act(c, 'setImage', { ...ds, container: 'logger', image: 'busybox:1.37' });
    act(c, 'rolloutUndo', ds);
    expect(reason(check(c, 'rolledBackTo', { ...ds, image: 'busybox:1.36' }))).toBe('PASS');
  });

  it('a genuinely new template is not a rollback', () => {
    const c = cluster('node-logger');
    c.advance(5_000);
    act(c, 'setImage', { daemonSet: 'node-logger', container: 'logger', image: 'busybox:1.37' });
    expect(reason(check(c, 'rolledBackTo', { daemonSet: 'node-logger', image: 'busybox:1.37' }))).toBe(
      'node-logger runs busybox:1.37, but revision 2 is a new revision, not the earlier one brought back.',
    );
  });

  it('resourceRequestsSet, podsOrphaned and daemonSetDeleted', () => {
    const c = cluster('node-logger');
    c.advance(60_000);
    const ds = { daemonSet: 'node-logger' };
    expect(reason(check(c, 'resourceRequestsSet', ds))).toBe('PASS');
    apply(c, daemonSet('bare'));
    expect(reason(check(c, 'resourceRequestsSet', { daemonSet: 'bare' }))).toBe('Container main of bare sets no cpu or memory request (resources.requests).');
    const orphaned = { ...ds, labels: { app: 'node-logger' } };
    expect(reason(check(c, 'podsOrphaned', orphaned))).toBe('node-logger still exists; delete it so that its pods are left behind.');
    act(c, 'deleteObject', { kind: 'DaemonSet', name: 'node-logger', cascade: 'orphan' });
    c.advance(10_000);
    expect(reason(check(c, 'daemonSetDeleted', ds))).toBe('PASS');
    expect(reason(check(c, 'podsOrphaned', { ...orphaned, min: 3 }))).toBe('PASS');
    act(c, 'deleteObject', { kind: 'DaemonSet', name: 'bare' });
    c.advance(60_000);
    expect(reason(check(c, 'podsOrphaned', { daemonSet: 'bare', labels: { app: 'bare' } }))).toBe(
      'No pods of bare are left: deleting a DaemonSet removes its pods unless you pass --cascade=orphan.',
    );
  });

  it('params are validated strictly, with names of known checks for typos', () => {
    const typo = compileCheck({ name: 'daemonSetExist', params: {} });
    expect(typo.ok).toBe(false);
    expect(!typo.ok && typo.problems[0]).toMatch(/^unknown check "daemonSetExist"; known checks: allOf, anyOf, commandUsed, daemonSetDeleted, daemonSetExists/);
    const extra = compileCheck({ name: 'daemonSetExists', params: { daemonset: 'x' } });
    expect(!extra.ok && extra.problems).toEqual(['check daemonSetExists: daemonSet: Invalid input: expected string, received undefined', 'check daemonSetExists: Unrecognized key: "daemonset"']);
    const nested = compileCheck({ name: 'allOf', params: { checks: [{ name: 'nodeHasLabel', params: { node: 'x' } }] } });
    expect(!nested.ok && nested.problems).toEqual(['check allOf: checks[0] check nodeHasLabel: key: Invalid input: expected string, received undefined']);
  });
});
