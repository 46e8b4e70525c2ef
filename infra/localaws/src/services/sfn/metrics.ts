/** AWS/States metrics (dimension StateMachineArn) published through the CloudWatch model's `putMetricData`. */
import type { CloudWatchModel } from '../cloudwatch/model';
import type { ExecutionStatus } from './model';

export const STATES_NAMESPACE = 'AWS/States';

const TERMINAL_METRIC: Record<Exclude<ExecutionStatus, 'RUNNING'>, string> = {
  SUCCEEDED: 'ExecutionsSucceeded',
  FAILED: 'ExecutionsFailed',
  ABORTED: 'ExecutionsAborted',
  TIMED_OUT: 'ExecutionsTimedOut',
};

export class StatesMetrics {
  constructor(private readonly cloudwatch: CloudWatchModel) {}

  private put(
    account: string,
    region: string,
    stateMachineArn: string,
    metricName: string,
    value: number,
    unit: string,
    timestamp: Date,
  ): void {
    this.cloudwatch.putMetricData(account, region, STATES_NAMESPACE, [
      { metricName, dimensions: [{ name: 'StateMachineArn', value: stateMachineArn }], timestamp, value, unit },
    ]);
  }

  recordStarted(account: string, region: string, stateMachineArn: string, at: Date): void {
    this.put(account, region, stateMachineArn, 'ExecutionsStarted', 1, 'Count', at);
  }

  /** The terminal count plus ExecutionTime (ms, wall-clock: localaws dates are real time, only sleeps are scaled). */
  recordFinished(
    account: string,
    region: string,
    stateMachineArn: string,
    status: ExecutionStatus,
    start: Date,
    stop: Date,
  ): void {
    if (status === 'RUNNING') return;
    this.put(account, region, stateMachineArn, TERMINAL_METRIC[status], 1, 'Count', stop);
    this.put(account, region, stateMachineArn, 'ExecutionTime', stop.getTime() - start.getTime(), 'Milliseconds', stop);
  }

  /** For the fault-injection feature: a StartExecution it throttled counts as AWS counts it. */
  recordThrottledStart(account: string, region: string, stateMachineArn: string, at = new Date()): void {
    this.put(account, region, stateMachineArn, 'ExecutionThrottled', 1, 'Count', at);
  }
}
