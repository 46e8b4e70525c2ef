/**
 * An alarm's per-period aggregates are kept up to date as points arrive (period-cache.ts): after any mix of
 * appends, out-of-order points and retention drops they must equal a recomputation from the points.
 */
import { expect, it } from 'vitest';
import { recentPeriods } from '../src/services/cloudwatch/alarm-scheduler';
import { CloudWatchModel, type MetricAlarm, type MetricDatum } from '../src/services/cloudwatch/model';
import { aggregate, statisticValue } from '../src/services/cloudwatch/statistics';

const PERIOD_S = 60;
const alarmOn = (statistic: string, extended?: string) =>
  ({
    name: `a-${statistic}-${extended ?? ''}`,
    config: {
      period: PERIOD_S,
      evaluationPeriods: 3,
      namespace: 'NS',
      metricName: 'M',
      dimensions: [],
      ...(extended ? { extendedStatistic: extended } : { statistic }),
    },
  }) as unknown as MetricAlarm;

/** The same periods computed the plain way: every point of the series, bucketed. */
function recomputed(model: CloudWatchModel, alarm: MetricAlarm, nowMs: number) {
  const windowMs = PERIOD_S * 1000;
  const newest = Math.floor(nowMs / windowMs);
  const series = [...model.metrics.get('1', 'r').values()][0]!;
  return Array.from({ length: 5 }, (_, i) => {
    const agg = aggregate(series.points.filter((p) => Math.floor(p.timestamp.getTime() / windowMs) === newest - i));
    const stat = alarm.config.statistic ?? alarm.config.extendedStatistic!;
    return {
      start: new Date((newest - i) * windowMs),
      value: agg ? statisticValue(agg, stat) : undefined,
      sampleCount: agg?.sampleCount,
    };
  });
}

it('matches a recomputation after appends, out-of-order points and retention drops', () => {
  // A 10-minute retention horizon (against the real clock) and simulated time starting 25 minutes back: the early
  // points expire as the later ones arrive.
  const model = new CloudWatchModel(10 * 60_000);
  const alarms = [alarmOn('Sum'), alarmOn('Average'), alarmOn('Maximum'), alarmOn('', 'p90')];
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  let now = Date.now() - 25 * 60_000;
  for (let step = 0; step < 3_000; step++) {
    now += Math.floor(random() * 1_500);
    // Mostly now; one in ten a little in the past (out of order); one in fifty older than the window.
    const r = random();
    const lag = r < 0.02 ? 400_000 : r < 0.12 ? Math.floor(random() * 90_000) : 0;
    const datum: MetricDatum = {
      metricName: 'M',
      dimensions: [],
      timestamp: new Date(now - lag),
      value: Math.round(random() * 100),
    };
    model.putMetricData('1', 'r', 'NS', [datum]);
    if (step % 37 === 0)
      for (const alarm of alarms) expect(recentPeriods(model, '1', 'r', alarm, now)).toEqual(recomputed(model, alarm, now));
  }
  const series = [...model.metrics.get('1', 'r').values()][0]!;
  expect(series.dropped).toBeGreaterThan(0);
  expect(series.reordered).toBeGreaterThan(0);
});
