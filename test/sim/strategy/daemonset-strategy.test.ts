import { describe, expect, it } from 'vitest';
import type { DaemonSet, NewObject } from '../../../src/cluster/types.js';
import { defaultDaemonSet, prepareDaemonSetForCreate, prepareDaemonSetForUpdate } from '../../../src/sim/strategy/defaults.js';

const base: NewObject<DaemonSet> = defaultDaemonSet({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'fluentd', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'fluentd' } },
    template: { metadata: { labels: { app: 'fluentd' } }, spec: { containers: [{ name: 'fluentd', image: 'fluentd:v1.16' }] } },
  },
});

describe('prepareDaemonSetForCreate', () => {
  it('sets generation 1, template generation "1" and resets status', () => {
    const out = prepareDaemonSetForCreate({ ...base, status: { currentNumberScheduled: 7, numberMisscheduled: 1, desiredNumberScheduled: 9, numberReady: 3, numberAvailable: 3 } });
    expect(out.metadata.generation).toBe(1);
    expect(out.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(out.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  });
});

describe('prepareDaemonSetForUpdate', () => {
  const created = prepareDaemonSetForCreate(base);
  const old: NewObject<DaemonSet> = { ...created, status: { ...created.status!, desiredNumberScheduled: 3, observedGeneration: 1 } };

  it('bumps template generation and generation when the template changes', () => {
    const next = structuredClone(old);
    next.spec.template.spec.containers[0]!.image = 'fluentd:v1.17';
    next.status = { currentNumberScheduled: 99, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    const out = prepareDaemonSetForUpdate(old, next);
    expect(out.metadata.generation).toBe(2);
    expect(out.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
    expect(out.status).toEqual(old.status);
  });

  it('bumps only generation for other spec changes', () => {
    const next = structuredClone(old);
    next.spec.minReadySeconds = 5;
    const out = prepareDaemonSetForUpdate(old, next);
    expect(out.metadata.generation).toBe(2);
    expect(out.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
  });

  it('changes nothing for a metadata-only change, and restores a removed annotation', () => {
    const next = structuredClone(old);
    next.metadata.labels = { team: 'obs' };
    delete next.metadata.annotations;
    const out = prepareDaemonSetForUpdate(old, next);
    expect(out.metadata.generation).toBe(1);
    expect(out.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
  });

  it('treats nil and empty lists as equal (semantic deep-equal)', () => {
    const next = structuredClone(old);
    next.spec.template.spec.tolerations = [];
    expect(prepareDaemonSetForUpdate(old, next).metadata.generation).toBe(1);
  });
});
