import { describe, expect, it } from 'vitest';
import { describeCondition, formatPeriod, sortForTriage } from './describe-condition';
import type { AlarmSummary } from './types';

const alarm = (name: string, state: AlarmSummary['state'], extra: Partial<AlarmSummary> = {}): AlarmSummary => ({
  name,
  arn: `arn:${name}`,
  state,
  stateReason: '',
  stateUpdatedAt: 't',
  dimensions: [],
  actionsEnabled: true,
  ...extra,
});

describe('describeCondition', () => {
  it('reads like the rule on-call has in mind', () => {
    const a = alarm('errors', 'OK', {
      metricName: 'Errors',
      statistic: 'Sum',
      comparison: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      periodSeconds: 300,
    });
    expect(describeCondition(a)).toBe('Sum of Errors ≥ 1 for 2 of 3 × 5 min');
  });

  it('defaults M to N when DatapointsToAlarm is absent', () => {
    expect(
      describeCondition(
        alarm('x', 'OK', {
          metricName: 'M',
          statistic: 'Maximum',
          comparison: 'GreaterThanThreshold',
          threshold: 0,
          evaluationPeriods: 1,
          periodSeconds: 60,
        }),
      ),
    ).toBe('Maximum of M > 0 for 1 of 1 × 1 min');
  });
});

describe('formatPeriod', () => {
  it.each([
    [60, '1 min'],
    [3600, '1 h'],
    [10, '10 s'],
    [undefined, '?'],
  ])('%s → %s', (s, text) => expect(formatPeriod(s)).toBe(text));
});

describe('sortForTriage', () => {
  it('puts ALARM first, then INSUFFICIENT_DATA, then OK', () => {
    const sorted = sortForTriage([alarm('b', 'OK'), alarm('c', 'INSUFFICIENT_DATA'), alarm('z', 'ALARM'), alarm('a', 'ALARM')]);
    expect(sorted.map((a) => a.name)).toEqual(['a', 'z', 'c', 'b']);
  });
});
