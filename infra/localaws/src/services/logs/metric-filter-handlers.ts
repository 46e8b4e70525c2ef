/** Metric filters: put (pattern and transformation checked), describe, delete, and TestMetricFilter. */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { AwsError } from '../../errors';
import type { RequestContext } from '../types';
import { invalidParameter, invalidPattern, notFound, page, requireGroup } from './errors';
import { tryCompileFilterPattern } from './filter-pattern';
import type { LogsDeps } from './group-handlers';
import { normalizeTransformations } from './metric-transformations';

const MAX_FILTERS_PER_GROUP = 100;
const METRIC_VALUE = /^(-?\d+(\.\d+)?|\$\.[A-Za-z0-9_.[\]]+|\$[A-Za-z0-9_]+)$/;

function checkTransformations(list: Logs.MetricTransformation[]): void {
  if (list.length !== 1)
    throw invalidParameter(
      `1 validation error detected: Value at 'metricTransformations' failed to satisfy constraint: Member must have length less than or equal to 1`,
    );
  const t = list[0]!;
  if (!METRIC_VALUE.test(t.metricValue ?? ''))
    throw invalidParameter(`Invalid metric value: '${t.metricValue}'. Use a number or a field such as $.field.`);
  const dimensions = Object.keys(t.dimensions ?? {});
  if (dimensions.length > 3)
    throw invalidParameter('Invalid metric transformation: a metric filter can have at most 3 dimensions.');
  if (dimensions.length > 0 && t.defaultValue !== undefined)
    throw invalidParameter('Invalid metric transformation: a default value cannot be used with dimensions.');
}

export function putMetricFilter({ model }: LogsDeps, input: Logs.PutMetricFilterRequest, ctx: RequestContext): void {
  const group = input.logGroupName ?? '';
  requireGroup(model, ctx, group);
  if (!tryCompileFilterPattern(input.filterPattern ?? '')) throw invalidPattern();
  checkTransformations(input.metricTransformations ?? []);
  const filters = model.metricFilters.get(ctx.account, ctx.region);
  const name = input.filterName ?? '';
  const inGroup = [...filters.values()].filter((f) => f.logGroupName === group && f.name !== name).length;
  if (inGroup >= MAX_FILTERS_PER_GROUP) throw new AwsError('LimitExceededException', 'Resource limit exceeded.', 400);
  filters.set(name, {
    name,
    logGroupName: group,
    filterPattern: input.filterPattern ?? '',
    metricTransformations: input.metricTransformations,
    creationTime: ctx.clock.now().getTime(),
  });
}

export function describeMetricFilters(
  { model }: LogsDeps,
  input: Logs.DescribeMetricFiltersRequest,
  ctx: RequestContext,
): Logs.DescribeMetricFiltersResponse {
  if (input.filterNamePrefix && !input.logGroupName) throw invalidParameter('A filterNamePrefix requires a logGroupName.');
  if (Boolean(input.metricName) !== Boolean(input.metricNamespace))
    throw invalidParameter('metricName and metricNamespace must be specified together.');
  if (input.logGroupName) requireGroup(model, ctx, input.logGroupName);
  const limit = input.limit ?? 50;
  if (limit < 1 || limit > 50)
    throw invalidParameter(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50`,
    );
  const filters = [...model.metricFilters.get(ctx.account, ctx.region).values()]
    .map((f) => ({ f, transformations: normalizeTransformations(f.metricTransformations) }))
    .filter(
      ({ f }) =>
        (!input.logGroupName || f.logGroupName === input.logGroupName) &&
        (!input.filterNamePrefix || f.name.startsWith(input.filterNamePrefix)),
    )
    .filter(
      ({ transformations }) =>
        !input.metricName ||
        transformations.some((t) => t.metricName === input.metricName && t.metricNamespace === input.metricNamespace),
    )
    .sort((a, b) => (a.f.name < b.f.name ? -1 : a.f.name > b.f.name ? 1 : 0));
  const { items, nextToken } = page(filters, input.nextToken, limit);
  return {
    metricFilters: items.map(({ f, transformations }) => ({
      filterName: f.name,
      filterPattern: f.filterPattern,
      logGroupName: f.logGroupName,
      creationTime: f.creationTime,
      metricTransformations: transformations.map((t) => ({ ...t, unit: t.unit as Logs.StandardUnit | undefined })),
    })),
    nextToken,
  };
}

export function deleteMetricFilter({ model }: LogsDeps, input: Logs.DeleteMetricFilterRequest, ctx: RequestContext): void {
  requireGroup(model, ctx, input.logGroupName ?? '');
  const filters = model.metricFilters.get(ctx.account, ctx.region);
  const filter = filters.get(input.filterName ?? '');
  if (!filter || filter.logGroupName !== input.logGroupName) throw notFound('The specified resource does not exist.');
  filters.delete(filter.name);
}

export function testMetricFilter(_deps: LogsDeps, input: Logs.TestMetricFilterRequest): Logs.TestMetricFilterResponse {
  const pattern = tryCompileFilterPattern(input.filterPattern ?? '');
  if (!pattern) throw invalidPattern();
  const messages = input.logEventMessages ?? [];
  if (messages.length < 1 || messages.length > 50)
    throw invalidParameter(
      `1 validation error detected: Value at 'logEventMessages' failed to satisfy constraint: Member must have length between 1 and 50`,
    );
  const matches: Logs.MetricFilterMatchRecord[] = [];
  messages.forEach((message, index) => {
    const outcome = pattern.test(message);
    if (outcome) matches.push({ eventNumber: index + 1, eventMessage: message, extractedValues: outcome.extracted });
  });
  return { matches };
}
