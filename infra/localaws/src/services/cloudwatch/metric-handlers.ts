/** PutMetricData, GetMetricStatistics and ListMetrics. GetMetricData lives in metric-data-handler.ts. */
import type * as Cw from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../types';
import { readDimensions } from './alarm-config';
import type { CwDeps, WithRequired } from './deps';
import { InvalidParameterCombination, InvalidParameterValue, MissingParameter, need } from './errors';
import { metricKey, type MetricDatum } from './model';
import { paginate } from './pagination';
import {
  aggregate,
  bucketByPeriod,
  isExtendedStatistic,
  isStatistic,
  pointsBetween,
  statisticValue,
  STATISTICS,
  unitOf,
} from './statistics';

const MAX_DATUMS = 1000;
const MAX_VALUES = 150;
const MAX_DATAPOINTS = 1440;
const LIST_PAGE = 500;

function readDatum(raw: Cw.MetricDatum, i: number, now: Date): MetricDatum[] {
  const at = `MetricData.member.${i + 1}`;
  const dimensions = readDimensions(raw.Dimensions, `${at}.Dimensions`);
  const timestamp = raw.Timestamp ?? now;
  if (timestamp.getTime() > now.getTime() + 2 * 3600_000)
    throw new InvalidParameterValue(`The parameter ${at}.Timestamp must specify a time no more than two hours in the future.`);
  if (raw.StorageResolution !== undefined && raw.StorageResolution !== 1 && raw.StorageResolution !== 60)
    throw new InvalidParameterValue(`The parameter ${at}.StorageResolution must be 1 or 60.`);
  const given = [raw.Value !== undefined && 'Value', raw.StatisticValues && 'StatisticValues', raw.Values && 'Values'].filter(
    Boolean,
  );
  if (given.length > 1)
    throw new InvalidParameterCombination(
      `The parameters ${at}.${given[0]} and ${at}.${given[1]} are mutually exclusive and you have specified both.`,
    );
  if (given.length === 0)
    throw new MissingParameter(
      `At least one of the parameters ${at}.Value, ${at}.StatisticValues or ${at}.Values must be specified.`,
    );
  const base = { metricName: need(raw.MetricName, `${at}.MetricName`), dimensions, timestamp, unit: raw.Unit };
  if (raw.StatisticValues) {
    const { SampleCount = 0, Sum = 0, Minimum = 0, Maximum = 0 } = raw.StatisticValues;
    if (SampleCount <= 0)
      throw new InvalidParameterValue(`The parameter ${at}.StatisticValues.SampleCount must be greater than 0.`);
    if (Minimum > Maximum)
      throw new InvalidParameterValue(
        `The parameter ${at}.StatisticValues.Maximum must be greater than or equal to ${at}.StatisticValues.Minimum.`,
      );
    return [
      { ...base, value: Sum / SampleCount, stats: { sampleCount: SampleCount, sum: Sum, minimum: Minimum, maximum: Maximum } },
    ];
  }
  if (raw.Values) {
    const counts = raw.Counts;
    if (raw.Values.length > MAX_VALUES)
      throw new InvalidParameterValue(`The collection ${at}.Values must not have a size greater than ${MAX_VALUES}.`);
    if (counts && counts.length !== raw.Values.length)
      throw new InvalidParameterValue(`The parameters ${at}.Values and ${at}.Counts must be of the same size.`);
    return raw.Values.map((value, j) => ({ ...base, value, count: counts?.[j] ?? 1 }));
  }
  if (raw.Counts) throw new InvalidParameterCombination(`The parameter ${at}.Counts may only be specified with ${at}.Values.`);
  return [{ ...base, value: raw.Value as number }];
}

export function putMetricData(
  deps: CwDeps,
  input: WithRequired<Cw.PutMetricDataInput, 'Namespace'>,
  ctx: RequestContext,
): Record<string, never> {
  if (input.Namespace.startsWith('AWS/'))
    throw new InvalidParameterValue(
      `The value ${input.Namespace} for parameter Namespace is invalid: namespaces beginning with "AWS/" are reserved.`,
    );
  const data = [...(input.MetricData ?? []), ...(input.EntityMetricData ?? []).flatMap((e) => e.MetricData ?? [])];
  if (data.length === 0) throw new MissingParameter('The parameter MetricData is required.');
  if (data.length > MAX_DATUMS)
    throw new InvalidParameterValue(`The collection MetricData must not have a size greater than ${MAX_DATUMS}.`);
  const now = new Date();
  // Validate every datum before storing any: a refused request stores nothing, as in AWS.
  const datums = data.flatMap((raw, i) => readDatum(raw, i, now));
  deps.model.putMetricData(ctx.account, ctx.region, input.Namespace, datums);
  return {};
}

/** 1, 5, 10, 30 (high resolution) or a multiple of 60 seconds. */
export function checkQueryPeriod(period: number, name = 'Period'): void {
  if (
    !Number.isInteger(period) ||
    !(period === 1 || period === 5 || period === 10 || period === 30 || (period >= 60 && period % 60 === 0))
  ) {
    throw new InvalidParameterValue(
      `The parameter ${name} must be a multiple of 60 (or 1, 5, 10 or 30 for high-resolution metrics).`,
    );
  }
}

export function getMetricStatistics(
  deps: CwDeps,
  input: WithRequired<Cw.GetMetricStatisticsInput, 'Namespace' | 'MetricName' | 'StartTime' | 'EndTime' | 'Period'>,
  ctx: RequestContext,
): Cw.GetMetricStatisticsOutput {
  checkQueryPeriod(input.Period);
  const start = input.StartTime.getTime();
  const end = input.EndTime.getTime();
  if (start >= end) throw new InvalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  const statistics = input.Statistics ?? [];
  const extended = input.ExtendedStatistics ?? [];
  if (statistics.length > 0 && extended.length > 0)
    throw new InvalidParameterCombination('Must specify either Statistics or ExtendedStatistics, but not both.');
  if (statistics.length === 0 && extended.length === 0)
    throw new MissingParameter('Must specify either Statistics or ExtendedStatistics.');
  statistics.forEach((s, i) => {
    if (!isStatistic(s))
      throw new InvalidParameterValue(
        `The parameter Statistics.member.${i + 1} must be a value in the set [ ${STATISTICS.join(', ')} ].`,
      );
  });
  extended.forEach((s, i) => {
    if (!isExtendedStatistic(s))
      throw new InvalidParameterValue(
        `The parameter ExtendedStatistics.member.${i + 1} must be a percentile such as p99 or p99.9.`,
      );
  });
  const periods = Math.ceil((end - start) / (input.Period * 1000));
  if (periods > MAX_DATAPOINTS) {
    throw new InvalidParameterCombination(
      `You have requested up to ${periods} datapoints, which exceeds the limit of ${MAX_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  const dimensions = readDimensions(input.Dimensions);
  const series = deps.model.metrics.get(ctx.account, ctx.region).get(metricKey(input.Namespace, input.MetricName, dimensions));
  const points = series ? pointsBetween(series, start, end, input.Unit) : [];
  const datapoints = bucketByPeriod(points, input.Period * 1000).map(({ start: timestamp, points: inPeriod }) => {
    const agg = aggregate(inPeriod);
    const dp: Cw.Datapoint = { Timestamp: timestamp, Unit: (input.Unit ?? unitOf(inPeriod)) as Cw.StandardUnit };
    if (!agg) return dp;
    for (const s of statistics) (dp as Record<string, unknown>)[s] = statisticValue(agg, s);
    if (extended.length > 0) dp.ExtendedStatistics = Object.fromEntries(extended.map((s) => [s, statisticValue(agg, s) ?? 0]));
    return dp;
  });
  return { Label: input.MetricName, Datapoints: datapoints };
}

export function listMetrics(deps: CwDeps, input: Cw.ListMetricsInput, ctx: RequestContext): Cw.ListMetricsOutput {
  if (input.RecentlyActive !== undefined && input.RecentlyActive !== 'PT3H')
    throw new InvalidParameterValue('The parameter RecentlyActive must be PT3H.');
  const filters = (input.Dimensions ?? []).map((f) => ({ name: f.Name, value: f.Value }));
  if (filters.length > 10) throw new InvalidParameterValue('The collection Dimensions must not have a size greater than 10.');
  const activeSince = Date.now() - 3 * 3600_000;
  const matching = [...deps.model.metrics.get(ctx.account, ctx.region).entries()]
    .filter(([, s]) => input.Namespace === undefined || s.namespace === input.Namespace)
    .filter(([, s]) => input.MetricName === undefined || s.metricName === input.MetricName)
    .filter(([, s]) =>
      filters.every((f) => s.dimensions.some((d) => d.name === f.name && (f.value === undefined || d.value === f.value))),
    )
    .filter(([, s]) => input.RecentlyActive === undefined || (s.updatedAt?.getTime() ?? 0) >= activeSince)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, s]) => ({
      Namespace: s.namespace,
      MetricName: s.metricName,
      Dimensions: s.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    }));
  const { NextToken, ...filterPart } = input;
  const { page, nextToken } = paginate(matching, NextToken, LIST_PAGE, filterPart);
  return { Metrics: page, NextToken: nextToken };
}
