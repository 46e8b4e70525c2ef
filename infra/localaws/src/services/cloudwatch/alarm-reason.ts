/**
 * The texts and JSON CloudWatch writes into StateReason / StateReasonData, e.g.
 * "Threshold Crossed: 1 out of the last 1 datapoints [6.0 (25/09/22 18:49:00)] was greater than the threshold
 * (5.0) (minimum 1 datapoint for OK -> ALARM transition)."
 */
import type { AlarmConfig } from './model';

export const INITIAL_REASON = 'Unchecked: Initial alarm creation';

export interface ReasonPoint {
  start: Date;
  value?: number;
  sampleCount?: number;
}

const OPERATOR_TEXT: Record<string, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** Java's Double.toString, which CloudWatch's texts use: 6 → "6.0", 6.5 → "6.5". */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e7) return `${value}.0`;
  return String(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yy HH:mm:ss in UTC. */
export function formatReasonDate(date: Date): string {
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCFullYear() % 100)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The timestamp form of StateReasonData and history data: 2022-09-25T18:49:00.000+0000. */
export function formatDataDate(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const wasWere = (n: number) => (n === 1 ? 'was' : 'were');

function pointList(points: ReasonPoint[]): string {
  return `[${points.map((p) => `${formatNumber(p.value ?? 0)} (${formatReasonDate(p.start)})`).join(', ')}]`;
}

export function operatorText(comparisonOperator: string): string {
  return OPERATOR_TEXT[comparisonOperator] ?? comparisonOperator;
}

export interface ReasonFacts {
  config: AlarmConfig;
  /** real datapoints that decided the outcome (breaching ones for ALARM, the others for OK), newest first */
  shown: ReasonPoint[];
  /** missing datapoints filled by TreatMissingData that counted towards the outcome */
  filled: number;
}

function thresholdPart(config: AlarmConfig): string {
  return `the threshold (${formatNumber(config.threshold)})`;
}

function filledPart(filled: number, as: 'Breaching' | 'NonBreaching'): string {
  return filled > 0 ? ` and ${plural(filled, 'missing datapoint')} ${wasWere(filled)} treated as [${as}]` : '';
}

export function alarmReason({ config, shown, filled }: ReasonFacts): string {
  const n = config.evaluationPeriods;
  const m = config.datapointsToAlarm;
  const minimum = `(minimum ${plural(m, 'datapoint')} for OK -> ALARM transition)`;
  if (shown.length === 0)
    return `Threshold Crossed: no datapoints were received for ${plural(filled, 'period')} and ${plural(filled, 'missing datapoint')} ${wasWere(filled)} treated as [Breaching].`;
  return (
    `Threshold Crossed: ${shown.length} out of the last ${n} datapoints ${pointList(shown)} ${wasWere(shown.length)} ` +
    `${operatorText(config.comparisonOperator)} ${thresholdPart(config)}${filledPart(filled, 'Breaching')} ${minimum}.`
  );
}

export function okReason({ config, shown, filled }: ReasonFacts): string {
  const n = config.evaluationPeriods;
  const needed = n - config.datapointsToAlarm + 1;
  const minimum = `(minimum ${plural(needed, 'datapoint')} for ALARM -> OK transition)`;
  if (shown.length === 0)
    return `Threshold Crossed: no datapoints were received for ${plural(filled, 'period')} and ${plural(filled, 'missing datapoint')} ${wasWere(filled)} treated as [NonBreaching].`;
  return (
    `Threshold Crossed: ${shown.length} out of the last ${n} datapoints ${pointList(shown)} ${wasWere(shown.length)} ` +
    `not ${operatorText(config.comparisonOperator)} ${thresholdPart(config)}${filledPart(filled, 'NonBreaching')} ${minimum}.`
  );
}

export function insufficientDataReason(missing: number): string {
  return `Insufficient Data: ${plural(missing, 'datapoint')} ${wasWere(missing)} unknown.`;
}

/** StateReasonData as CloudWatch writes it for a threshold alarm. */
export function reasonData(config: AlarmConfig, evaluated: ReasonPoint[], queryDate: Date): string {
  const oldest = evaluated[evaluated.length - 1];
  const data: Record<string, unknown> = {
    version: '1.0',
    queryDate: formatDataDate(queryDate),
    ...(oldest ? { startDate: formatDataDate(oldest.start) } : {}),
    ...(config.unit ? { unit: config.unit } : {}),
    statistic: config.statistic ?? config.extendedStatistic,
    period: config.period,
    // recent datapoints read oldest first; evaluated datapoints newest first, as AWS lists them
    recentDatapoints: evaluated
      .filter((p) => p.value !== undefined)
      .map((p) => p.value)
      .reverse(),
    threshold: config.threshold,
    evaluatedDatapoints: evaluated.map((p) => ({
      timestamp: formatDataDate(p.start),
      ...(p.value !== undefined ? { sampleCount: p.sampleCount ?? 1, value: p.value } : {}),
    })),
  };
  return JSON.stringify(data);
}
