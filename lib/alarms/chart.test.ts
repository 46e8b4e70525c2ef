import { describe, expect, it } from 'vitest';
import { markBreaches, parseTimeRange } from './chart';

describe('markBreaches', () => {
  it('marks the points on the alarming side of the threshold, by the alarm’s own comparison', () => {
    const points = [0, 1, 3].map((value, i) => ({ at: `t${i}`, value }));
    const ge = markBreaches({ comparison: 'GreaterThanOrEqualToThreshold', threshold: 1 }, points);
    expect(ge.map((p) => p.breaching)).toEqual([false, true, true]);
    const lt = markBreaches({ comparison: 'LessThanThreshold', threshold: 1 }, points);
    expect(lt.map((p) => p.breaching)).toEqual([true, false, false]);
    expect(markBreaches({ comparison: 'LessThanLowerOrGreaterThanUpperThreshold' }, points).some((p) => p.breaching)).toBe(false);
  });
});

describe('parseTimeRange', () => {
  it('reads the ranges offered and falls back to 3 h', () => {
    expect(parseTimeRange('1d').ms).toBe(86_400_000);
    expect(parseTimeRange('999d').id).toBe('3h');
  });
});
