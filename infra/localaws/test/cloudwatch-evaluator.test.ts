/** CloudWatch alarm evaluation, reason texts and statistics as pure functions (no server). */
import { describe, expect, it } from 'vitest';
import { evaluateAlarm } from '../src/services/cloudwatch/alarm-evaluator';
import { formatNumber, formatReasonDate, type ReasonPoint } from '../src/services/cloudwatch/alarm-reason';
import { AlarmScheduler } from '../src/services/cloudwatch/alarm-scheduler';
import { putAlarm } from '../src/services/cloudwatch/alarm-store';
import { CloudWatchModel, type AlarmConfig, type TreatMissingData } from '../src/services/cloudwatch/model';
import { aggregate, statisticValue } from '../src/services/cloudwatch/statistics';

const T0 = Date.UTC(2022, 8, 25, 18, 49, 0);
const config = (over: Partial<AlarmConfig> = {}): AlarmConfig => ({
  alarmName: 'a',
  namespace: 'N',
  metricName: 'M',
  dimensions: [],
  statistic: 'Average',
  period: 60,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  threshold: 5,
  comparisonOperator: 'GreaterThanThreshold',
  treatMissingData: 'missing',
  actionsEnabled: true,
  alarmActions: [],
  okActions: [],
  insufficientDataActions: [],
  ...over,
});
/** Newest first, one per minute back from T0; undefined is a missing period. */
const periods = (...values: Array<number | undefined>): ReasonPoint[] =>
  values.map((value, i) => ({ start: new Date(T0 - i * 60_000), value, sampleCount: value === undefined ? undefined : 1 }));

describe('alarm reason formatting', () => {
  it('writes numbers as Java doubles and dates as dd/MM/yy HH:mm:ss UTC', () => {
    expect(formatNumber(6)).toBe('6.0');
    expect(formatNumber(6.25)).toBe('6.25');
    expect(formatNumber(-1)).toBe('-1.0');
    expect(formatReasonDate(new Date(T0))).toBe('25/09/22 18:49:00');
  });

  it('reproduces the 1-of-1 ALARM text exactly', () => {
    const result = evaluateAlarm(config(), periods(6, undefined, undefined), new Date(T0 + 30_000));
    expect(result.state).toBe('ALARM');
    expect(result.reason).toBe(
      'Threshold Crossed: 1 out of the last 1 datapoints [6.0 (25/09/22 18:49:00)] was greater than the threshold (5.0) (minimum 1 datapoint for OK -> ALARM transition).',
    );
    expect(JSON.parse(result.reasonData)).toEqual({
      version: '1.0',
      queryDate: '2022-09-25T18:49:30.000+0000',
      startDate: '2022-09-25T18:49:00.000+0000',
      statistic: 'Average',
      period: 60,
      recentDatapoints: [6],
      threshold: 5,
      evaluatedDatapoints: [{ timestamp: '2022-09-25T18:49:00.000+0000', sampleCount: 1, value: 6 }],
    });
  });

  it('lists breaching datapoints newest first with "were", and the OK direction says "not greater than"', () => {
    const alarm = evaluateAlarm(config({ evaluationPeriods: 3, datapointsToAlarm: 2 }), periods(7, 1, 8), new Date(T0));
    expect(alarm.reason).toBe(
      'Threshold Crossed: 2 out of the last 3 datapoints [7.0 (25/09/22 18:49:00), 8.0 (25/09/22 18:47:00)] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).',
    );
    const ok = evaluateAlarm(config(), periods(2), new Date(T0));
    expect(ok).toMatchObject({
      state: 'OK',
      reason:
        'Threshold Crossed: 1 out of the last 1 datapoints [2.0 (25/09/22 18:49:00)] was not greater than the threshold (5.0) (minimum 1 datapoint for ALARM -> OK transition).',
    });
  });
});

describe('M of N', () => {
  const c = config({ evaluationPeriods: 3, datapointsToAlarm: 2 });
  it('alarms on M breaching points that need not be consecutive', () => {
    expect(evaluateAlarm(c, periods(6, 1, 6), new Date(T0)).state).toBe('ALARM');
    expect(evaluateAlarm(c, periods(6, 6, 1), new Date(T0)).state).toBe('ALARM');
    expect(evaluateAlarm(c, periods(6, 1, 1, 6, 6), new Date(T0)).state).toBe('OK');
  });
  it('skips missing periods when at least N real datapoints are in the look-back', () => {
    // newest three real points are 6, 6, 1 (the missing period is not filled), so 2 of 3 breach
    expect(
      evaluateAlarm(
        config({ evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: 'notBreaching' }),
        periods(6, undefined, 6, 1),
        new Date(T0),
      ).state,
    ).toBe('ALARM');
  });
  it('compares with each operator', () => {
    const at = (comparisonOperator: string, value: number) =>
      evaluateAlarm(config({ comparisonOperator }), periods(value), new Date(T0)).state;
    expect([
      at('GreaterThanOrEqualToThreshold', 5),
      at('GreaterThanThreshold', 5),
      at('LessThanThreshold', 4),
      at('LessThanOrEqualToThreshold', 6),
    ]).toEqual(['ALARM', 'OK', 'ALARM', 'OK']);
  });
});

describe('TreatMissingData', () => {
  const allMissing = (treat: TreatMissingData, n = 2) =>
    evaluateAlarm(
      config({ evaluationPeriods: n, datapointsToAlarm: n, treatMissingData: treat }),
      periods(undefined, undefined, undefined, undefined),
      new Date(T0),
    );
  it('missing: all missing → INSUFFICIENT_DATA', () => {
    expect(allMissing('missing')).toMatchObject({
      state: 'INSUFFICIENT_DATA',
      reason: 'Insufficient Data: 2 datapoints were unknown.',
    });
  });
  it('breaching: missing periods count as breaching', () => {
    expect(allMissing('breaching')).toMatchObject({
      state: 'ALARM',
      reason:
        'Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [Breaching].',
    });
    expect(allMissing('breaching', 1).reason).toBe(
      'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [Breaching].',
    );
  });
  it('notBreaching: missing periods count as good', () => {
    expect(allMissing('notBreaching')).toMatchObject({
      state: 'OK',
      reason:
        'Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [NonBreaching].',
    });
  });
  it('ignore: keeps the current state', () => {
    expect(allMissing('ignore').state).toBeUndefined();
  });
  it('fills only when fewer than N real points exist', () => {
    const c = config({ evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'breaching' });
    const result = evaluateAlarm(c, periods(6, undefined, 6, undefined, undefined), new Date(T0));
    expect(result.state).toBe('ALARM');
    expect(result.reason).toBe(
      'Threshold Crossed: 2 out of the last 3 datapoints [6.0 (25/09/22 18:49:00), 6.0 (25/09/22 18:47:00)] were greater than the threshold (5.0) and 1 missing datapoint was treated as [Breaching] (minimum 3 datapoints for OK -> ALARM transition).',
    );
    expect(
      evaluateAlarm({ ...c, treatMissingData: 'missing' }, periods(6, undefined, 6, undefined, undefined), new Date(T0)).state,
    ).toBe('OK');
  });
});

describe('statistics', () => {
  it('computes the five statistics and nearest-rank percentiles with counts', () => {
    const agg = aggregate([
      { timestamp: new Date(T0), value: 1, count: 3 },
      { timestamp: new Date(T0), value: 10 },
      { timestamp: new Date(T0), value: 4, stats: { sampleCount: 2, sum: 8, minimum: 2, maximum: 6 } },
    ])!;
    expect(['SampleCount', 'Sum', 'Minimum', 'Maximum', 'Average'].map((s) => statisticValue(agg, s))).toEqual([
      6, 21, 1, 10, 3.5,
    ]);
    expect(statisticValue(agg, 'p50')).toBe(1);
    expect(statisticValue(agg, 'p99')).toBe(10);
    expect(statisticValue(agg, 'p101')).toBeUndefined();
  });
});

describe('AlarmScheduler.evaluateNow and the speed-up', () => {
  it('evaluates scaled windows of real time: at speed-up 60 a 60 s period is one second', () => {
    const model = new CloudWatchModel();
    model.setSpeedup(60);
    const scheduler = new AlarmScheduler(model);
    putAlarm(model, '1', 'r', {
      AlarmName: 'x',
      Namespace: 'N',
      MetricName: 'M',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    const alarm = () => model.alarms.get('1', 'r').get('x')!;
    expect(alarm()).toMatchObject({ stateValue: 'INSUFFICIENT_DATA', stateReason: 'Unchecked: Initial alarm creation' });
    const now = Date.now();
    // three points one (scaled) period apart: three breaching periods
    model.putMetricData(
      '1',
      'r',
      'N',
      [0, 1, 2].map((i) => ({ metricName: 'M', dimensions: [], timestamp: new Date(now - i * 1000), value: 1 })),
    );
    scheduler.evaluateNow('1', 'r');
    expect(alarm().stateValue).toBe('ALARM');
    expect(alarm().stateReason).toMatch(
      /^Threshold Crossed: 3 out of the last 3 datapoints \[1\.0 \(.+\), 1\.0 \(.+\), 1\.0 \(.+\)\] were greater than the threshold \(0\.0\)/,
    );
    expect(() => model.setSpeedup(0)).toThrow(RangeError);
  });
});
