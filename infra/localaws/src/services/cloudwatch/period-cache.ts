/**
 * Each alarm's per-period aggregates of its metric, kept up to date as points arrive. Alarms are evaluated on
 * every datum of their metric; a metric filter on a busy log group sends one per log event, so recomputing the
 * periods from the points each time was quadratic (tens of thousands of points per evaluation under the soak).
 * Series only grow at the end (points are kept in time order) and lose their oldest: a cache resumes after the
 * last point it saw, and starts over when the series was reordered or the alarm's window changed.
 */
import type { MetricAlarm, MetricSeries } from './model';
import { addToAggregate, emptyAggregate, firstPointAtOrAfter, type Aggregate } from './statistics';

interface PeriodCache {
  series: MetricSeries;
  windowMs: number;
  unit: string | undefined;
  reordered: number;
  /** the oldest period index kept; periods are `floor(timestamp / windowMs)` */
  oldestIndex: number;
  /** how many of the series' points (counting dropped ones) have been added */
  seen: number;
  buckets: Map<number, Aggregate>;
}

const caches = new WeakMap<MetricAlarm, PeriodCache>();

/** The aggregates of periods `oldestIndex` and newer, by period index (only periods with data). */
export function periodAggregates(
  alarm: MetricAlarm,
  series: MetricSeries,
  windowMs: number,
  unit: string | undefined,
  oldestIndex: number,
): Map<number, Aggregate> {
  const dropped = series.dropped ?? 0;
  let cache = caches.get(alarm);
  const stale =
    !cache ||
    cache.series !== series ||
    cache.windowMs !== windowMs ||
    cache.unit !== unit ||
    cache.reordered !== (series.reordered ?? 0) ||
    cache.seen < dropped ||
    cache.seen - dropped > series.points.length ||
    oldestIndex < cache.oldestIndex;
  if (!cache || stale) {
    const first = firstPointAtOrAfter(series.points, oldestIndex * windowMs);
    cache = { series, windowMs, unit, reordered: series.reordered ?? 0, oldestIndex, seen: dropped + first, buckets: new Map() };
    caches.set(alarm, cache);
  }
  for (let i = cache.seen - dropped; i < series.points.length; i++) {
    const point = series.points[i]!;
    if (unit !== undefined && (point.unit ?? 'None') !== unit) continue;
    // Whole window indexes, not millisecond arithmetic: a scaled window need not be a whole number of ms.
    const index = Math.floor(point.timestamp.getTime() / windowMs);
    if (index < oldestIndex) continue;
    let agg = cache.buckets.get(index);
    if (!agg) cache.buckets.set(index, (agg = emptyAggregate()));
    addToAggregate(agg, point);
  }
  cache.seen = dropped + series.points.length;
  cache.oldestIndex = oldestIndex;
  for (const index of cache.buckets.keys()) if (index < oldestIndex) cache.buckets.delete(index);
  return cache.buckets;
}
