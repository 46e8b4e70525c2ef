/**
 * Runs alarm evaluation: each alarm at every period boundary, and promptly when data for its metric arrives.
 * Periods are scaled by the alarm speed-up: at 60, a 60 s period is a 1 s window of real (wall-clock) time,
 * so metric timestamps stay real while alarms move in seconds.
 */
import type { SnsModel } from '../sns/model';
import { EXTRA_LOOKBACK_PERIODS, evaluateAlarm } from './alarm-evaluator';
import { transitionAlarm } from './alarm-history';
import type { ReasonPoint } from './alarm-reason';
import { metricKey, type CloudWatchModel, type MetricAlarm } from './model';
import { periodAggregates } from './period-cache';
import { statisticValue } from './statistics';

/** The timer never fires more often than this, whatever the speed-up. */
const MIN_TICK_MS = 20;

/** The alarm's statistic in each of its recent (scaled) periods, newest first. */
export function recentPeriods(
  model: CloudWatchModel,
  account: string,
  region: string,
  alarm: MetricAlarm,
  nowMs: number,
): ReasonPoint[] {
  const { config } = alarm;
  const windowMs = (config.period * 1000) / model.speedup;
  const newestIndex = Math.floor(nowMs / windowMs);
  const count = config.evaluationPeriods + EXTRA_LOOKBACK_PERIODS;
  const series = model.metrics.get(account, region).get(metricKey(config.namespace, config.metricName, config.dimensions));
  const periods = series ? periodAggregates(alarm, series, windowMs, config.unit, newestIndex - count + 1) : undefined;
  const stat = config.statistic ?? config.extendedStatistic ?? 'Average';
  return Array.from({ length: count }, (_, i) => {
    const agg = periods?.get(newestIndex - i);
    return {
      start: new Date((newestIndex - i) * windowMs),
      value: agg ? statisticValue(agg, stat) : undefined,
      sampleCount: agg?.sampleCount,
    };
  });
}

export class AlarmScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** account/region/alarm → the scaled period window it was last evaluated in by the timer */
  private readonly lastWindow = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private flushQueued = false;

  constructor(
    private readonly model: CloudWatchModel,
    private readonly sns?: SnsModel,
    private readonly log: (line: string) => void = () => {},
  ) {
    model.onMetricData((account, region, series) =>
      this.dataArrived(`${account}/${region}`, metricKey(series.namespace, series.metricName, series.dimensions)),
    );
    model.onAlarmSaved((account, region, alarm) => {
      this.evaluate(account, region, alarm, Date.now());
      this.reschedule();
    });
    model.onSpeedupChange(() => {
      this.lastWindow.clear();
      this.reschedule();
    });
  }

  start(): void {
    this.running = true;
    this.reschedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  setSpeedup(factor: number): void {
    this.model.setSpeedup(factor);
  }

  /** Evaluates every alarm of one account and region now (alarms held by SetAlarmState excepted). */
  evaluateNow(account: string, region: string): void {
    const now = Date.now();
    for (const alarm of [...this.model.alarms.get(account, region).values()]) this.evaluate(account, region, alarm, now);
  }

  private evaluate(account: string, region: string, alarm: MetricAlarm, nowMs: number): void {
    if (alarm.holdUntil !== undefined) {
      if (nowMs < alarm.holdUntil) return;
      alarm.holdUntil = undefined;
    }
    try {
      const result = evaluateAlarm(alarm.config, recentPeriods(this.model, account, region, alarm, nowMs), new Date(nowMs));
      if (result.state && result.state !== alarm.stateValue) {
        transitionAlarm(
          this.model,
          this.sns,
          account,
          region,
          alarm,
          { state: result.state, reason: result.reason, reasonData: result.reasonData },
          new Date(nowMs),
        );
      }
    } catch (error) {
      // One broken alarm must not stop the others (or the server).
      this.log(`localaws: evaluating alarm ${alarm.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Batches a PutMetricData's datums into one evaluation of the alarms on the metrics it touched. */
  private dataArrived(regionKey: string, seriesKey: string): void {
    this.dirty.add(`${regionKey}|${seriesKey}`);
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      const dirty = [...this.dirty];
      this.dirty.clear();
      const now = Date.now();
      for (const { account, region } of this.model.regionsWithAlarms()) {
        const prefix = `${account}/${region}|`;
        const keys = new Set(dirty.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
        if (keys.size === 0) continue;
        for (const alarm of [...this.model.alarms.get(account, region).values()]) {
          const { namespace, metricName, dimensions } = alarm.config;
          if (keys.has(metricKey(namespace, metricName, dimensions))) this.evaluate(account, region, alarm, now);
        }
      }
    });
  }

  private tick(): void {
    this.timer = undefined;
    const now = Date.now();
    for (const { account, region } of this.model.regionsWithAlarms()) {
      for (const alarm of [...this.model.alarms.get(account, region).values()]) {
        const key = `${account}/${region}/${alarm.name}`;
        const window = Math.floor(now / this.windowMs(alarm));
        if (!Number.isFinite(window)) continue;
        if (this.lastWindow.get(key) === window) continue;
        this.lastWindow.set(key, window);
        this.evaluate(account, region, alarm, now);
      }
    }
    this.reschedule();
  }

  private windowMs(alarm: MetricAlarm): number {
    // An alarm restored from state saved by an older localaws may lack a config: evaluate it never.
    if (!alarm.config) return Infinity;
    return (alarm.config.period * 1000) / this.model.speedup;
  }

  /** Sleeps until the earliest period boundary of any alarm. */
  private reschedule(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const now = Date.now();
    let next = Infinity;
    for (const { account, region } of this.model.regionsWithAlarms()) {
      for (const alarm of this.model.alarms.get(account, region).values()) {
        const w = this.windowMs(alarm);
        if (!Number.isFinite(w)) continue;
        next = Math.min(next, (Math.floor(now / w) + 1) * w, alarm.holdUntil ?? Infinity);
      }
    }
    if (next === Infinity) return;
    this.timer = setTimeout(() => this.tick(), Math.max(MIN_TICK_MS, next - now + 1));
    // The evaluator must not keep a closing process alive.
    this.timer.unref?.();
  }
}
