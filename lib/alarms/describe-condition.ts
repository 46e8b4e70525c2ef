import type { AlarmSummary } from './types';

const OPERATORS: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside band',
  LessThanLowerThreshold: '< lower',
  GreaterThanUpperThreshold: '> upper',
};

/** "Sum of Errors > 1 for 1 of 1 × 5 min": the alarm's rule in the words on-call thinks in. */
export function describeCondition(alarm: AlarmSummary): string {
  const metric = alarm.metricName ?? 'metric';
  const stat = alarm.statistic ?? 'value';
  const op = alarm.comparison ? (OPERATORS[alarm.comparison] ?? alarm.comparison) : '?';
  const n = alarm.evaluationPeriods ?? 1;
  const m = alarm.datapointsToAlarm ?? n;
  return `${stat} of ${metric} ${op} ${alarm.threshold ?? '?'} for ${m} of ${n} × ${formatPeriod(alarm.periodSeconds)}`;
}

export function formatPeriod(seconds: number | undefined): string {
  if (!seconds) return '?';
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** Alarms in ALARM first, then no-data, then OK; by name within each, so the list does not jump around. */
export function sortForTriage(alarms: AlarmSummary[]): AlarmSummary[] {
  const rank = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 } as const;
  return [...alarms].sort((a, b) => rank[a.state] - rank[b.state] || a.name.localeCompare(b.name));
}
