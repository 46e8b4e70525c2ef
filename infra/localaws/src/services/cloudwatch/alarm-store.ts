/**
 * Creating, updating and deleting metric alarms — one path for PutMetricAlarm/DeleteAlarms and for
 * AWS::CloudWatch::Alarm, so both validate alike, keep state across updates and write the same history.
 */
import { readAlarmConfig } from './alarm-config';
import { recordConfiguration } from './alarm-history';
import { INITIAL_REASON } from './alarm-reason';
import { LimitExceeded } from './errors';
import type { CloudWatchModel, MetricAlarm } from './model';

/** CloudWatch's default quota of metric alarms per account and region. */
export const MAX_ALARMS = 5_000;

export function alarmArn(account: string, region: string, name: string): string {
  return `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`;
}

/**
 * Creates an alarm (state INSUFFICIENT_DATA, "Unchecked: Initial alarm creation") or replaces an existing
 * alarm's configuration keeping its state and, as AWS documents for PutMetricAlarm, its tags.
 */
export function putAlarm(model: CloudWatchModel, account: string, region: string, input: Record<string, unknown>): MetricAlarm {
  const { config, tags } = readAlarmConfig(input);
  const alarms = model.alarms.get(account, region);
  const existing = alarms.get(config.alarmName);
  if (!existing && alarms.size >= MAX_ALARMS)
    throw new LimitExceeded(`The maximum number of alarms (${MAX_ALARMS}) has been reached.`);
  const now = new Date();
  const alarm: MetricAlarm = existing
    ? { ...existing, definition: input, config, configUpdatedAt: now }
    : {
        name: config.alarmName,
        arn: alarmArn(account, region, config.alarmName),
        definition: input,
        config,
        stateValue: 'INSUFFICIENT_DATA',
        stateReason: INITIAL_REASON,
        stateUpdatedAt: now,
        stateTransitionedAt: now,
        configUpdatedAt: now,
        tags,
      };
  recordConfiguration(model, account, region, alarm, existing ? 'Update' : 'Create', existing);
  model.saveAlarm(account, region, alarm);
  return alarm;
}

/** Deletes alarms, recording a ConfigurationUpdate for each; absent names are the caller's to refuse. */
export function deleteAlarms(model: CloudWatchModel, account: string, region: string, names: string[]): void {
  const alarms = model.alarms.get(account, region);
  for (const name of names) {
    const alarm = alarms.get(name);
    if (!alarm) continue;
    model.deleteAlarm(account, region, name);
    recordConfiguration(model, account, region, alarm, 'Delete');
  }
}
