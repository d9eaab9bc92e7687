import { describe, expect, it } from 'vitest';
import { act, apply, check, cluster, daemonSet, reason } from './fixtures.js';

const labels = { app: 'node-logger' };

describe('ownership checks follow cascade deletion, orphaning and adoption', () => {
  it('podsAdopted passes only when the re-created DaemonSet took over the orphans', () => {
    const c = cluster('node-logger');
    c.advance(60_000);
    const manifest = c.store.mustGet('DaemonSet', 'default', 'node-logger');
    expect(reason(check(c, 'podsAdopted', { daemonSet: 'node-logger' }))).toMatch(/^node-logger controls 3 pod\(s\), but none older than itself: the controller created new pods instead of adopting the orphans\./);
    act(c, 'deleteObject', { kind: 'DaemonSet', name: 'node-logger', cascade: 'orphan' });
    c.advance(10_000);
    expect(reason(check(c, 'podsAdopted', { daemonSet: 'node-logger' }))).toBe('There is no DaemonSet named node-logger in namespace default.');
    act(c, 'applyManifest', { manifest: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'node-logger', labels }, spec: manifest.spec } });
    c.advance(30_000);
    expect(reason(check(c, 'podsAdopted', { daemonSet: 'node-logger', min: 3 }))).toBe('PASS');
  });

  it('podsAdopted says so when the orphans were deleted first', () => {
    const c = cluster();
    apply(c, daemonSet('agent'));
    act(c, 'deleteObject', { kind: 'DaemonSet', name: 'agent', cascade: 'orphan' });
    c.advance(10_000);
    for (const p of c.store.list('Pod')) act(c, 'deleteObject', { kind: 'Pod', name: p.metadata.name });
    c.advance(60_000);
    apply(c, daemonSet('agent'), 0);
    expect(reason(check(c, 'podsAdopted', { daemonSet: 'agent' }))).toMatch(/^(agent controls no pods yet; the controller adopts matching orphans on its first sync\.|agent controls 3 pod\(s\), but none older than itself)/);
  });

  it('noPodsWithLabels tells Terminating pods from orphans nobody will clean up', () => {
    const c = cluster('node-logger');
    c.advance(60_000);
    expect(reason(check(c, 'noPodsWithLabels', { labels }))).toMatch(/^Pods with app=node-logger are still running and owned by a controller: node-logger-\w+ \(Running\)/);
    act(c, 'deleteObject', { kind: 'DaemonSet', name: 'node-logger', cascade: 'orphan' });
    c.advance(10_000);
    expect(reason(check(c, 'noPodsWithLabels', { labels }))).toMatch(/owned by nobody: .*Orphans are not cleaned up by anyone; delete them with `kubectl delete pods -l app=node-logger`\.$/);
    for (const p of c.store.list('Pod')) act(c, 'deleteObject', { kind: 'Pod', name: p.metadata.name });
    expect(reason(check(c, 'noPodsWithLabels', { labels }))).toBe('3 pod(s) with app=node-logger are still Terminating; they disappear once their containers have stopped (up to the 30-second grace period).');
    expect(reason(check(c, 'noPodsWithLabels', { labels, ignoreTerminating: true }))).toBe('PASS');
    c.advance(60_000);
    expect(reason(check(c, 'noPodsWithLabels', { labels }))).toBe('PASS');
  });
});
