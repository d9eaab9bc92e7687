import { describe, expect, it } from 'vitest';
import type { Event } from '../../../../src/cluster/types.js';
import { toTable } from '../../../../src/sim/apiserver/tables/index.js';
import { NOW, ago, event, headers } from './builders.js';

function cells(ev: Event): unknown[] {
  return toTable('Event', [ev], { nowMs: NOW, resourceVersion: '1' }).rows[0]?.cells ?? [];
}

describe('Event table', () => {
  it('has printers.go column definitions (LAST SEEN first, NAME last and wide)', () => {
    const table = toTable('Event', [], { nowMs: NOW, resourceVersion: '1' });
    expect(headers(table)).toEqual([
      ['Last Seen', 'string', '', 0],
      ['Type', 'string', '', 0],
      ['Reason', 'string', '', 0],
      ['Object', 'string', '', 0],
      ['Subobject', 'string', '', 1],
      ['Source', 'string', '', 1],
      ['Message', 'string', '', 0],
      ['First Seen', 'string', '', 1],
      ['Count', 'string', '', 1],
      ['Name', 'string', 'name', 1],
    ]);
    expect(table.columnDefinitions?.[0]?.description).toBe('The time at which the most recent occurrence of this event was recorded.');
    expect(table.columnDefinitions?.[3]?.description).toBe('The object that this event is about.');
  });

  it('prints a kubelet event with every column', () => {
    expect(cells(event('fluentd-x7k2p.18a2b3c4d5e6f708'))).toEqual([
      '30s',
      'Normal',
      'Pulled',
      'pod/fluentd-x7k2p',
      'spec.containers{fluentd}',
      'kubelet, worker-1',
      'Successfully pulled image "fluentd:v1.16"',
      '2m5s',
      3,
      'fluentd-x7k2p.18a2b3c4d5e6f708',
    ]);
  });

  it.each<[string, Partial<Event>, Partial<Record<'last' | 'object' | 'source' | 'message' | 'first' | 'count', unknown>>]>([
    ['controller event without host', { involvedObject: { kind: 'DaemonSet', name: 'fluentd' }, source: { component: 'daemonset-controller' }, reportingInstance: '' }, { object: 'daemonset/fluentd', source: 'daemonset-controller' }],
    ['node event', { involvedObject: { kind: 'Node', name: 'kind-worker' } }, { object: 'node/kind-worker' }],
    ['unnamed object', { involvedObject: { kind: 'Node', name: '' } }, { object: 'node' }],
    ['source falls back to reporting fields', { source: { component: '' }, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-kind-control-plane' }, { source: 'default-scheduler, default-scheduler-kind-control-plane' }],
    ['message trimmed, newlines kept for kubectl to cut', { message: '  Back-off pulling image "nope:1"\nsecond line \n' }, { message: 'Back-off pulling image "nope:1"\nsecond line' }],
    ['count 0 means a singleton', { count: 0 }, { count: 1 }],
    ['no lastTimestamp: LAST SEEN is FIRST SEEN', { lastTimestamp: '' }, { last: '2m5s', first: '2m5s' }],
    ['events.k8s.io writer: eventTime only', { firstTimestamp: '', lastTimestamp: '', eventTime: ago(7_000) }, { last: '7s', first: '7s' }],
    ['no times at all', { firstTimestamp: '', lastTimestamp: '', eventTime: null }, { last: '<unknown>', first: '<unknown>' }],
  ])('%s', (_label, extra, expected) => {
    const c = cells(event('e.1', extra));
    const actual = { last: c[0], object: c[3], source: c[5], message: c[6], first: c[7], count: c[8] };
    expect(actual).toMatchObject(expected);
  });

  it('takes LAST SEEN and COUNT from a series', () => {
    const ev = Object.assign(event('e.2', { count: 0, firstTimestamp: '', lastTimestamp: '', eventTime: ago(600_000) }), {
      series: { count: 12, lastObservedTime: ago(4_000) },
    });
    const c = cells(ev);
    expect([c[0], c[7], c[8]]).toEqual(['4s', '10m', 12]);
  });

  it('keeps the list order it is given (kubectl does not sort events)', () => {
    const list = [event('b-pod.2', { involvedObject: { kind: 'Pod', name: 'b-pod' } }), event('a-pod.1', { involvedObject: { kind: 'Pod', name: 'a-pod' } })];
    const rows = toTable('Event', list, { nowMs: NOW, resourceVersion: '1' }).rows;
    expect(rows.map((r) => r.cells[9])).toEqual(['b-pod.2', 'a-pod.1']);
  });
});
