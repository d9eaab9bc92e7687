import { describe, expect, it } from 'vitest';
import { compileAction } from '../../src/lessons/actions/index.js';
import { AuditLog } from '../../src/lessons/audit.js';
import { act, check, cluster, reason } from './fixtures.js';

describe('lesson actions drive the simulator and record kubectl equivalents', () => {
  it('node actions: join, label, taint, cordon, NotReady, leave', () => {
    const c = cluster();
    const audit = new AuditLog();
    act(c, 'addNode', { name: 'worker-4', labels: { disktype: 'ssd' } });
    act(c, 'labelNode', { node: 'worker-4', set: { zone: 'a' }, remove: ['disktype'] }, audit);
    act(c, 'taintNode', { node: 'worker-4', key: 'gpu', value: 'true', effect: 'NoSchedule' }, audit);
    expect(reason(check(c, 'nodeHasLabel', { node: 'worker-4', key: 'zone', value: 'a' }))).toBe('PASS');
    expect(reason(check(c, 'nodeHasLabel', { node: 'worker-4', key: 'disktype' }))).toBe('worker-4 has no label disktype.');
    expect(reason(check(c, 'nodeHasTaint', { node: 'worker-4', key: 'gpu', value: 'true', effect: 'NoSchedule' }))).toBe('PASS');
    act(c, 'untaintNode', { node: 'worker-4', key: 'gpu' }, audit);
    expect(reason(check(c, 'nodeLacksTaint', { node: 'worker-4', key: 'gpu' }))).toBe('PASS');
    act(c, 'cordonNode', { node: 'worker-4' }, audit);
    expect(c.store.mustGet('Node', undefined, 'worker-4').spec.unschedulable).toBe(true);
    act(c, 'setNodeReady', { node: 'worker-4', status: 'NotReady' });
    expect(c.store.mustGet('Node', undefined, 'worker-4').status.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False');
    act(c, 'removeNode', { name: 'worker-4' });
    expect(c.store.get('Node', undefined, 'worker-4')).toBeUndefined();
    expect(audit.entries().map((e) => e.command)).toEqual(['kubectl label', 'kubectl taint', 'kubectl taint', 'kubectl cordon']);
  });

  it('applyManifest inline, fillNode leaves a bigger pod Pending, advanceTime lets it run', () => {
    const c = cluster();
    act(c, 'fillNode', { node: 'worker-1', cpu: '7500m' });
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu: '1', memory: '64Mi' } } }] } },
      },
    };
    const audit = new AuditLog();
    act(c, 'applyManifest', { manifest }, audit);
    act(c, 'advanceTime', { seconds: 60 });
    expect(audit.entries()).toEqual([{ at: Date.UTC(2026, 0, 1, 9, 0, 0), source: 'builtin', command: 'kubectl apply', verb: 'patch' }]);
    expect(reason(check(c, 'podsHealthy', { daemonSet: 'agent' }))).toMatch(/^Pod agent-\w+ on worker-1 is Pending and cannot be scheduled: 0\/4 nodes are available: 1 Insufficient cpu/);
    expect(reason(check(c, 'resourceRequestsSet', { daemonSet: 'agent' }))).toBe('PASS');
  });

  it('params are checked when a lesson is compiled', () => {
    const bad = compileAction({ name: 'taintNode', params: { node: 'n', key: 'k', effect: 'NoExecut' } });
    expect(!bad.ok && bad.problems[0]).toMatch(/^action taintNode: effect: Invalid option: expected one of "NoSchedule"\|"PreferNoSchedule"\|"NoExecute"/);
    const both = compileAction({ name: 'applyManifest', params: {} });
    expect(!both.ok && both.problems).toEqual(['action applyManifest: give exactly one of file or manifest']);
  });
});

describe('API server audit entries', () => {
  it('keep successful kubectl requests only', async () => {
    const { toAuditEntry } = await import('../../src/lessons/audit-apiserver.js');
    expect(toAuditEntry({ atMs: 5, command: 'kubectl rollout undo', verb: 'patch', resource: 'daemonsets', name: 'node-logger', code: 200 })).toEqual({
      at: 5, source: 'apiserver', command: 'kubectl rollout undo', verb: 'patch', resource: 'daemonsets', name: 'node-logger',
    });
    expect(toAuditEntry({ atMs: 5, verb: 'create', resource: 'pods', code: 201 })).toBeUndefined();
    expect(toAuditEntry({ atMs: 5, command: 'kubectl apply', verb: 'patch', resource: 'daemonsets', code: 422 })).toBeUndefined();
  });

  it('deleteDaemonPod deletes whichever pod the DaemonSet runs on a node, and records kubectl delete', () => {
    const c = cluster('node-logger');
    c.advance(30_000);
    const before = c.store.list('Pod').find((p) => p.spec.nodeName === 'worker-1');
    const audit = new AuditLog();
    act(c, 'deleteDaemonPod', { daemonSet: 'node-logger', node: 'worker-1' }, audit);
    c.advance(60_000);
    const after = c.store.list('Pod').filter((p) => p.spec.nodeName === 'worker-1');
    expect(after).toHaveLength(1);
    expect(after[0]?.metadata.name).not.toBe(before?.metadata.name);
    expect(audit.entries().map((e) => e.command)).toEqual(['kubectl delete']);
    expect(() => act(c, 'deleteDaemonPod', { daemonSet: 'node-logger', node: 'nowhere' })).toThrow('node-logger has no running pod on nowhere');
  });

  it('annotate sets and removes annotations on a DaemonSet and records `kubectl annotate`', () => {
    const c = cluster('node-logger');
    const audit = new AuditLog();
    const cause = 'kubernetes.io/change-cause';
    act(c, 'annotate', { kind: 'DaemonSet', name: 'node-logger', set: { [cause]: 'why', team: 'logs' } }, audit);
    expect(c.store.mustGet('DaemonSet', 'default', 'node-logger').metadata.annotations).toMatchObject({ [cause]: 'why', team: 'logs' });
    act(c, 'annotate', { kind: 'DaemonSet', name: 'node-logger', remove: ['team'] }, audit);
    expect(c.store.mustGet('DaemonSet', 'default', 'node-logger').metadata.annotations?.['team']).toBeUndefined();
    expect(audit.entries().map((e) => [e.command, e.resource, e.name])).toEqual([
      ['kubectl annotate', 'daemonsets', 'node-logger'],
      ['kubectl annotate', 'daemonsets', 'node-logger'],
    ]);
    expect(compileAction({ name: 'annotate', params: { kind: 'Service', name: 'x' } }).ok).toBe(false);
  });
});
