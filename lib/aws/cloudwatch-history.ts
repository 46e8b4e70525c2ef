import { CloudWatchClient, DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch';
import { AwsCallError, lazyClient } from './client-config';

const cloudwatch = lazyClient((config) => new CloudWatchClient(config));

/** One state change of an alarm (DescribeAlarmHistory, StateUpdate). */
export interface AlarmTransition {
  alarmName: string;
  at: string;
  /** e.g. "Alarm updated from OK to ALARM" */
  summary: string;
  from?: string;
  to?: string;
  /** the reason CloudWatch gave for the new state */
  reason?: string;
}

/**
 * The newest state changes of each named alarm (one DescribeAlarmHistory call per alarm: the API takes one name;
 * a stack has a handful). `perAlarm` bounds each, newest first.
 */
export async function listAlarmTransitions(alarmNames: string[], perAlarm = 100): Promise<AlarmTransition[]> {
  const lists = await Promise.all(
    alarmNames.map(async (AlarmName) => {
      try {
        const out = await cloudwatch().send(
          new DescribeAlarmHistoryCommand({
            AlarmName,
            HistoryItemType: 'StateUpdate',
            ScanBy: 'TimestampDescending',
            MaxRecords: Math.min(perAlarm, 100),
          }),
        );
        return (out.AlarmHistoryItems ?? []).map((item) => reshape(AlarmName, item));
      } catch (error) {
        throw AwsCallError.from('DescribeAlarmHistory', error);
      }
    }),
  );
  return lists.flat();
}

function reshape(
  alarmName: string,
  item: { AlarmName?: string; Timestamp?: Date; HistorySummary?: string; HistoryData?: string },
): AlarmTransition {
  const transition: AlarmTransition = {
    alarmName: item.AlarmName ?? alarmName,
    at: (item.Timestamp ?? new Date(0)).toISOString(),
    summary: item.HistorySummary ?? '',
  };
  try {
    const data = JSON.parse(item.HistoryData ?? '') as {
      oldState?: { stateValue?: string };
      newState?: { stateValue?: string; stateReason?: string };
    };
    transition.from = data.oldState?.stateValue;
    transition.to = data.newState?.stateValue;
    transition.reason = data.newState?.stateReason;
  } catch {
    // HistoryData is documented JSON; without it the summary still says what happened.
  }
  return transition;
}
