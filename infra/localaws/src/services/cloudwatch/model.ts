/**
 * CloudWatch's state: metric data points, metric alarms and alarm history, per account and region. Other
 * services publish metrics through `putMetricData` (metric filters, AWS/States), never by touching the store
 * directly; the alarm evaluator learns about new data through `onMetricData`.
 */
import { RegionalStore, type StoreDeclaration } from '../../state/regional-store';
import { firstPointAtOrAfter } from './statistics';
import { countFromEnv } from '../../state/retention-env';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

export interface Dimension {
  name: string;
  value: string;
}

export interface StatisticSet {
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
}

export interface MetricDatum {
  metricName: string;
  dimensions: Dimension[];
  timestamp: Date;
  value: number;
  unit?: string;
  /** how many times `value` was observed (PutMetricData Values/Counts); 1 when absent */
  count?: number;
  /** a pre-aggregated datum (PutMetricData StatisticValues); `value` is then its average */
  stats?: StatisticSet;
}

export interface MetricPoint {
  timestamp: Date;
  value: number;
  unit?: string;
  count?: number;
  stats?: StatisticSet;
}

export interface MetricSeries {
  namespace: string;
  metricName: string;
  /** sorted by name, as CloudWatch identifies a metric by its full dimension set */
  dimensions: Dimension[];
  points: MetricPoint[];
  /** wall-clock time of the last PutMetricData, for ListMetrics RecentlyActive */
  updatedAt?: Date;
  /** points ever dropped from the front (retention): how an alarm's period cache knows where appends continue */
  dropped?: number;
  /** bumped when a point lands anywhere but the end (out of time order): the period caches start over */
  reordered?: number;
}

/** A metric alarm's configuration, normalised from PutMetricAlarm input or CloudFormation properties. */
export interface AlarmConfig {
  alarmName: string;
  alarmDescription?: string;
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
  statistic?: string;
  extendedStatistic?: string;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: string;
  treatMissingData: TreatMissingData;
  unit?: string;
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
}

export interface MetricAlarm {
  name: string;
  arn: string;
  /** the input the alarm was last put with (PutMetricAlarm input or CloudFormation properties) */
  definition: Record<string, unknown>;
  config: AlarmConfig;
  stateValue: AlarmState;
  stateReason: string;
  /** JSON text, as DescribeAlarms returns it */
  stateReasonData?: string;
  stateUpdatedAt: Date;
  stateTransitionedAt: Date;
  configUpdatedAt: Date;
  tags: Array<{ Key: string; Value: string }>;
  /** after SetAlarmState the evaluator leaves the state alone until this wall-clock ms, as AWS does */
  holdUntil?: number;
}

export type HistoryItemType = 'ConfigurationUpdate' | 'StateUpdate' | 'Action';

export interface AlarmHistoryItem {
  alarmName: string;
  alarmType: 'MetricAlarm';
  timestamp: Date;
  historyItemType: HistoryItemType;
  historySummary: string;
  historyData: string;
}

/** The identity of a metric: namespace, name and the exact set of dimensions. */
export function metricKey(namespace: string, metricName: string, dimensions: Dimension[]): string {
  const dims = [...dimensions].sort((a, b) => a.name.localeCompare(b.name)).map((d) => `${d.name}=${d.value}`);
  return [namespace, metricName, ...dims].join('|');
}

/** LOCALAWS_ALARM_SPEEDUP, when it holds a positive number. */
export function speedupFromEnv(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.LOCALAWS_ALARM_SPEEDUP);
  return Number.isFinite(value) && value > 0 ? value : 1;
}

/**
 * How long metric data points are kept: LOCALAWS_METRIC_RETENTION_DAYS, 15 days by default. CloudWatch keeps
 * 1-minute data 15 days, then 5-minute 63 days and 1-hour 15 months; localaws keeps raw points only (no
 * roll-ups), so it stops at the horizon of the finest resolution an alarm or a dashboard reads.
 */
export function metricRetentionMsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.LOCALAWS_METRIC_RETENTION_DAYS);
  return (Number.isFinite(days) && days > 0 ? days : 15) * 86_400_000;
}

/** Points kept per metric whatever their age (oldest dropped): a tight loop of PutMetricData must not grow forever. */
export const MAX_POINTS_PER_SERIES = countFromEnv('LOCALAWS_METRIC_POINTS_PER_SERIES', 100_000);

type MetricListener = (account: string, region: string, series: MetricSeries) => void;
type AlarmListener = (account: string, region: string, alarm: MetricAlarm) => void;

export class CloudWatchModel {
  readonly alarms = new RegionalStore(() => new Map<string, MetricAlarm>());
  readonly metrics = new RegionalStore(() => new Map<string, MetricSeries>());
  readonly history = new RegionalStore((): AlarmHistoryItem[] => []);
  /** One global partition: the alarm speed-up set through the API, so a restart keeps the demo's pace. */
  private readonly settings = new RegionalStore((): { alarmSpeedup?: number } => ({}));
  /** What persistence saves, as `cloudwatch.<name>`. */
  readonly stores = {
    alarms: this.alarms,
    metrics: this.metrics,
    history: this.history,
    settings: this.settings,
  } satisfies StoreDeclaration;
  private readonly listeners: MetricListener[] = [];
  private readonly alarmListeners: AlarmListener[] = [];
  private readonly speedupListeners: Array<(factor: number) => void> = [];
  private readonly speedupFromEnv = speedupFromEnv();

  constructor(private readonly metricRetentionMs = metricRetentionMsFromEnv()) {}

  putMetricData(account: string, region: string, namespace: string, data: MetricDatum[]): void {
    const store = this.metrics.get(account, region);
    const now = new Date();
    for (const datum of data) {
      const dimensions = [...datum.dimensions].sort((a, b) => a.name.localeCompare(b.name));
      const key = metricKey(namespace, datum.metricName, dimensions);
      let series = store.get(key);
      if (!series) {
        series = { namespace, metricName: datum.metricName, dimensions, points: [] };
        store.set(key, series);
      }
      insertByTime(series, {
        timestamp: datum.timestamp,
        value: datum.value,
        unit: datum.unit,
        count: datum.count,
        stats: datum.stats,
      });
      this.applyRetention(series, now.getTime());
      series.updatedAt = now;
      for (const listener of this.listeners) listener(account, region, series);
    }
  }

  /**
   * Drops points older than the retention horizon (by their timestamp) and the oldest beyond MAX_POINTS_PER_SERIES.
   * Points are kept in timestamp order, so a series with nothing expired costs one comparison.
   */
  private applyRetention(series: MetricSeries, nowMs: number): void {
    const cutoff = nowMs - this.metricRetentionMs;
    let drop = 0;
    if ((series.points[0]?.timestamp.getTime() ?? cutoff) < cutoff) drop = firstPointAtOrAfter(series.points, cutoff);
    drop = Math.max(drop, series.points.length - MAX_POINTS_PER_SERIES);
    if (drop <= 0) return;
    series.points.splice(0, drop);
    series.dropped = (series.dropped ?? 0) + drop;
  }

  /** Series saved before points were kept in timestamp order are sorted once after a restart. */
  settle(store: keyof CloudWatchModel['stores'], partition: unknown): number {
    if (store !== 'metrics') return 0;
    for (const series of (partition as Map<string, MetricSeries>).values())
      series.points.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    return 0;
  }

  /** Lets the alarm evaluator react to new data without other services knowing alarms exist. */
  onMetricData(listener: MetricListener): void {
    this.listeners.push(listener);
  }

  /** Stores (creates or replaces) an alarm; the evaluator hears about it to evaluate it promptly. */
  saveAlarm(account: string, region: string, alarm: MetricAlarm): void {
    this.alarms.get(account, region).set(alarm.name, alarm);
    for (const listener of this.alarmListeners) listener(account, region, alarm);
  }

  deleteAlarm(account: string, region: string, name: string): boolean {
    return this.alarms.get(account, region).delete(name);
  }

  onAlarmSaved(listener: AlarmListener): void {
    this.alarmListeners.push(listener);
  }

  /** Every account/region that holds alarms (including ones persistence restored), for the evaluator's timer. */
  regionsWithAlarms(): Array<{ account: string; region: string }> {
    return this.alarms
      .entries()
      .filter(([, alarms]) => alarms.size > 0)
      .map(([key]) => {
        const [account = '', region = ''] = key.split('/');
        return { account, region };
      });
  }

  addHistory(account: string, region: string, item: AlarmHistoryItem): void {
    const items = this.history.get(account, region);
    items.push(item);
    // AWS keeps two weeks of history; a local emulator bounds it by count instead.
    if (items.length > 10_000) items.splice(0, items.length - 10_000);
  }

  /** How much faster than real time alarm periods pass: 60 evaluates a 60 s period over 1 s of real time. */
  get speedup(): number {
    // Read without `get`: the evaluator asks on every tick, which must not make the store look changed.
    const saved = this.settings.entries()[0]?.[1].alarmSpeedup;
    return saved ?? this.speedupFromEnv;
  }

  setSpeedup(factor: number): void {
    if (!Number.isFinite(factor) || factor <= 0) throw new RangeError(`alarm speed-up must be a positive number, got ${factor}`);
    this.settings.get('global', 'global').alarmSpeedup = factor;
    for (const listener of this.speedupListeners) listener(factor);
  }

  onSpeedupChange(listener: (factor: number) => void): void {
    this.speedupListeners.push(listener);
  }
}

/** Inserts a point in timestamp order: at the end in practice (data arrives as it happens), else by binary search. */
function insertByTime(series: MetricSeries, point: MetricPoint): void {
  const { points } = series;
  const last = points.at(-1);
  if (!last || last.timestamp.getTime() <= point.timestamp.getTime()) return void points.push(point);
  points.splice(firstPointAtOrAfter(points, point.timestamp.getTime() + 1), 0, point);
  series.reordered = (series.reordered ?? 0) + 1;
}
