/**
 * Execution logs: each history event the level admits goes to the destination log group through the Logs model's
 * public `putLogEvents` (so metric filters see it), in stream `states/SM-NAME/YYYY-MM-DD-HH/8HEX`, as JSON with
 * string values: id, type, details, previous_event_id, event_timestamp (epoch ms), execution_arn, redrive_count.
 */
import { randomBytes } from 'node:crypto';
import type { LogsModel } from '../logs/model';
import { normalizeLogging, type HistoryEvent, type StateMachine } from './model';
import { parseLogGroupArn } from './logging-check';

/** FATAL: the execution's own failure events. */
const FATAL = new Set(['ExecutionAborted', 'ExecutionFailed', 'ExecutionTimedOut']);
/** ERROR adds every failure/abort/timeout of states, tasks, Map/Parallel and Lambda functions. */
const ERROR = new Set([
  ...FATAL,
  'FailStateEntered',
  'TaskFailed',
  'TaskStartFailed',
  'TaskSubmitFailed',
  'TaskTimedOut',
  'TaskStateAborted',
  'MapStateFailed',
  'MapStateAborted',
  'MapIterationFailed',
  'MapIterationAborted',
  'MapRunFailed',
  'MapRunAborted',
  'ParallelStateFailed',
  'ParallelStateAborted',
  'LambdaFunctionFailed',
  'LambdaFunctionStartFailed',
  'LambdaFunctionScheduleFailed',
  'LambdaFunctionTimedOut',
  'ActivityFailed',
  'ActivityScheduleFailed',
  'ActivityTimedOut',
]);

const DATA_FIELDS = new Set(['input', 'inputDetails', 'output', 'outputDetails', 'parameters']);

export function levelAdmits(level: string | undefined, type: string): boolean {
  if (level === 'ALL') return true;
  if (level === 'ERROR') return ERROR.has(type);
  if (level === 'FATAL') return FATAL.has(type);
  return false;
}

/** `states/NAME/2026-01-31-14/1a2b3c4d`: the hour (UTC) the execution started, a random shard. */
export function logStreamName(stateMachineName: string, started: Date): string {
  const hour = started.toISOString().slice(0, 13).replace('T', '-');
  return `states/${stateMachineName}/${hour}/${randomBytes(4).toString('hex')}`;
}

export function logMessage(event: HistoryEvent, executionArn: string, includeExecutionData: boolean): string {
  const detailsKey = Object.keys(event).find((key) => key.endsWith('EventDetails'));
  const raw = (detailsKey ? event[detailsKey] : {}) as Record<string, unknown>;
  const details = Object.fromEntries(Object.entries(raw).filter(([key]) => includeExecutionData || !DATA_FIELDS.has(key)));
  return JSON.stringify({
    id: String(event.id),
    type: event.type,
    details,
    previous_event_id: String(event.previousEventId),
    event_timestamp: String(event.timestamp.getTime()),
    execution_arn: executionArn,
    redrive_count: '0',
  });
}

/** A writer for one execution, or undefined when its state machine does not log. */
export function createExecutionLogWriter(
  logs: LogsModel,
  machine: StateMachine,
  executionArn: string,
  started: Date,
): ((event: HistoryEvent) => void) | undefined {
  const logging = normalizeLogging(machine.loggingConfiguration);
  const destination = parseLogGroupArn(logging?.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn ?? '');
  if (!logging || !destination || !logging.level || logging.level === 'OFF') return undefined;
  const stream = logStreamName(machine.name, started);
  return (event) => {
    if (!levelAdmits(logging.level, event.type)) return;
    // A deleted group drops the events, as log delivery does; the execution is not affected.
    logs.putLogEvents(destination.account, destination.region, destination.groupName, stream, [
      { timestamp: event.timestamp.getTime(), message: logMessage(event, executionArn, logging.includeExecutionData === true) },
    ]);
  };
}
