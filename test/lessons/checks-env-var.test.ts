import { describe, expect, it } from 'vitest';
import { apply, check, cluster, daemonSet, reason } from './fixtures.js';

describe('envVarSet', () => {
  it('reads the template env: missing, other value, from a reference, right value', () => {
    const c = cluster();
    const container = (env?: unknown[]) => ({ containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'sleep infinity'], ...(env ? { env } : {}) }] });
    apply(c, daemonSet('bare', container()), 0);
    apply(c, daemonSet('other', container([{ name: 'CACHE_DIR', value: '/tmp' }])), 0);
    apply(c, daemonSet('ref', container([{ name: 'CACHE_DIR', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }])), 0);
    apply(c, daemonSet('good', container([{ name: 'CACHE_DIR', value: '/var/cache/warmer' }])), 0);
    const want = { name: 'CACHE_DIR', value: '/var/cache/warmer' };
    const cases: [Record<string, unknown>, string][] = [
      [{ daemonSet: 'bare', ...want }, 'Container main of bare does not set CACHE_DIR (spec.template.spec.containers[].env); want CACHE_DIR=/var/cache/warmer.'],
      [{ daemonSet: 'other', ...want }, 'Container main of other sets CACHE_DIR=/tmp, not /var/cache/warmer.'],
      [{ daemonSet: 'other', name: 'CACHE_DIR' }, 'PASS'],
      [{ daemonSet: 'ref', ...want }, 'Container main of ref takes CACHE_DIR from a reference (valueFrom); want the value /var/cache/warmer.'],
      [{ daemonSet: 'good', ...want }, 'PASS'],
      [{ daemonSet: 'good', ...want, container: 'main' }, 'PASS'],
      [{ daemonSet: 'good', ...want, container: 'sidecar' }, 'good has no container named sidecar.'],
      [{ daemonSet: 'none', ...want }, 'There is no DaemonSet named none in namespace default (DaemonSets there: bare, good, other and ref).'],
    ];
    for (const [params, text] of cases) expect(reason(check(c, 'envVarSet', params))).toBe(text);
  });
});
