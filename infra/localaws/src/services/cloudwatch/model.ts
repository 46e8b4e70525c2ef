/** CloudWatch metric alarms provisioned so far. */
import { RegionalStore } from '../../state/regional-store';

export interface MetricAlarm {
  name: string;
  arn: string;
  definition: Record<string, unknown>;
  stateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  stateReason: string;
  tags: Array<{ Key: string; Value: string }>;
}

export class CloudWatchModel {
  readonly alarms = new RegionalStore(() => new Map<string, MetricAlarm>());
}
