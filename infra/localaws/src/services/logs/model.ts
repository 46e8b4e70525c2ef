/**
 * CloudWatch Logs' state: groups, streams, events and metric filters, per account and region. Other services
 * write logs through `putLogEvents` (Step Functions execution logs), never by touching the store directly.
 */
import { RegionalStore, type StoreDeclaration } from '../../state/regional-store';
import { countFromEnv } from '../../state/retention-env';

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

/**
 * Events kept per log group across its streams, oldest dropped first. AWS keeps events until the group's
 * retentionInDays (forever without one); an emulator holding everything in memory and in its saved state has to
 * stop somewhere.
 */
export const MAX_EVENTS_PER_GROUP = countFromEnv('LOCALAWS_LOG_EVENTS_PER_GROUP', 100_000);
const DAY_MS = 86_400_000;
const RETENTION_SWEEP_MS = 60_000;

function countEvents(streams: Map<string, LogStream>): number {
  let n = 0;
  for (const stream of streams.values()) n += stream.events.length;
  return n;
}

export class LogsModel {
  readonly groups = new RegionalStore(() => new Map<string, LogGroup>());
  readonly metricFilters = new RegionalStore(() => new Map<string, MetricFilter>());
  /** group name -> stream name -> stream */
  readonly streams = new RegionalStore(() => new Map<string, Map<string, LogStream>>());
  readonly resourcePolicies = new RegionalStore(() => new Map<string, ResourcePolicy>());
  readonly deliveries = new RegionalStore(() => new Map<string, LogDelivery>());
  /** What persistence saves, as `logs.<name>`. */
  readonly stores = {
    groups: this.groups,
    metricFilters: this.metricFilters,
    streams: this.streams,
    resourcePolicies: this.resourcePolicies,
    deliveries: this.deliveries,
  } satisfies StoreDeclaration;
  /** Per group's stream map: its running event count and when every stream was last checked for expiry. */
  private readonly retention = new WeakMap<Map<string, LogStream>, { count: number; sweptAt: number }>();
  private readonly listeners: Array<(account: string, region: string, groupName: string, events: LogEvent[]) => void> = [];

  /**
   * Appends events to a stream (created on first use, as the log-delivery path does) and tells listeners such as
   * the metric-filter engine. Returns false when the group does not exist.
   */
  putLogEvents(
    account: string,
    region: string,
    groupName: string,
    streamName: string,
    events: Array<{ timestamp: number; message: string }>,
  ): boolean {
    if (!this.groups.get(account, region).has(groupName)) return false;
    const byGroup = this.streams.get(account, region);
    let streams = byGroup.get(groupName);
    if (!streams) byGroup.set(groupName, (streams = new Map()));
    let stream = streams.get(streamName);
    if (!stream) streams.set(streamName, (stream = { name: streamName, creationTime: Date.now(), events: [] }));
    const ingestionTime = Date.now();
    const added = events.map((event) => ({ ...event, ingestionTime }));
    stream.events.push(...added);
    this.applyRetention(this.groups.get(account, region).get(groupName)!, streams, ingestionTime, stream, added.length);
    for (const listener of this.listeners) listener(account, region, groupName, added);
    return true;
  }

  /**
   * Drops events older than the group's retentionInDays (by event time, as AWS does), then the oldest beyond
   * MAX_EVENTS_PER_GROUP. Checked when events arrive, at a cost that does not grow with the group: the stream just
   * written is checked for expiry every time, the others once a minute (AWS too deletes expired events lazily), and
   * the group's event count is kept as a running total, recounted only when it says the cap is exceeded (a stream
   * deleted since makes it high, never low). Step Functions writes one stream per execution, so a group can hold
   * thousands.
   */
  applyRetention(group: LogGroup, streams: Map<string, LogStream>, now: number, written?: LogStream, added = 0): void {
    let bookkeeping = this.retention.get(streams);
    if (bookkeeping) bookkeeping.count += added;
    else this.retention.set(streams, (bookkeeping = { count: countEvents(streams), sweptAt: now }));
    if (group.retentionInDays) {
      const cutoff = now - group.retentionInDays * DAY_MS;
      const sweepAll = !written || now - bookkeeping.sweptAt >= RETENTION_SWEEP_MS;
      if (sweepAll) bookkeeping.sweptAt = now;
      for (const stream of sweepAll ? streams.values() : [written]) {
        if ((stream.events[0]?.timestamp ?? cutoff) >= cutoff) continue;
        const kept = stream.events.filter((e) => e.timestamp >= cutoff);
        bookkeeping.count -= stream.events.length - kept.length;
        stream.events = kept;
      }
    }
    if (bookkeeping.count <= MAX_EVENTS_PER_GROUP) return;
    bookkeeping.count = countEvents(streams);
    let excess = bookkeeping.count - MAX_EVENTS_PER_GROUP;
    while (excess > 0) {
      const oldest = [...streams.values()]
        .filter((s) => s.events.length > 0)
        .sort((a, b) => a.events[0]!.timestamp - b.events[0]!.timestamp)[0]!;
      // Up to the next stream's first event, so events leave in time order across streams.
      const next = [...streams.values()].filter((s) => s !== oldest && s.events.length > 0).map((s) => s.events[0]!.timestamp);
      const bound = next.length ? Math.min(...next) : Infinity;
      let n = 0;
      while (n < excess && n < oldest.events.length && (n === 0 || oldest.events[n]!.timestamp <= bound)) n += 1;
      oldest.events.splice(0, n);
      excess -= n;
      bookkeeping.count -= n;
    }
  }

  onLogEvents(listener: (account: string, region: string, groupName: string, events: LogEvent[]) => void): void {
    this.listeners.push(listener);
  }
}
