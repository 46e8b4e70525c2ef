import { isBreaching } from './breach';
import type { AlarmSummary, MetricPoint } from './types';

/** Time ranges the detail page offers (`?range=3h`); the alarm's period decides the points' spacing. */
export const TIME_RANGES = [
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '3h', label: '3 h', ms: 3 * 3_600_000 },
  { id: '12h', label: '12 h', ms: 12 * 3_600_000 },
  { id: '1d', label: '1 day', ms: 24 * 3_600_000 },
  { id: '3d', label: '3 days', ms: 3 * 24 * 3_600_000 },
] as const;
export type TimeRangeId = (typeof TIME_RANGES)[number]['id'];
export const DEFAULT_RANGE: TimeRangeId = '3h';

export function parseTimeRange(raw: string | string[] | undefined): (typeof TIME_RANGES)[number] {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return TIME_RANGES.find((r) => r.id === value) ?? TIME_RANGES.find((r) => r.id === DEFAULT_RANGE)!;
}

export interface ChartPoint extends MetricPoint {
  breaching: boolean;
}

/** The metric's points with whether each is over (or under) the alarm's threshold. */
export function markBreaches(alarm: Pick<AlarmSummary, 'comparison' | 'threshold'>, points: MetricPoint[]): ChartPoint[] {
  return points.map((p) => ({ ...p, breaching: isBreaching(alarm, p.value) }));
}
