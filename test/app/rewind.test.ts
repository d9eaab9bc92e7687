import { describe, expect, it } from 'vitest';
import { RewindHistory } from '../../src/app/rewind.js';

describe('RewindHistory', () => {
  it('keeps one point per kubectl run and gives them back newest first', () => {
    let state = 0;
    let now = 1_000;
    const h = new RewindHistory(() => state, () => now);
    h.beforeChange('kubectl apply', 's1');
    state = 1;
    h.beforeChange('kubectl apply', 's1'); // a second request of the same run
    now = 2_000;
    h.beforeChange('kubectl delete', 's2');
    state = 2;
    expect(h.size).toBe(2);
    expect(h.pop()).toEqual({ checkpoint: 1, command: 'kubectl delete', atMs: 2_000 });
    expect(h.pop()).toEqual({ checkpoint: 0, command: 'kubectl apply', atMs: 1_000 });
    expect(h.pop()).toBeUndefined();
  });

  it('treats requests without a session id as separate commands, and drops the oldest past the limit', () => {
    let state = 0;
    const h = new RewindHistory(() => state++, () => 0, 2);
    h.beforeChange('kubectl label', undefined);
    h.beforeChange('kubectl label', undefined);
    h.beforeChange('kubectl taint', undefined);
    expect(h.size).toBe(2);
    expect(h.pop()?.checkpoint).toBe(2);
    expect(h.pop()?.checkpoint).toBe(1);
  });

  it('starts a new point after a rewind even within the same run id', () => {
    let state = 0;
    const h = new RewindHistory(() => state++, () => 0);
    h.beforeChange('kubectl apply', 's1');
    h.pop();
    h.beforeChange('kubectl apply', 's1');
    expect(h.size).toBe(1);
  });
});
