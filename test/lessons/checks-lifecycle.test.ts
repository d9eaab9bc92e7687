import { describe, expect, it } from 'vitest';
import { act, apply, check, cluster, daemonSet, reason } from './fixtures.js';

describe('lifecycle checks say why a node has (or lacks) a fresh pod', () => {
  it('podReplacedOnNode tells an original pod from the replacement the controller made', () => {
    const c = cluster();
    apply(c, daemonSet('agent'));
    const params = { daemonSet: 'agent', node: 'worker-2' };
    expect(reason(check(c, 'podReplacedOnNode', params))).toMatch(/^Pod agent-\w+ on worker-2 is one of the original agent pods \(created [\dT:-]+Z\); delete it and watch a new one take its place\.$/);
    c.advance(5_000);
    act(c, 'deleteDaemonPod', { daemonSet: 'agent', node: 'worker-1' });
    c.advance(90_000);
    expect(reason(check(c, 'podReplacedOnNode', params))).toMatch(/one of the original agent pods/);
    expect(reason(check(c, 'podReplacedOnNode', { ...params, node: 'worker-1' }))).toBe('PASS');
    act(c, 'deleteDaemonPod', params);
    expect(reason(check(c, 'podReplacedOnNode', params))).toMatch(/^(agent has no pod on worker-2 right now|The replacement on worker-2 is there but not Ready yet: pod agent-\w+ on worker-2 is \w+)/);
    c.advance(90_000);
    expect(reason(check(c, 'podReplacedOnNode', params))).toBe('PASS');
  });

  it('podReplacedOnNode names a missing DaemonSet', () => {
    const c = cluster();
    expect(reason(check(c, 'podReplacedOnNode', { daemonSet: 'agent', node: 'worker-1' }))).toBe('There is no DaemonSet named agent in namespace default.');
  });
});
