/** Statistics over stored metric points: the arithmetic GetMetricStatistics, GetMetricData and alarms share. */
import type { MetricPoint, MetricSeries } from './model';

export const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
export type Statistic = (typeof STATISTICS)[number];

/** pNN or pNN.NN with 0 ≤ NN ≤ 100 — the percentile form of ExtendedStatistic. */
const PERCENTILE = /^p(\d{1,2}(\.\d{1,10})?|100(\.0{1,10})?)$/;

export function isStatistic(name: string): name is Statistic {
  return (STATISTICS as readonly string[]).includes(name);
}

export function isExtendedStatistic(name: string): boolean {
  return PERCENTILE.test(name);
}

export interface Aggregate {
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
  /** observed values with their weights, for percentiles */
  weighted: Array<{ value: number; weight: number }>;
}

export function emptyAggregate(): Aggregate {
  return { sampleCount: 0, sum: 0, minimum: Infinity, maximum: -Infinity, weighted: [] };
}

/** Adds one point to an aggregate in place (alarms keep per-period aggregates and add points as they arrive). */
export function addToAggregate(out: Aggregate, point: MetricPoint): void {
  if (point.stats) {
    out.sampleCount += point.stats.sampleCount;
    out.sum += point.stats.sum;
    out.minimum = Math.min(out.minimum, point.stats.minimum);
    out.maximum = Math.max(out.maximum, point.stats.maximum);
    // A statistic set has no distribution; its average stands in for its samples in percentiles.
    out.weighted.push({ value: point.value, weight: point.stats.sampleCount });
  } else {
    const count = point.count ?? 1;
    out.sampleCount += count;
    out.sum += point.value * count;
    out.minimum = Math.min(out.minimum, point.value);
    out.maximum = Math.max(out.maximum, point.value);
    out.weighted.push({ value: point.value, weight: count });
  }
}

export function aggregate(points: MetricPoint[]): Aggregate | undefined {
  if (points.length === 0) return undefined;
  const out = emptyAggregate();
  for (const point of points) addToAggregate(out, point);
  return out;
}

/** Nearest-rank percentile over weighted values. */
function percentile(agg: Aggregate, p: number): number {
  const sorted = [...agg.weighted].filter((w) => w.weight > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((n, w) => n + w.weight, 0);
  if (total === 0) return agg.minimum;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const w of sorted) {
    seen += w.weight;
    if (seen >= rank) return w.value;
  }
  return agg.maximum;
}

/** One statistic (Average, Sum, …, or pNN) of an aggregate; undefined for a name that is neither. */
export function statisticValue(agg: Aggregate, stat: string): number | undefined {
  switch (stat) {
    case 'SampleCount':
      return agg.sampleCount;
    case 'Sum':
      return agg.sum;
    case 'Minimum':
      return agg.minimum;
    case 'Maximum':
      return agg.maximum;
    case 'Average':
      return agg.sampleCount === 0 ? 0 : agg.sum / agg.sampleCount;
    default:
      return isExtendedStatistic(stat) ? percentile(agg, Number(stat.slice(1))) : undefined;
  }
}

/** The index of the first point at or after `ms` in points sorted by timestamp (the model keeps them so). */
export function firstPointAtOrAfter(points: readonly MetricPoint[], ms: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.timestamp.getTime() < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Points of a series within [startMs, endMs), optionally of one unit. Binary-searched: an alarm evaluated on every
 * datum reads a few periods of a series that may hold 100,000 points, and must not walk all of them each time.
 */
export function pointsBetween(series: MetricSeries, startMs: number, endMs: number, unit?: string): MetricPoint[] {
  const out: MetricPoint[] = [];
  const { points } = series;
  for (let i = firstPointAtOrAfter(points, startMs); i < points.length; i++) {
    const point = points[i]!;
    if (point.timestamp.getTime() >= endMs) break;
    if (unit === undefined || (point.unit ?? 'None') === unit) out.push(point);
  }
  return out;
}

export interface PeriodBucket {
  start: Date;
  points: MetricPoint[];
}

/**
 * Groups points into periods aligned to multiples of the period since the epoch (as CloudWatch aligns
 * minute and hour periods), keeping only non-empty periods, oldest first.
 */
export function bucketByPeriod(points: MetricPoint[], periodMs: number): PeriodBucket[] {
  const buckets = new Map<number, MetricPoint[]>();
  for (const point of points) {
    const start = Math.floor(point.timestamp.getTime() / periodMs) * periodMs;
    const list = buckets.get(start);
    if (list) list.push(point);
    else buckets.set(start, [point]);
  }
  return [...buckets.entries()].sort(([a], [b]) => a - b).map(([start, list]) => ({ start: new Date(start), points: list }));
}

/** The metric's own unit in a period, as GetMetricStatistics reports it. */
export function unitOf(points: MetricPoint[]): string {
  return points.find((p) => p.unit)?.unit ?? 'None';
}
