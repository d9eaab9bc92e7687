import { describe, expect, it } from 'vitest';
import { age, humanDuration } from '../../../../src/sim/apiserver/tables/index.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each<[number, string]>([
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [-1 * S, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [59 * S, '59s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [2 * M + 5 * S, '2m5s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 59 * S, '10m'],
    [179 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [47 * H + 59 * M, '47h'],
    [2 * D, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [731 * D, '2y1d'],
    [3 * 365 * D + 100 * D, '3y100d'],
    [8 * 365 * D, '8y'],
    [20 * 365 * D + 40 * D, '20y'],
  ])('%i ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('age (translateTimestampSince)', () => {
  const now = Date.UTC(2026, 0, 1, 9, 0, 0);
  it.each<[string | undefined, string]>([
    [undefined, '<unknown>'],
    ['', '<unknown>'],
    ['0001-01-01T00:00:00Z', '<unknown>'],
    ['2026-01-01T08:55:00Z', '5m'],
    ['2026-01-01T08:57:55Z', '2m5s'],
    ['2026-01-01T09:00:01Z', '0s'],
    ['2026-01-01T09:00:05Z', '<invalid>'],
  ])('%s → %s', (ts, text) => {
    expect(age(ts, now)).toBe(text);
  });
});
