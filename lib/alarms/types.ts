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
