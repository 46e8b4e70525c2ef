/** CloudWatch Logs groups and metric filters provisioned so far. */
import { RegionalStore } from '../../state/regional-store';

export interface LogGroup {
  name: string;
  arn: string;
  kmsKeyId?: string;
  retentionInDays?: number;
  creationTime: Date;
}

export interface MetricFilter {
  name: string;
  logGroupName: string;
  filterPattern: string;
  metricTransformations: unknown;
}

export class LogsModel {
  readonly groups = new RegionalStore(() => new Map<string, LogGroup>());
  readonly metricFilters = new RegionalStore(() => new Map<string, MetricFilter>());
}
