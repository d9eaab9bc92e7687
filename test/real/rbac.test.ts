/**
 * Refusals name the verb and the resource: a RealBackend over a recording fake REST client
 * (a real cluster with RBAC, which the simulator does not model) and no-op watches.
 */
import { describe, expect, it } from 'vitest';
import { scenarioPlan } from '../../src/lessons/backend-runner.js';
import { BUILTIN_COURSE_DIR, loadLesson } from '../../src/lessons/loader.js';
import { RealBackend } from '../../src/real/backend.js';
import type { WatchFn } from '../../src/real/reflector.js';
import { ApiStatusError, type RestClient, type RestRequest } from '../../src/real/rest.js';

const forbidden = (verb: string, resource: string) =>
  new ApiStatusError(403, JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: `${resource} is forbidden: User "dev" cannot ${verb} resource "${resource}"` }));

/** Lists answer empty (or 403 for `denyList`), writes answer 403 for `denyWrite`. */
function fakeRest(o: { denyList?: string; denyWrite?: string; nodes?: string[] }): RestClient & { sent: RestRequest[] } {
  const sent: RestRequest[] = [];
  return {
    sent,
    async send<T>(req: RestRequest): Promise<T> {
      sent.push(req);
      const plural = req.path.split('/').filter(Boolean).find((seg) => ['nodes', 'pods', 'daemonsets', 'controllerrevisions', 'events'].includes(seg)) ?? '';
      if (req.method === 'GET' && plural === o.denyList) throw forbidden('list', plural);
      if (req.method !== 'GET' && plural === o.denyWrite) throw forbidden(req.method.toLowerCase(), plural);
      if (req.method === 'GET' && plural === 'nodes' && req.path.endsWith('/nodes')) {
        return { items: (o.nodes ?? []).map((name) => ({ metadata: { name, labels: {} }, spec: {} })), metadata: { resourceVersion: '1' } } as T;
      }
      if (req.method === 'GET') return { items: [], metadata: { resourceVersion: '1' } } as T;
      return {} as T;
    },
  };
}

const idleWatch: WatchFn = async () => ({ abort: () => undefined });
const open = (rest: RestClient, simulated = false) =>
  new RealBackend('kubeconfig', 'kind-prod', 'https://10.0.0.1:6443', 'test', rest, idleWatch, { simulated, schedule: () => () => undefined });

describe('RBAC refusals', () => {
  it('a forbidden list names the verb and resource', async () => {
    const b = open(fakeRest({ denyList: 'pods' }));
    const err = await b.start().catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'context kind-prod is not allowed to list pods (RBAC): ask for get/list/watch on pods (server said: pods is forbidden: User "dev" cannot list resource "pods")',
    );
  });

  it('a forbidden write names the write verb', async () => {
    const b = open(fakeRest({ denyWrite: 'nodes', nodes: ['worker-1'] }));
    await b.start();
    const err = await b.run({ name: 'cordonNode', params: { node: 'worker-1' } }, { lessonDir: '.' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'context kind-prod is not allowed to patch nodes (RBAC): ask for patch on nodes (server said: nodes is forbidden: User "dev" cannot patch resource "nodes")',
    );
  });

  it('a lesson whose nodes the cluster lacks is refused before any write, naming them', async () => {
    const rest = fakeRest({ nodes: ['control-plane', 'worker-1', 'worker-2', 'worker-3'] });
    const b = open(rest);
    await b.start();
    const lesson = loadLesson(BUILTIN_COURSE_DIR, 'choosing-nodes');
    const err = await b.prepare(scenarioPlan(lesson), { lessonDir: lesson.dir }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'this lesson needs nodes named worker-ssd-1, worker-ssd-2, worker-hdd-1, worker-gpu-1, worker-small-1, which context kind-prod does not have (its nodes: control-plane, worker-1, worker-2, worker-3); run this lesson in the simulator',
    );
    expect(rest.sent.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('refuses a simulator-only action on a real cluster without sending anything', async () => {
    const rest = fakeRest({});
    const b = open(rest);
    await b.start();
    const err = await b.run({ name: 'addNode', params: { name: 'worker-9' } }, { lessonDir: '.' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'cannot run addNode on context kind-prod at https://10.0.0.1:6443: this step adds a node to the cluster, which only the simulator can do (a kind cluster or an existing cluster has a fixed set of machines)',
    );
    expect(rest.sent.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('making a node Ready again is a check on a real cluster, not a change', async () => {
    const rest = fakeRest({ nodes: ['worker-3'] });
    const b = open(rest);
    await b.start();
    expect(b.unsupported({ name: 'setNodeReady', params: { node: 'worker-3', status: 'Ready' } })).toBeUndefined();
    expect(b.unsupported({ name: 'setNodeReady', params: { node: 'worker-3', status: 'NotReady' } })).toMatch(/^this step makes a node stop reporting Ready/);
    const err = await b.run({ name: 'setNodeReady', params: { node: 'worker-3', status: 'Ready' } }, { lessonDir: '.' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('node worker-3 is not Ready, and only its kubelet can change that: look at `kubectl describe node worker-3` on context kind-prod at https://10.0.0.1:6443');
    expect(rest.sent.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
