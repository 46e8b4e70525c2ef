/** PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, DeleteAlarms, SetAlarmState, Enable/DisableAlarmActions. */
import type * as Cw from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../types';
import { readDimensions } from './alarm-config';
import { transitionAlarm } from './alarm-history';
import { deleteAlarms as removeAlarms, putAlarm } from './alarm-store';
import type { CwDeps, WithRequired } from './deps';
import { InvalidFormat, InvalidParameterCombination, InvalidParameterValue, ResourceNotFound } from './errors';
import { metricKey, type AlarmState, type MetricAlarm } from './model';
import { paginate } from './pagination';

const STATES: AlarmState[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const MAX_NAMES = 100;

/** An alarm as DescribeAlarms returns it. */
export function describeAlarm(alarm: MetricAlarm): Cw.MetricAlarm {
  const c = alarm.config;
  return {
    AlarmName: alarm.name,
    AlarmArn: alarm.arn,
    AlarmDescription: c.alarmDescription,
    AlarmConfigurationUpdatedTimestamp: alarm.configUpdatedAt,
    ActionsEnabled: c.actionsEnabled,
    OKActions: c.okActions,
    AlarmActions: c.alarmActions,
    InsufficientDataActions: c.insufficientDataActions,
    StateValue: alarm.stateValue,
    StateReason: alarm.stateReason,
    StateReasonData: alarm.stateReasonData,
    StateUpdatedTimestamp: alarm.stateUpdatedAt,
    StateTransitionedTimestamp: alarm.stateTransitionedAt,
    MetricName: c.metricName,
    Namespace: c.namespace,
    Statistic: c.statistic as Cw.Statistic | undefined,
    ExtendedStatistic: c.extendedStatistic,
    Dimensions: c.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    Period: c.period,
    Unit: c.unit as Cw.StandardUnit | undefined,
    EvaluationPeriods: c.evaluationPeriods,
    DatapointsToAlarm: c.datapointsToAlarm,
    Threshold: c.threshold,
    ComparisonOperator: c.comparisonOperator as Cw.ComparisonOperator,
    TreatMissingData: c.treatMissingData,
  };
}

function sortedAlarms(deps: CwDeps, ctx: RequestContext): MetricAlarm[] {
  return [...deps.model.alarms.get(ctx.account, ctx.region).values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function putMetricAlarm(deps: CwDeps, input: Cw.PutMetricAlarmInput, ctx: RequestContext): Record<string, never> {
  putAlarm(deps.model, ctx.account, ctx.region, input as unknown as Record<string, unknown>);
  return {};
}

export function describeAlarms(deps: CwDeps, input: Cw.DescribeAlarmsInput, ctx: RequestContext): Cw.DescribeAlarmsOutput {
  const names = input.AlarmNames;
  if (names && input.AlarmNamePrefix !== undefined)
    throw new InvalidParameterCombination('The parameters AlarmNames and AlarmNamePrefix are mutually exclusive.');
  if (names && names.length > MAX_NAMES)
    throw new InvalidParameterValue(`The collection AlarmNames must not have a size greater than ${MAX_NAMES}.`);
  if (input.StateValue !== undefined && !STATES.includes(input.StateValue as AlarmState))
    throw new InvalidParameterValue(`The parameter StateValue must be one of ${STATES.join(', ')}.`);
  const maxRecords = input.MaxRecords ?? 50;
  if (maxRecords < 1 || maxRecords > 100) throw new InvalidParameterValue('The parameter MaxRecords must be between 1 and 100.');
  // Composite alarms do not exist in localaws, and the default AlarmTypes is MetricAlarm only.
  const wantsMetric = !input.AlarmTypes || input.AlarmTypes.length === 0 || input.AlarmTypes.includes('MetricAlarm');
  const matching = !wantsMetric
    ? []
    : sortedAlarms(deps, ctx).filter((a) => {
        const c = a.config;
        if (names && !names.includes(a.name)) return false;
        if (input.AlarmNamePrefix !== undefined && !a.name.startsWith(input.AlarmNamePrefix)) return false;
        if (input.StateValue !== undefined && a.stateValue !== input.StateValue) return false;
        if (
          input.ActionPrefix !== undefined &&
          ![...c.alarmActions, ...c.okActions, ...c.insufficientDataActions].some((x) =>
            x.startsWith(input.ActionPrefix as string),
          )
        )
          return false;
        return true;
      });
  // The token is bound to the filters, not to the page size.
  const filters = { ...input, NextToken: undefined, MaxRecords: undefined };
  const { page, nextToken } = paginate(matching, input.NextToken, maxRecords, filters);
  return { MetricAlarms: page.map(describeAlarm), CompositeAlarms: [], NextToken: nextToken };
}

export function describeAlarmsForMetric(
  deps: CwDeps,
  input: WithRequired<Cw.DescribeAlarmsForMetricInput, 'MetricName' | 'Namespace'>,
  ctx: RequestContext,
): Cw.DescribeAlarmsForMetricOutput {
  const dimensions = input.Dimensions ? readDimensions(input.Dimensions) : undefined;
  const alarms = sortedAlarms(deps, ctx).filter((a) => {
    const c = a.config;
    if (c.namespace !== input.Namespace || c.metricName !== input.MetricName) return false;
    if (
      dimensions &&
      metricKey(c.namespace, c.metricName, c.dimensions) !== metricKey(input.Namespace, input.MetricName, dimensions)
    )
      return false;
    if (input.Statistic !== undefined && c.statistic !== input.Statistic) return false;
    if (input.ExtendedStatistic !== undefined && c.extendedStatistic !== input.ExtendedStatistic) return false;
    if (input.Period !== undefined && c.period !== input.Period) return false;
    if (input.Unit !== undefined && c.unit !== input.Unit) return false;
    return true;
  });
  return { MetricAlarms: alarms.map(describeAlarm) };
}

export function deleteAlarms(
  deps: CwDeps,
  input: WithRequired<Cw.DeleteAlarmsInput, 'AlarmNames'>,
  ctx: RequestContext,
): Record<string, never> {
  const names = input.AlarmNames;
  if (names.length > MAX_NAMES)
    throw new InvalidParameterValue(`The collection AlarmNames must not have a size greater than ${MAX_NAMES}.`);
  const alarms = deps.model.alarms.get(ctx.account, ctx.region);
  const missing = names.filter((n) => !alarms.has(n));
  // AWS deletes nothing when any name is wrong.
  if (missing.length > 0)
    throw new ResourceNotFound(`${missing.length === 1 ? 'Alarm' : 'Alarms'} ${missing.join(', ')} not found`);
  removeAlarms(deps.model, ctx.account, ctx.region, names);
  return {};
}

export function setAlarmState(
  deps: CwDeps,
  input: WithRequired<Cw.SetAlarmStateInput, 'AlarmName' | 'StateValue' | 'StateReason'>,
  ctx: RequestContext,
): Record<string, never> {
  const alarm = deps.model.alarms.get(ctx.account, ctx.region).get(input.AlarmName);
  if (!alarm) throw new ResourceNotFound(`Alarm ${input.AlarmName} not found`);
  if (!STATES.includes(input.StateValue as AlarmState))
    throw new InvalidParameterValue(`The parameter StateValue must be one of ${STATES.join(', ')}.`);
  if (input.StateReason.length > 1023)
    throw new InvalidParameterValue('The parameter StateReason must be at most 1023 characters long.');
  if (input.StateReasonData !== undefined) {
    try {
      JSON.parse(input.StateReasonData);
    } catch {
      throw new InvalidFormat('The parameter StateReasonData must be valid JSON.');
    }
  }
  const now = Date.now();
  // Held until the next period boundary: the next evaluation, not the next datum, decides the state again.
  const windowMs = (alarm.config.period * 1000) / deps.model.speedup;
  alarm.holdUntil = (Math.floor(now / windowMs) + 1) * windowMs;
  if (alarm.stateValue !== input.StateValue) {
    transitionAlarm(
      deps.model,
      deps.sns,
      ctx.account,
      ctx.region,
      alarm,
      { state: input.StateValue as AlarmState, reason: input.StateReason, reasonData: input.StateReasonData },
      new Date(now),
    );
  }
  return {};
}

function setActionsEnabled(deps: CwDeps, names: string[], ctx: RequestContext, enabled: boolean): Record<string, never> {
  if (names.length > MAX_NAMES)
    throw new InvalidParameterValue(`The collection AlarmNames must not have a size greater than ${MAX_NAMES}.`);
  const alarms = deps.model.alarms.get(ctx.account, ctx.region);
  // Unknown names are ignored, as CloudWatch does.
  for (const name of names) {
    const alarm = alarms.get(name);
    if (alarm) alarm.config = { ...alarm.config, actionsEnabled: enabled };
  }
  return {};
}

export const enableAlarmActions = (
  deps: CwDeps,
  input: WithRequired<Cw.EnableAlarmActionsInput, 'AlarmNames'>,
  ctx: RequestContext,
) => setActionsEnabled(deps, input.AlarmNames, ctx, true);
export const disableAlarmActions = (
  deps: CwDeps,
  input: WithRequired<Cw.DisableAlarmActionsInput, 'AlarmNames'>,
  ctx: RequestContext,
) => setActionsEnabled(deps, input.AlarmNames, ctx, false);
