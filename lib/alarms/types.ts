/** tapdeck's view of a CloudWatch metric alarm: what on-call needs to judge it at a glance. */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmSummary {
  name: string;
  arn: string;
  state: AlarmState;
  stateReason: string;
  stateUpdatedAt: string;
  namespace?: string;
  metricName?: string;
  dimensions: Array<{ name: string; value: string }>;
  statistic?: string;
  periodSeconds?: number;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  threshold?: number;
  comparison?: string;
  treatMissingData?: string;
  actionsEnabled: boolean;
}

/** One period of an alarm's metric at the alarm's statistic. */
export interface MetricPoint {
  /** start of the period, ISO time */
  at: string;
  value: number;
}

/** One DescribeAlarmHistory item: `type` is ConfigurationUpdate, StateUpdate or Action; `data` is CloudWatch's JSON. */
export interface AlarmHistoryItem {
  at: string;
  type: string;
  summary: string;
  data?: string;
}
