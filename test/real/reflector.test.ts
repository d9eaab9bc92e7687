/**
 * The reflector's reconnect rules with a scripted watch: a stream the server ends cleanly is
 * resumed from the last resourceVersion (no re-list), a failed one is retried after back-off
 * with a re-list, and 410 Expired re-lists at once.
 */
import { describe, expect, it } from 'vitest';
import { Reflector, type WatchFn } from '../../src/real/reflector.js';
import { RESOURCES } from '../../src/real/resources.js';
import type { RestClient, RestRequest } from '../../src/real/rest.js';

interface Stream {
  query: Record<string, string>;
  emit(type: string, obj: unknown): void;
  end(err?: unknown): void;
}

function harness(listRv: () => string) {
  const lists: RestRequest[] = [];
  const streams: Stream[] = [];
  const timers: { ms: number; fn: () => void }[] = [];
  const health: string[] = [];
  const rest: RestClient = {
    async send<T>(req: RestRequest): Promise<T> {
      lists.push(req);
      return { items: [{ metadata: { name: 'n1', resourceVersion: listRv() } }], metadata: { resourceVersion: listRv() } } as T;
    },
  };
  const watch: WatchFn = async (_path, query, onEvent, onDone) => {
    streams.push({ query, emit: onEvent, end: (err?: unknown) => onDone(err ?? null) });
    return { abort: () => undefined };
  };
  const r = new Reflector(RESOURCES.Node, rest, watch, { changed: () => undefined, health: (h) => health.push(h.err !== undefined ? 'down' : h.reconnected ? 'back' : 'up') }, (ms, fn) => {
    timers.push({ ms, fn });
    return () => undefined;
  });
  return { r, lists, streams, timers, health };
}

const tick = () => new Promise<void>((res) => setImmediate(res));

describe('Reflector reconnects', () => {
  it('resumes a cleanly closed stream from the last resourceVersion without listing again', async () => {
    const h = harness(() => '10');
    await h.r.start();
    await tick();
    expect(h.streams[0]?.query).toEqual({ allowWatchBookmarks: 'true', resourceVersion: '10' });
    h.streams[0]?.emit('ADDED', { metadata: { name: 'n2', resourceVersion: '11' } });
    h.streams[0]?.end();
    await tick();
    expect(h.streams[1]?.query['resourceVersion']).toBe('11');
    expect(h.lists).toHaveLength(1);
    expect(h.r.objects().map((o) => (o['metadata'] as { name: string }).name).sort()).toEqual(['n1', 'n2']);
    expect(h.health).toEqual(['back']);
  });

  it('retries a failed stream after back-off (doubling), re-listing, and reports down then back', async () => {
    const h = harness(() => '20');
    await h.r.start();
    await tick();
    h.streams[0]?.end(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await tick();
    expect(h.health).toEqual(['down']);
    expect(h.timers.map((t) => t.ms)).toEqual([100]);
    h.timers[0]?.fn();
    await tick();
    await tick();
    expect(h.lists).toHaveLength(2);
    expect(h.health).toEqual(['down', 'back']);
    expect(h.streams).toHaveLength(2);
    h.streams[1]?.end(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    await tick();
    expect(h.timers.map((t) => t.ms)).toEqual([100, 200]);
  });

  it('re-lists at once after 410 Expired', async () => {
    let rv = '30';
    const h = harness(() => rv);
    await h.r.start();
    await tick();
    rv = '99';
    h.streams[0]?.emit('ERROR', { kind: 'Status', code: 410, reason: 'Expired' });
    h.streams[0]?.end();
    await tick();
    await tick();
    expect(h.lists).toHaveLength(2);
    expect(h.streams[1]?.query['resourceVersion']).toBe('99');
    expect(h.timers).toEqual([]);
  });

  it('backs off a stream that keeps ending without a single event', async () => {
    const h = harness(() => '40');
    await h.r.start();
    await tick();
    h.streams[0]?.end();
    await tick();
    expect(h.streams).toHaveLength(1);
    expect(h.timers.map((t) => t.ms)).toEqual([100]);
  });
});
