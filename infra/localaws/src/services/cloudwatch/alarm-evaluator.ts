/**
 * Pure alarm evaluation: given an alarm's configuration and the statistic of each recent period, decide the
 * state and the reason, as CloudWatch does:
 * - M of N: `DatapointsToAlarm` breaching points among the last `EvaluationPeriods` (not necessarily consecutive);
 * - the look-back reaches a little further than N periods; when it holds at least N real datapoints the newest N
 *   are evaluated and nothing is filled, otherwise the missing periods among the last N are filled according to
 *   TreatMissingData (`missing`: not counted, all missing → INSUFFICIENT_DATA; `notBreaching`; `breaching`;
 *   `ignore`: all missing keeps the current state).
 */
import { alarmReason, insufficientDataReason, okReason, reasonData, type ReasonPoint } from './alarm-reason';
import type { AlarmConfig, AlarmState } from './model';

/** How many periods beyond EvaluationPeriods the evaluator looks back for real datapoints. */
export const EXTRA_LOOKBACK_PERIODS = 2;

export interface Evaluation {
  /** undefined: keep the current state (TreatMissingData `ignore` with nothing to evaluate) */
  state?: AlarmState;
  reason: string;
  reasonData: string;
}

export function isBreaching(config: AlarmConfig, value: number): boolean {
  switch (config.comparisonOperator) {
    case 'GreaterThanThreshold':
      return value > config.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= config.threshold;
    case 'LessThanThreshold':
      return value < config.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= config.threshold;
    default:
      return false;
  }
}

/** `periods` newest first, at least EvaluationPeriods of them (missing periods without a value). */
export function evaluateAlarm(config: AlarmConfig, periods: ReasonPoint[], queryDate: Date): Evaluation {
  const n = config.evaluationPeriods;
  const m = config.datapointsToAlarm;
  const real = periods.filter((p) => p.value !== undefined);
  const evaluated = real.length >= n ? real.slice(0, n) : periods.slice(0, n);
  const realEvaluated = evaluated.filter((p) => p.value !== undefined);
  const missing = evaluated.length - realEvaluated.length;
  const breaching = realEvaluated.filter((p) => isBreaching(config, p.value as number));
  const notBreaching = realEvaluated.filter((p) => !isBreaching(config, p.value as number));
  const treat = config.treatMissingData;
  const data = reasonData(config, evaluated, queryDate);

  const filledBreaching = treat === 'breaching' ? missing : 0;
  if (breaching.length + filledBreaching >= m) {
    return { state: 'ALARM', reason: alarmReason({ config, shown: breaching, filled: filledBreaching }), reasonData: data };
  }
  if (realEvaluated.length === 0) {
    if (treat === 'missing') return { state: 'INSUFFICIENT_DATA', reason: insufficientDataReason(missing), reasonData: data };
    if (treat === 'ignore') return { reason: '', reasonData: data };
  }
  const filledNotBreaching = treat === 'notBreaching' ? missing : 0;
  return { state: 'OK', reason: okReason({ config, shown: notBreaching, filled: filledNotBreaching }), reasonData: data };
}
