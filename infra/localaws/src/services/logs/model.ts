/**
 * CloudWatch Logs' state: groups, streams, events and metric filters, per account and region. Other services
 * write logs through `putLogEvents` (Step Functions execution logs), never by touching the store directly.
 */
import { RegionalStore } from '../../state/regional-store';

export interface LogGroup {
  name: string;
  arn: string;
  kmsKeyId?: string;
  retentionInDays?: number;
  creationTime: Date;
  tags?: Record<string, string>;
}

export interface MetricFilter {
  name: string;
  logGroupName: string;
  filterPattern: string;
  /** as a template writes them (MetricName, Dimensions: [{Key, Value}]) or as the API does (metricName, dimensions: {}) */
  metricTransformations: unknown;
  creationTime?: number;
}

export interface ResourcePolicy {
  policyName: string;
  policyDocument: string;
  lastUpdatedTime: number;
  revisionId: string;
}

/** A vended-logs delivery (what Step Functions sets up for a state machine's logging configuration). */
export interface LogDelivery {
  logDeliveryId: string;
  resourceArn?: string;
  logGroupArn?: string;
  creationTime: number;
}

export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

export interface LogStream {
  name: string;
  creationTime: number;
  events: LogEvent[];
}

export class LogsModel {
  readonly groups = new RegionalStore(() => new Map<string, LogGroup>());
  readonly metricFilters = new RegionalStore(() => new Map<string, MetricFilter>());
  /** group name -> stream name -> stream */
  readonly streams = new RegionalStore(() => new Map<string, Map<string, LogStream>>());
  readonly resourcePolicies = new RegionalStore(() => new Map<string, ResourcePolicy>());
  readonly deliveries = new RegionalStore(() => new Map<string, LogDelivery>());
  private readonly listeners: Array<(account: string, region: string, groupName: string, events: LogEvent[]) => void> = [];

  /**
   * Appends events to a stream (created on first use, as the log-delivery path does) and tells listeners such as
   * the metric-filter engine. Returns false when the group does not exist.
   */
  putLogEvents(account: string, region: string, groupName: string, streamName: string, events: Array<{ timestamp: number; message: string }>): boolean {
    if (!this.groups.get(account, region).has(groupName)) return false;
    const byGroup = this.streams.get(account, region);
    let streams = byGroup.get(groupName);
    if (!streams) byGroup.set(groupName, (streams = new Map()));
    let stream = streams.get(streamName);
    if (!stream) streams.set(streamName, (stream = { name: streamName, creationTime: Date.now(), events: [] }));
    const ingestionTime = Date.now();
    const added = events.map((event) => ({ ...event, ingestionTime }));
    stream.events.push(...added);
    for (const listener of this.listeners) listener(account, region, groupName, added);
    return true;
  }

  onLogEvents(listener: (account: string, region: string, groupName: string, events: LogEvent[]) => void): void {
    this.listeners.push(listener);
  }
}
