import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsForMetricCommand,
  GetMetricDataCommand,
  paginateDescribeAlarms,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmHistoryItem, AlarmState, AlarmSummary, MetricPoint } from '@/lib/alarms/types';
import { AwsCallError, awsCall, lazyClient } from './client-config';

const cloudwatch = lazyClient((config) => new CloudWatchClient(config));

/** Metric alarms by exact name (DescribeAlarms takes up to 100 names a call); names without an alarm are left out. */
export async function describeAlarmsByName(names: string[]): Promise<AlarmSummary[]> {
  const alarms: AlarmSummary[] = [];
  try {
    for (let i = 0; i < names.length; i += 100) {
      const AlarmNames = names.slice(i, i + 100);
      for await (const page of paginateDescribeAlarms({ client: cloudwatch() }, { AlarmNames, AlarmTypes: ['MetricAlarm'] })) {
        alarms.push(...(page.MetricAlarms ?? []).map(reshapeAlarm));
      }
    }
    return alarms;
  } catch (error) {
    throw AwsCallError.from('DescribeAlarms', error);
  }
}

/**
 * The AWS/States execution metrics an alarm on a workflow can watch. DescribeAlarmsForMetric needs the metric's
 * name, so each is asked for once per resource refresh (lib/live/stack-page.ts), never per poll.
 */
export const STATES_EXECUTION_METRICS = [
  'ExecutionsFailed',
  'ExecutionsTimedOut',
  'ExecutionsAborted',
  'ExecutionThrottled',
  'ExecutionsStarted',
  'ExecutionsSucceeded',
  'ExecutionTime',
] as const;

/** Metric alarms on the state machine's AWS/States execution metrics (dimension StateMachineArn = `arn`). */
export async function listAlarmsForStateMachine(stateMachineArn: string): Promise<AlarmSummary[]> {
  const found = await Promise.all(
    STATES_EXECUTION_METRICS.map((MetricName) =>
      awsCall('DescribeAlarmsForMetric', () =>
        cloudwatch().send(
          new DescribeAlarmsForMetricCommand({
            Namespace: 'AWS/States',
            MetricName,
            Dimensions: [{ Name: 'StateMachineArn', Value: stateMachineArn }],
          }),
        ),
      ),
    ),
  );
  return found.flatMap((out) => (out.MetricAlarms ?? []).map(reshapeAlarm));
}

/**
 * The alarm's metric over [start, end) at the alarm's own period and statistic, oldest first. Periods without
 * data are left out (CloudWatch returns only periods that have points).
 */
export async function getAlarmMetric(alarm: AlarmSummary, start: Date, end: Date): Promise<MetricPoint[]> {
  if (!alarm.namespace || !alarm.metricName || !alarm.periodSeconds || !alarm.statistic) return [];
  const { namespace, metricName, periodSeconds, statistic } = alarm;
  const points: MetricPoint[] = [];
  let NextToken: string | undefined;
  do {
    const out = await awsCall('GetMetricData', () =>
      cloudwatch().send(
        new GetMetricDataCommand({
          StartTime: start,
          EndTime: end,
          ScanBy: 'TimestampAscending',
          NextToken,
          MetricDataQueries: [
            {
              Id: 'm',
              MetricStat: {
                Metric: {
                  Namespace: namespace,
                  MetricName: metricName,
                  Dimensions: alarm.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
                },
                Period: periodSeconds,
                Stat: statistic,
              },
            },
          ],
        }),
      ),
    );
    for (const result of out.MetricDataResults ?? []) {
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      timestamps.forEach((t, i) => points.push({ at: t.toISOString(), value: values[i] ?? 0 }));
    }
    NextToken = out.NextToken;
  } while (NextToken && points.length < 5_000);
  return points.sort((a, b) => a.at.localeCompare(b.at));
}

/** The alarm's history, newest first (up to `limit` items; DescribeAlarmHistory pages by 100). */
export async function listAlarmHistory(alarmName: string, limit = 200): Promise<AlarmHistoryItem[]> {
  const items: AlarmHistoryItem[] = [];
  let NextToken: string | undefined;
  do {
    const out = await awsCall('DescribeAlarmHistory', () =>
      cloudwatch().send(
        new DescribeAlarmHistoryCommand({ AlarmName: alarmName, ScanBy: 'TimestampDescending', MaxRecords: 100, NextToken }),
      ),
    );
    for (const item of out.AlarmHistoryItems ?? []) {
      items.push({
        at: (item.Timestamp ?? new Date(0)).toISOString(),
        type: item.HistoryItemType ?? 'Unknown',
        summary: item.HistorySummary ?? '',
        data: item.HistoryData,
      });
    }
    NextToken = out.NextToken;
  } while (NextToken && items.length < limit);
  return items.slice(0, limit);
}

/** Metric alarms on one metric, whatever their names (DescribeAlarmsForMetric; any dimensions). */
export async function describeAlarmsForMetric(namespace: string, metricName: string): Promise<AlarmSummary[]> {
  const out = await awsCall('DescribeAlarmsForMetric', () =>
    cloudwatch().send(new DescribeAlarmsForMetricCommand({ Namespace: namespace, MetricName: metricName })),
  );
  return (out.MetricAlarms ?? []).map(reshapeAlarm);
}

function reshapeAlarm(alarm: MetricAlarm): AlarmSummary {
  return {
    name: alarm.AlarmName ?? '',
    arn: alarm.AlarmArn ?? '',
    state: (alarm.StateValue ?? 'INSUFFICIENT_DATA') as AlarmState,
    stateReason: alarm.StateReason ?? '',
    stateUpdatedAt: (alarm.StateUpdatedTimestamp ?? alarm.AlarmConfigurationUpdatedTimestamp ?? new Date(0)).toISOString(),
    namespace: alarm.Namespace,
    metricName: alarm.MetricName,
    dimensions: (alarm.Dimensions ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' })),
    statistic: alarm.Statistic ?? alarm.ExtendedStatistic,
    periodSeconds: alarm.Period,
    evaluationPeriods: alarm.EvaluationPeriods,
    datapointsToAlarm: alarm.DatapointsToAlarm,
    threshold: alarm.Threshold,
    comparison: alarm.ComparisonOperator,
    treatMissingData: alarm.TreatMissingData,
    actionsEnabled: alarm.ActionsEnabled ?? true,
  };
}
