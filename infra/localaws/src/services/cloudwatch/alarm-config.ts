/**
 * Reads and validates a metric alarm definition: PutMetricAlarm input or AWS::CloudWatch::Alarm properties
 * (the same member names; CloudFormation may hand numbers over as strings). Both paths share it so the API and
 * CloudFormation refuse the same alarms with the same errors.
 */
import { CloudWatchValidationError, InvalidParameterCombination, InvalidParameterValue, MissingParameter } from './errors';
import type { AlarmConfig, Dimension, TreatMissingData } from './model';
import { isExtendedStatistic, isStatistic, STATISTICS } from './statistics';
import { validateTags, type Tag } from './tags';

export const COMPARISON_OPERATORS = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
];
const TREAT_MISSING: TreatMissingData[] = ['missing', 'notBreaching', 'breaching', 'ignore'];
const MAX_ACTIONS = 5;

type Input = Record<string, unknown>;

function str(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') throw new InvalidParameterValue(`The parameter ${name} must be a string.`);
  return String(value);
}

function num(input: Input, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(parsed))
    throw new InvalidParameterValue(`The parameter ${name} must be a number, got '${String(value)}'.`);
  return parsed;
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new MissingParameter(`The parameter ${name} is required.`);
  return value;
}

function strings(input: Input, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InvalidParameterValue(`The parameter ${name} must be a list.`);
  const list = value.map(String);
  if (list.length > MAX_ACTIONS) {
    throw new CloudWatchValidationError(
      `1 validation error detected: Value '[${list.join(', ')}]' at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ACTIONS}`,
    );
  }
  return list;
}

function booleanValue(input: Input, name: string, fallback: boolean): boolean {
  const value = input[name];
  if (value === undefined || value === null) return fallback;
  return value === true || value === 'true';
}

/** `[{Name, Value}]` from the SDK or CloudFormation; at most 30, as PutMetricData allows. */
export function readDimensions(value: unknown, where = 'Dimensions'): Dimension[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InvalidParameterValue(`The parameter ${where} must be a list.`);
  if (value.length > 30) throw new InvalidParameterValue(`The collection ${where} must not have a size greater than 30.`);
  return value.map((raw: unknown, i) => {
    const d = (raw ?? {}) as { Name?: unknown; Value?: unknown };
    if (d.Name === undefined || d.Name === '')
      throw new MissingParameter(`The parameter ${where}.member.${i + 1}.Name is required.`);
    if (d.Value === undefined) throw new MissingParameter(`The parameter ${where}.member.${i + 1}.Value is required.`);
    return { name: String(d.Name), value: String(d.Value) };
  });
}

export function readTags(value: unknown): Tag[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw: unknown) => {
    const t = (raw ?? {}) as { Key?: unknown; Value?: unknown };
    return { Key: String(t.Key ?? ''), Value: String(t.Value ?? '') };
  });
}

function checkPeriod(period: number): void {
  if (!(period === 10 || period === 20 || period === 30 || (period >= 60 && period % 60 === 0))) {
    throw new InvalidParameterValue('The parameter Period must be 10, 20, 30 or a multiple of 60.');
  }
}

/** Validates tags first (the seed failure must name the tag constraint however incomplete the rest is). */
export function readAlarmConfig(input: Input): { config: AlarmConfig; tags: Tag[] } {
  const tags = readTags(input.Tags);
  validateTags(tags);
  const alarmName = required(str(input, 'AlarmName'), 'AlarmName');
  if (alarmName.length < 1 || alarmName.length > 255) {
    throw new CloudWatchValidationError(
      `1 validation error detected: Value '${alarmName}' at 'alarmName' failed to satisfy constraint: Member must have length less than or equal to 255`,
    );
  }
  if (Array.isArray(input.Metrics) && input.Metrics.length > 0) {
    throw new InvalidParameterValue(
      'localaws supports alarms on one metric (Namespace, MetricName, Statistic); Metrics (metric math) alarms are not supported.',
    );
  }
  const statistic = str(input, 'Statistic');
  const extendedStatistic = str(input, 'ExtendedStatistic');
  if (statistic !== undefined && extendedStatistic !== undefined)
    throw new InvalidParameterCombination('Exactly one of Statistic or ExtendedStatistic must be specified, not both.');
  if (statistic === undefined && extendedStatistic === undefined)
    throw new MissingParameter('One of the parameters Statistic or ExtendedStatistic must be specified.');
  if (statistic !== undefined && !isStatistic(statistic))
    throw new InvalidParameterValue(`The parameter Statistic must be a value in the set [ ${STATISTICS.join(', ')} ].`);
  if (extendedStatistic !== undefined && !isExtendedStatistic(extendedStatistic))
    throw new InvalidParameterValue(`The value ${extendedStatistic} for parameter ExtendedStatistic is not supported.`);
  const period = required(num(input, 'Period'), 'Period');
  checkPeriod(period);
  const evaluationPeriods = required(num(input, 'EvaluationPeriods'), 'EvaluationPeriods');
  if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1)
    throw new InvalidParameterValue('The parameter EvaluationPeriods must be greater than or equal to 1.');
  if (period * evaluationPeriods > 7 * 86_400)
    throw new InvalidParameterValue('The evaluation period (Period × EvaluationPeriods) cannot exceed 7 days.');
  const datapointsToAlarm = num(input, 'DatapointsToAlarm') ?? evaluationPeriods;
  if (!Number.isInteger(datapointsToAlarm) || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
    throw new InvalidParameterValue('DatapointsToAlarm must be between 1 and EvaluationPeriods.');
  }
  const comparisonOperator = required(str(input, 'ComparisonOperator'), 'ComparisonOperator');
  if (!COMPARISON_OPERATORS.includes(comparisonOperator)) {
    throw new InvalidParameterValue(
      `The parameter ComparisonOperator must be a value in the set [ ${COMPARISON_OPERATORS.join(', ')} ] (anomaly detection bands are not supported).`,
    );
  }
  const treat = str(input, 'TreatMissingData') ?? 'missing';
  if (!(TREAT_MISSING as string[]).includes(treat))
    throw new InvalidParameterValue(`The parameter TreatMissingData must be one of: ${TREAT_MISSING.join(', ')}.`);
  const config: AlarmConfig = {
    alarmName,
    alarmDescription: str(input, 'AlarmDescription'),
    namespace: required(str(input, 'Namespace'), 'Namespace'),
    metricName: required(str(input, 'MetricName'), 'MetricName'),
    dimensions: readDimensions(input.Dimensions),
    statistic,
    extendedStatistic,
    period,
    evaluationPeriods,
    datapointsToAlarm,
    threshold: required(num(input, 'Threshold'), 'Threshold'),
    comparisonOperator,
    treatMissingData: treat as TreatMissingData,
    unit: str(input, 'Unit'),
    actionsEnabled: booleanValue(input, 'ActionsEnabled', true),
    alarmActions: strings(input, 'AlarmActions'),
    okActions: strings(input, 'OKActions'),
    insufficientDataActions: strings(input, 'InsufficientDataActions'),
  };
  return { config, tags };
}
