/**
 * Runs executions with aws-local-stepfunctions, asynchronously: `runExecution` returns at once and the execution
 * moves RUNNING → SUCCEEDED | FAILED | TIMED_OUT | ABORTED while its history, logs and metrics are recorded.
 * Task states are served by `sdk-task.ts` through the library's per-state local handlers.
 *
 * No definition can take the server down: every transition passes a hidden gate (`prepare-definition.ts`) that
 * yields the event loop once executions have had a time slice, a history reaching MAX_HISTORY_EVENTS fails the
 * execution as AWS does, and each state machine keeps only its newest FINISHED_EXECUTIONS_KEPT finished executions.
 */
import './with-resolvers-polyfill';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ExecutionTimeoutError, StateMachine as Engine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Clock } from '../../clock';
import type { ServiceModels } from '../models';
import { createExecutionLogWriter } from './execution-logs';
import {
  errorDetails,
  FAIL_PLACEHOLDER,
  HISTORY_FULL_CAUSE,
  HISTORY_FULL_ERROR,
  HistoryRecorder,
  type EngineEvent,
} from './history';
import type { StatesMetrics } from './metrics';
import type { Execution, ExecutionStatus, StateMachine } from './model';
import { prepareDefinition, type TaskInfo } from './prepare-definition';
import { callSdkTask, parseSdkResource, SdkTaskError } from './sdk-task';
import { countFromEnv } from '../../state/retention-env';

export interface RunnerDeps {
  models: ServiceModels;
  clock: Clock;
  metrics: StatesMetrics;
  /** localaws's own URL, for SDK tasks. */
  endpoint: () => string;
}

interface Scope {
  account: string;
  region: string;
}

/**
 * Finished executions kept per state machine (history and all), newest first: at most this many, and only as many
 * as fit in FINISHED_HISTORY_EVENTS_KEPT events (a looping machine's 25,000-event histories would otherwise keep
 * gigabytes). AWS keeps them 90 days; the demo driver starts one every 5 s forever.
 */
export const FINISHED_EXECUTIONS_KEPT = countFromEnv('LOCALAWS_EXECUTIONS_KEPT', 1_000);
export const FINISHED_HISTORY_EVENTS_KEPT = 250_000;
/** How long executions may run between two turns of the event loop (health checks answer within about this). */
const TIME_SLICE_MS = 5;

function finish(
  deps: RunnerDeps,
  scope: Scope,
  execution: Execution,
  status: ExecutionStatus,
  fields: Partial<Execution>,
): boolean {
  if (execution.status !== 'RUNNING') return false;
  Object.assign(execution, fields, { status, stopDate: deps.clock.now() });
  deps.models.sfn.running.delete(execution.executionArn);
  deps.metrics.recordFinished(
    scope.account,
    scope.region,
    execution.stateMachineArn,
    status,
    execution.startDate,
    execution.stopDate ?? execution.startDate,
  );
  dropOldFinished(deps, scope, execution.stateMachineArn);
  return true;
}

/** Drops one state machine's oldest finished executions beyond the limits above (the store is in start order). */
function dropOldFinished(deps: RunnerDeps, scope: Scope, stateMachineArn: string): void {
  const executions = deps.models.sfn.executions.get(scope.account, scope.region);
  const finished = [...executions.values()]
    .filter((e) => e.stateMachineArn === stateMachineArn && e.status !== 'RUNNING')
    .reverse();
  let events = 0;
  finished.forEach((execution, index) => {
    events += execution.history.length;
    // The newest is always kept, whatever its size.
    if (index === 0 || (index < FINISHED_EXECUTIONS_KEPT && events <= FINISHED_HISTORY_EVENTS_KEPT)) return;
    executions.delete(execution.executionArn);
    deps.models.sfn.finished.delete(execution.executionArn);
  });
}

/** Shared by every execution: the moment the event loop last had a turn because of a gate. */
let sliceStart = performance.now();

/** The hidden gates' handler: passes the input through, yielding first when executions have used their slice. */
async function gate(input: unknown): Promise<never> {
  if (performance.now() - sliceStart >= TIME_SLICE_MS) {
    await nextTurn();
    sliceStart = performance.now();
  }
  return input as never;
}

function taskHandler(deps: RunnerDeps, scope: Scope, execution: Execution, recorder: HistoryRecorder, task: TaskInfo) {
  return async (input: unknown): Promise<never> => {
    // Let the history consumer catch up with the engine's queued events (TaskStateEntered) before ours.
    await nextTurn();
    recorder.taskScheduled(task, input);
    try {
      const sdk = parseSdkResource(task.resource);
      if (!sdk)
        throw new SdkTaskError('States.TaskFailed', `localaws runs only aws-sdk integrations; ${task.resource} is not supported`);
      const output = await callSdkTask({ endpoint: deps.endpoint, ...scope }, sdk, input, task.roleArn, execution.name);
      recorder.taskSucceeded(task, output);
      // The library's handler type is JSONValue; SDK outputs are JSON-shaped after adaptOutput.
      return output as never;
    } catch (error) {
      const e = error instanceof SdkTaskError ? error : new SdkTaskError('States.TaskFailed', (error as Error).message);
      recorder.taskFailed(task, e.name, e.message);
      throw e;
    }
  };
}

/** Starts the engine for an execution already stored as RUNNING. */
export function runExecution(deps: RunnerDeps, scope: Scope, machine: StateMachine, execution: Execution): void {
  let markDone = () => {};
  const finished = new Promise<void>((resolve) => (markDone = resolve));
  deps.models.sfn.finished.set(execution.executionArn, finished);
  const prepared = prepareDefinition(machine.definition, deps.clock.speed);
  const writeLog = createExecutionLogWriter(deps.models.logs, machine, execution.executionArn, execution.startDate);
  const recorder = new HistoryRecorder(execution, deps.clock, prepared, scope.region, (event) => writeLog?.(event));
  recorder.roleArn = machine.roleArn;
  deps.metrics.recordStarted(scope.account, scope.region, machine.arn, execution.startDate);

  if (prepared.usesJsonata) {
    recorder.fromEngine({ type: 'ExecutionStarted', input: JSON.parse(execution.input) });
    const cause = 'localaws runs JSONPath definitions only (aws-local-stepfunctions 3 has no JSONata)';
    recorder.add('ExecutionFailed', 'executionFailedEventDetails', errorDetails('States.Runtime', cause));
    finish(deps, scope, execution, 'FAILED', { error: 'States.Runtime', cause });
    markDone();
    return;
  }

  const handlers = Object.fromEntries([
    ...[...prepared.tasks].map(([name, task]) => [name, taskHandler(deps, scope, execution, recorder, task)] as const),
    ...[...prepared.gates].map((name) => [name, gate] as const),
  ]);
  const engine = new Engine(prepared.definition as unknown as StateMachineDefinition, {
    validationOptions: { noValidate: true },
  });
  const run = engine.run(JSON.parse(execution.input), {
    overrides: { taskResourceLocalHandlers: handlers },
    noThrowOnAbort: true,
    context: {
      Execution: {
        Id: execution.executionArn,
        Name: execution.name,
        RoleArn: machine.roleArn,
        StartTime: execution.startDate.toISOString(),
      },
      StateMachine: { Id: machine.arn, Name: machine.name },
    },
  });
  const stop = (error?: string, cause?: string) => {
    // AWS shows ABORTED as soon as StopExecution answers; the engine is stopped behind it.
    recorder.add('ExecutionAborted', 'executionAbortedEventDetails', errorDetails(error, cause));
    finish(deps, scope, execution, 'ABORTED', { error, cause });
    run.abort();
  };
  deps.models.sfn.running.set(execution.executionArn, { stop });
  recorder.onHistoryFull = () => {
    recorder.add('ExecutionFailed', 'executionFailedEventDetails', errorDetails(HISTORY_FULL_ERROR, HISTORY_FULL_CAUSE));
    finish(deps, scope, execution, 'FAILED', { error: HISTORY_FULL_ERROR, cause: HISTORY_FULL_CAUSE });
    run.abort();
  };

  let failure: { error?: string; cause?: string } = {};
  const consume = (async () => {
    for await (const event of run.eventLogs) {
      const e = event as EngineEvent;
      if (e.type === 'ExecutionFailed') failure = { error: e.Error, cause: e.Cause };
      recorder.fromEngine(e);
    }
  })();
  void Promise.allSettled([run.result, consume]).then(([result]) => {
    if (result.status === 'fulfilled') {
      finish(deps, scope, execution, 'SUCCEEDED', { output: JSON.stringify(result.value) });
    } else if (result.reason instanceof ExecutionTimeoutError) {
      finish(deps, scope, execution, 'TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out.' });
    } else {
      const error = failure.error ?? 'States.Runtime';
      const cause = failure.cause ?? (result.reason as Error).message;
      finish(deps, scope, execution, 'FAILED', { error, cause: cause === FAIL_PLACEHOLDER ? undefined : cause });
    }
    markDone();
  });
}
