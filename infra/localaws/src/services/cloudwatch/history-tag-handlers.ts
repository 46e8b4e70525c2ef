/** DescribeAlarmHistory and the tagging operations (TagResource, UntagResource, ListTagsForResource). */
import type * as Cw from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../types';
import type { CwDeps, WithRequired } from './deps';
import { InvalidParameterValue, ResourceNotFoundException } from './errors';
import type { MetricAlarm } from './model';
import { paginate } from './pagination';
import { mergeTags, validateTags } from './tags';

const ITEM_TYPES = ['ConfigurationUpdate', 'StateUpdate', 'Action', 'AlarmContributorStateUpdate', 'AlarmContributorAction'];

export function describeAlarmHistory(
  deps: CwDeps,
  input: Cw.DescribeAlarmHistoryInput,
  ctx: RequestContext,
): Cw.DescribeAlarmHistoryOutput {
  if (input.HistoryItemType !== undefined && !ITEM_TYPES.includes(input.HistoryItemType))
    throw new InvalidParameterValue(`The parameter HistoryItemType must be one of ${ITEM_TYPES.slice(0, 3).join(', ')}.`);
  const maxRecords = input.MaxRecords ?? 100;
  if (maxRecords < 1 || maxRecords > 100) throw new InvalidParameterValue('The parameter MaxRecords must be between 1 and 100.');
  if (input.ScanBy !== undefined && input.ScanBy !== 'TimestampAscending' && input.ScanBy !== 'TimestampDescending')
    throw new InvalidParameterValue('The parameter ScanBy must be TimestampAscending or TimestampDescending.');
  const wantsMetric = !input.AlarmTypes || input.AlarmTypes.length === 0 || input.AlarmTypes.includes('MetricAlarm');
  const start = input.StartDate?.getTime() ?? -Infinity;
  const end = input.EndDate?.getTime() ?? Infinity;
  // Stored oldest first; stable order within one millisecond keeps create → state → action readable.
  const items = deps.model.history
    .get(ctx.account, ctx.region)
    .map((item, seq) => ({ item, seq }))
    .filter(({ item }) => wantsMetric && (input.AlarmName === undefined || item.alarmName === input.AlarmName))
    .filter(({ item }) => input.HistoryItemType === undefined || item.historyItemType === input.HistoryItemType)
    .filter(({ item }) => item.timestamp.getTime() >= start && item.timestamp.getTime() <= end);
  if (input.ScanBy !== 'TimestampAscending') items.reverse();
  // The token is bound to the filters, not to the page size.
  const filters = { ...input, NextToken: undefined, MaxRecords: undefined };
  const { page, nextToken } = paginate(items, input.NextToken, maxRecords, filters);
  return {
    AlarmHistoryItems: page.map(({ item }) => ({
      AlarmName: item.alarmName,
      AlarmType: item.alarmType,
      Timestamp: item.timestamp,
      HistoryItemType: item.historyItemType,
      HistorySummary: item.historySummary,
      HistoryData: item.historyData,
    })),
    NextToken: nextToken,
  };
}

/** arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME in the caller's account and region. */
function alarmForArn(deps: CwDeps, arn: string, ctx: RequestContext): MetricAlarm {
  const match = /^arn:aws[\w-]*:cloudwatch:([^:]+):(\d{12}):(alarm|dashboard|insight-rule|metric-stream):(.+)$/.exec(arn);
  if (!match) throw new InvalidParameterValue(`The value ${arn} for parameter ResourceARN is not a valid CloudWatch ARN.`);
  const [, region, account, type, name = ''] = match;
  const alarm =
    type === 'alarm' && region === ctx.region && account === ctx.account
      ? deps.model.alarms.get(ctx.account, ctx.region).get(name)
      : undefined;
  if (!alarm) throw new ResourceNotFoundException(`${type === 'alarm' ? 'Alarm' : 'Resource'} ${name} does not exist.`);
  return alarm;
}

export function tagResource(
  deps: CwDeps,
  input: WithRequired<Cw.TagResourceInput, 'ResourceARN' | 'Tags'>,
  ctx: RequestContext,
): Record<string, never> {
  const alarm = alarmForArn(deps, input.ResourceARN, ctx);
  const added = input.Tags.map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
  validateTags(added);
  const merged = mergeTags(alarm.tags, added);
  validateTags(merged);
  alarm.tags = merged;
  return {};
}

export function untagResource(
  deps: CwDeps,
  input: WithRequired<Cw.UntagResourceInput, 'ResourceARN' | 'TagKeys'>,
  ctx: RequestContext,
): Record<string, never> {
  const alarm = alarmForArn(deps, input.ResourceARN, ctx);
  alarm.tags = alarm.tags.filter((t) => !input.TagKeys.includes(t.Key));
  return {};
}

export function listTagsForResource(
  deps: CwDeps,
  input: WithRequired<Cw.ListTagsForResourceInput, 'ResourceARN'>,
  ctx: RequestContext,
): Cw.ListTagsForResourceOutput {
  return { Tags: alarmForArn(deps, input.ResourceARN, ctx).tags.map((t) => ({ ...t })) };
}
