/**
 * CloudWatch's state: metric data points and metric alarms, per account and region. Other services publish
 * metrics through `putMetricData` (metric filters, AWS/States), never by touching the store directly.
 */
import { RegionalStore } from '../../state/regional-store';

export interface MetricAlarm {
  name: string;
  arn: string;
  definition: Record<string, unknown>;
  stateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  stateReason: string;
  tags: Array<{ Key: string; Value: string }>;
}

export interface Dimension {
  name: string;
  value: string;
}

export interface MetricDatum {
  metricName: string;
  dimensions: Dimension[];
  timestamp: Date;
  value: number;
  unit?: string;
}

export interface MetricSeries {
  namespace: string;
  metricName: string;
  /** sorted by name, as CloudWatch identifies a metric by its full dimension set */
  dimensions: Dimension[];
  points: Array<{ timestamp: Date; value: number; unit?: string }>;
}

/** The identity of a metric: namespace, name and the exact set of dimensions. */
export function metricKey(namespace: string, metricName: string, dimensions: Dimension[]): string {
  const dims = [...dimensions].sort((a, b) => a.name.localeCompare(b.name)).map((d) => `${d.name}=${d.value}`);
  return [namespace, metricName, ...dims].join('|');
}

export class CloudWatchModel {
  readonly alarms = new RegionalStore(() => new Map<string, MetricAlarm>());
  readonly metrics = new RegionalStore(() => new Map<string, MetricSeries>());
  private readonly listeners: Array<(account: string, region: string, series: MetricSeries) => void> = [];

  putMetricData(account: string, region: string, namespace: string, data: MetricDatum[]): void {
    const store = this.metrics.get(account, region);
    for (const datum of data) {
      const dimensions = [...datum.dimensions].sort((a, b) => a.name.localeCompare(b.name));
      const key = metricKey(namespace, datum.metricName, dimensions);
      let series = store.get(key);
      if (!series) {
        series = { namespace, metricName: datum.metricName, dimensions, points: [] };
        store.set(key, series);
      }
      series.points.push({ timestamp: datum.timestamp, value: datum.value, unit: datum.unit });
      for (const listener of this.listeners) listener(account, region, series);
    }
  }

  /** Lets the alarm evaluator react to new data without other services knowing alarms exist. */
  onMetricData(listener: (account: string, region: string, series: MetricSeries) => void): void {
    this.listeners.push(listener);
  }
}
