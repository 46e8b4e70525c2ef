import {
  CloudWatchClient,
  DescribeAlarmsForMetricCommand,
  paginateDescribeAlarms,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmState, AlarmSummary } from '@/lib/alarms/types';
import { AwsCallError, awsCall, lazyClient } from './client-config';

const cloudwatch = lazyClient((config) => new CloudWatchClient(config));

/** Metric alarms whose names start with `prefix` (the TapStack names its alarms `<stack>-<what>`). */
export async function listAlarmsByPrefix(prefix: string): Promise<AlarmSummary[]> {
  try {
    const alarms: AlarmSummary[] = [];
    for await (const page of paginateDescribeAlarms(
      { client: cloudwatch() },
      { AlarmNamePrefix: prefix, AlarmTypes: ['MetricAlarm'] },
    )) {
      alarms.push(...(page.MetricAlarms ?? []).map(reshapeAlarm));
    }
    return alarms;
  } catch (error) {
    throw AwsCallError.from('DescribeAlarms', error);
  }
}

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
