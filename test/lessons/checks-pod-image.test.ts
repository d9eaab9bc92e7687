import { describe, expect, it } from 'vitest';
import { act, apply, check, cluster, daemonSet, reason } from './fixtures.js';

describe('podImageOnNode', () => {
  it('tells the hand-updated node from the others under OnDelete', () => {
    const c = cluster('mixed-hardware');
    const ds = { daemonSet: 'agent' };
    apply(c, daemonSet('agent', { nodeSelector: { disktype: 'ssd' } }, { updateStrategy: { type: 'OnDelete' } }));
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{ ...ds, node: 'worker-ssd-1', image: 'busybox:1.36' }, 'PASS'],
      [{ ...ds, node: 'worker-hdd-1', image: 'busybox:1.36' }, 'agent has no pod on worker-hdd-1 right now.'],
      [{ ...ds, node: 'worker-ssd-1', image: 'busybox:1.36', container: 'main' }, 'PASS'],
      [{ ...ds, node: 'worker-ssd-1', image: 'busybox:1.36', container: 'sidecar' }, /^Pod agent-\w+ of agent on worker-ssd-1 has no container named sidecar\.$/],
      [{ daemonSet: 'nope', node: 'worker-ssd-1', image: 'busybox:1.36' }, 'There is no DaemonSet named nope in namespace default (DaemonSets there: agent).'],
    ];
    for (const [params, want] of cases) {
      if (typeof want === 'string') expect(reason(check(c, 'podImageOnNode', params))).toBe(want);
      else expect(reason(check(c, 'podImageOnNode', params))).toMatch(want);
    }
    act(c, 'setImage', { ...ds, container: 'main', image: 'busybox:1.37' });
    c.advance(60_000);
    expect(reason(check(c, 'podImageOnNode', { ...ds, node: 'worker-ssd-2', image: 'busybox:1.37' }))).toMatch(/^Pod agent-\w+ of agent on worker-ssd-2 runs busybox:1\.36, not busybox:1\.37\.$/);
    act(c, 'deleteDaemonPod', { ...ds, node: 'worker-ssd-2' });
    c.advance(60_000);
    expect(reason(check(c, 'podImageOnNode', { ...ds, node: 'worker-ssd-2', image: 'busybox:1.37' }))).toBe('PASS');
    expect(reason(check(c, 'podImageOnNode', { ...ds, node: 'worker-ssd-1', image: 'busybox:1.36' }))).toBe('PASS');
  });
});
