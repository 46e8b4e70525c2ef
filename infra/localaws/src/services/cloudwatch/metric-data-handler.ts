/**
 * GetMetricData for MetricStat queries: one value per non-empty period, newest first by default (ScanBy), paged
 * by MaxDatapoints across all queries. Metric math expressions are refused with a ValidationError.
 */
import type * as Cw from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../types';
import { readDimensions } from './alarm-config';
import type { CwDeps, WithRequired } from './deps';
import { CloudWatchValidationError, InvalidParameterValue, need } from './errors';
import { checkQueryPeriod } from './metric-handlers';
import { metricKey } from './model';
import { paginate } from './pagination';
import { aggregate, bucketByPeriod, isExtendedStatistic, isStatistic, pointsBetween, statisticValue } from './statistics';

const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const ID = /^[a-z][a-zA-Z0-9_]*$/;

type Input = WithRequired<Cw.GetMetricDataInput, 'MetricDataQueries' | 'StartTime' | 'EndTime'>;

interface Series {
  id: string;
  label: string;
  timestamps: Date[];
  values: number[];
}

function runQuery(deps: CwDeps, ctx: RequestContext, query: Cw.MetricDataQuery, i: number, input: Input): Series | undefined {
  const at = `MetricDataQueries.member.${i + 1}`;
  const id = need(query.Id, `${at}.Id`);
  if (!ID.test(id))
    throw new CloudWatchValidationError(
      `The value ${id} for parameter ${at}.Id is invalid: it must start with a lowercase letter and contain only letters, digits and underscores.`,
    );
  if (query.Expression !== undefined)
    throw new CloudWatchValidationError(
      `${at}.Expression: localaws does not evaluate metric math expressions; use MetricStat queries.`,
    );
  const stat = query.MetricStat;
  if (!stat) throw new CloudWatchValidationError(`${at}: exactly one of MetricStat or Expression must be specified.`);
  const period = need(stat.Period, `${at}.MetricStat.Period`);
  const statName = need(stat.Stat, `${at}.MetricStat.Stat`);
  checkQueryPeriod(period, `${at}.MetricStat.Period`);
  if (!isStatistic(statName) && !isExtendedStatistic(statName))
    throw new InvalidParameterValue(`The value ${statName} for parameter ${at}.MetricStat.Stat is not a supported statistic.`);
  if (query.ReturnData === false) return undefined;
  const { Namespace = '', MetricName = '', Dimensions } = need(stat.Metric, `${at}.MetricStat.Metric`);
  const series = deps.model.metrics
    .get(ctx.account, ctx.region)
    .get(metricKey(Namespace, MetricName, readDimensions(Dimensions, `${at}.MetricStat.Metric.Dimensions`)));
  const points = series ? pointsBetween(series, input.StartTime.getTime(), input.EndTime.getTime(), stat.Unit) : [];
  const buckets = bucketByPeriod(points, period * 1000);
  if (input.ScanBy !== 'TimestampAscending') buckets.reverse();
  const values = buckets.map((b) => {
    const agg = aggregate(b.points);
    return agg ? (statisticValue(agg, statName) ?? 0) : 0;
  });
  return { id, label: query.Label ?? MetricName, timestamps: buckets.map((b) => b.start), values };
}

export function getMetricData(deps: CwDeps, input: Input, ctx: RequestContext): Cw.GetMetricDataOutput {
  const queries = input.MetricDataQueries;
  if (queries.length === 0 || queries.length > MAX_QUERIES)
    throw new InvalidParameterValue(`The collection MetricDataQueries must have between 1 and ${MAX_QUERIES} members.`);
  if (input.StartTime.getTime() >= input.EndTime.getTime())
    throw new InvalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  if (input.ScanBy !== undefined && input.ScanBy !== 'TimestampAscending' && input.ScanBy !== 'TimestampDescending') {
    throw new InvalidParameterValue('The parameter ScanBy must be TimestampAscending or TimestampDescending.');
  }
  const ids = new Set<string>();
  for (const q of queries) {
    if (q.Id !== undefined && ids.has(q.Id))
      throw new CloudWatchValidationError(`The values for parameter Id in MetricDataQueries must be unique. Duplicate: ${q.Id}`);
    if (q.Id !== undefined) ids.add(q.Id);
  }
  const results = queries.map((q, i) => runQuery(deps, ctx, q, i, input)).filter((r): r is Series => r !== undefined);
  const maxDatapoints = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  if (maxDatapoints < 1) throw new InvalidParameterValue('The parameter MaxDatapoints must be greater than 0.');
  // Every (query, datapoint) in answer order; a page is a slice of it.
  const flat = results.flatMap((r, q) => r.values.map((_, i) => ({ q, i })));
  const { NextToken, ...request } = input;
  const { page, nextToken } = paginate(flat, NextToken, maxDatapoints, request);
  const pageEnd = page.length > 0 ? flat.indexOf(page[page.length - 1]!) + 1 : flat.length;
  return {
    MetricDataResults: results.map((r, q) => {
      const mine = page.filter((e) => e.q === q);
      const remaining = flat.slice(pageEnd).some((e) => e.q === q);
      return {
        Id: r.id,
        Label: r.label,
        Timestamps: mine.map((e) => r.timestamps[e.i]!),
        Values: mine.map((e) => r.values[e.i]!),
        StatusCode: remaining ? 'PartialData' : 'Complete',
        Messages: [],
      };
    }),
    NextToken: nextToken,
    Messages: [],
  };
}
