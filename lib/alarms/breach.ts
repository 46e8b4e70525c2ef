import type { AlarmSummary } from './types';

/**
 * Whether one period's value breaches the alarm's threshold. Band and anomaly-detection comparisons have no
 * single threshold: they count as not breaching here (the chart then marks nothing rather than guessing).
 */
export function isBreaching(alarm: Pick<AlarmSummary, 'comparison' | 'threshold'>, value: number): boolean {
  const t = alarm.threshold;
  if (t === undefined) return false;
  switch (alarm.comparison) {
    case 'GreaterThanThreshold':
      return value > t;
    case 'GreaterThanOrEqualToThreshold':
      return value >= t;
    case 'LessThanThreshold':
      return value < t;
    case 'LessThanOrEqualToThreshold':
      return value <= t;
    default:
      return false;
  }
}
