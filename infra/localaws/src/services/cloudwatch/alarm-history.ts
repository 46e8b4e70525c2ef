/**
 * Alarm state changes and the history items CloudWatch records for them: ConfigurationUpdate on create, update
 * and delete; StateUpdate on each transition (HistoryData holds oldState/newState); Action for each action the
 * new state fires (SNS topics that exist in localaws succeed, anything else fails).
 */
import type { SnsModel } from '../sns/model';
import type { AlarmState, CloudWatchModel, MetricAlarm } from './model';

/** The alarm as DescribeAlarms would show it, in history's camelCase JSON. */
function alarmSnapshot(alarm: MetricAlarm): Record<string, unknown> {
  const c = alarm.config;
  return {
    alarmName: alarm.name,
    alarmArn: alarm.arn,
    alarmDescription: c.alarmDescription,
    actionsEnabled: c.actionsEnabled,
    okactions: c.okActions,
    alarmActions: c.alarmActions,
    insufficientDataActions: c.insufficientDataActions,
    metricName: c.metricName,
    namespace: c.namespace,
    statistic: c.statistic,
    extendedStatistic: c.extendedStatistic,
    dimensions: c.dimensions.map((d) => ({ name: d.name, value: d.value })),
    period: c.period,
    unit: c.unit,
    evaluationPeriods: c.evaluationPeriods,
    datapointsToAlarm: c.datapointsToAlarm,
    threshold: c.threshold,
    comparisonOperator: c.comparisonOperator,
    treatMissingData: c.treatMissingData,
  };
}

export function recordConfiguration(
  model: CloudWatchModel,
  account: string,
  region: string,
  alarm: MetricAlarm,
  type: 'Create' | 'Update' | 'Delete',
  previous?: MetricAlarm,
): void {
  const verb = { Create: 'created', Update: 'updated', Delete: 'deleted' }[type];
  const data =
    type === 'Create'
      ? { type, version: '1.0', createdAlarm: alarmSnapshot(alarm) }
      : type === 'Update'
        ? { type, version: '1.0', origAlarm: previous ? alarmSnapshot(previous) : undefined, updatedAlarm: alarmSnapshot(alarm) }
        : { type, version: '1.0', deletedAlarm: alarmSnapshot(alarm) };
  model.addHistory(account, region, {
    alarmName: alarm.name,
    alarmType: 'MetricAlarm',
    timestamp: new Date(),
    historyItemType: 'ConfigurationUpdate',
    historySummary: `Alarm "${alarm.name}" ${verb}`,
    historyData: JSON.stringify(data),
  });
}

function stateJson(value: AlarmState, reason: string, reasonData: string | undefined): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = reasonData ? JSON.parse(reasonData) : undefined;
  } catch {
    // SetAlarmState validates its JSON; an unparsable value can only be an old one, so leave it out.
    parsed = undefined;
  }
  return { stateValue: value, stateReason: reason, ...(parsed === undefined ? {} : { stateReasonData: parsed }) };
}

function actionsFor(alarm: MetricAlarm, state: AlarmState): string[] {
  if (state === 'ALARM') return alarm.config.alarmActions;
  if (state === 'OK') return alarm.config.okActions;
  return alarm.config.insufficientDataActions;
}

/** arn:aws:sns:REGION:ACCOUNT:NAME, when it names a topic localaws holds. */
function snsTopicExists(sns: SnsModel | undefined, arn: string): boolean {
  const parts = arn.split(':');
  if (!sns || parts.length !== 6 || parts[2] !== 'sns') return false;
  return sns.topics.get(parts[4] ?? '', parts[3] ?? '').has(arn);
}

function recordActions(
  model: CloudWatchModel,
  sns: SnsModel | undefined,
  account: string,
  region: string,
  alarm: MetricAlarm,
  at: Date,
): void {
  if (!alarm.config.actionsEnabled) return;
  for (const arn of actionsFor(alarm, alarm.stateValue)) {
    const ok = snsTopicExists(sns, arn);
    const data = ok
      ? {
          actionState: 'Succeeded',
          stateUpdateTimestamp: at.getTime(),
          notificationResource: arn,
          publishedMessage: { default: alarm.stateReason },
        }
      : {
          actionState: 'Failed',
          stateUpdateTimestamp: at.getTime(),
          notificationResource: arn,
          error: arn.startsWith('arn:aws:sns:') ? 'Resource not found' : 'localaws only executes SNS topic actions',
        };
    model.addHistory(account, region, {
      alarmName: alarm.name,
      alarmType: 'MetricAlarm',
      timestamp: new Date(),
      historyItemType: 'Action',
      historySummary: ok
        ? `Successfully executed action ${arn}`
        : `Failed to execute action ${arn}. Received error: "${data.error as string}"`,
      historyData: JSON.stringify(data),
    });
  }
}

/** Moves an alarm to a new state, recording the StateUpdate and the actions that state fires. */
export function transitionAlarm(
  model: CloudWatchModel,
  sns: SnsModel | undefined,
  account: string,
  region: string,
  alarm: MetricAlarm,
  next: { state: AlarmState; reason: string; reasonData?: string },
  at = new Date(),
): void {
  const old = stateJson(alarm.stateValue, alarm.stateReason, alarm.stateReasonData);
  const previous = alarm.stateValue;
  alarm.stateValue = next.state;
  alarm.stateReason = next.reason;
  alarm.stateReasonData = next.reasonData;
  alarm.stateUpdatedAt = at;
  if (previous !== next.state) alarm.stateTransitionedAt = at;
  model.addHistory(account, region, {
    alarmName: alarm.name,
    alarmType: 'MetricAlarm',
    timestamp: at,
    historyItemType: 'StateUpdate',
    historySummary: `Alarm updated from ${previous} to ${next.state}`,
    historyData: JSON.stringify({ version: '1.0', oldState: old, newState: stateJson(next.state, next.reason, next.reasonData) }),
  });
  recordActions(model, sns, account, region, alarm, at);
}
