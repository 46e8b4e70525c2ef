/**
 * Runs executions with aws-local-stepfunctions, asynchronously: `runExecution` returns at once and the execution
 * moves RUNNING → SUCCEEDED | FAILED | TIMED_OUT | ABORTED while its history, logs and metrics are recorded.
 * Task states are served by `sdk-task.ts` through the library's per-state local handlers.
 */
import './with-resolvers-polyfill';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ExecutionTimeoutError, StateMachine as Engine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Clock } from '../../clock';
import type { ServiceModels } from '../models';
import { createExecutionLogWriter } from './execution-logs';
import { errorDetails, FAIL_PLACEHOLDER, HistoryRecorder, type EngineEvent } from './history';
import type { StatesMetrics } from './metrics';
import type { Execution, ExecutionStatus, StateMachine } from './model';
import { prepareDefinition, type TaskInfo } from './prepare-definition';
import { callSdkTask, parseSdkResource, SdkTaskError } from './sdk-task';

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

function finish(deps: RunnerDeps, scope: Scope, execution: Execution, status: ExecutionStatus, fields: Partial<Execution>): boolean {
  if (execution.status !== 'RUNNING') return false;
  Object.assign(execution, fields, { status, stopDate: deps.clock.now() });
  deps.models.sfn.running.delete(execution.executionArn);
  deps.metrics.recordFinished(scope.account, scope.region, execution.stateMachineArn, status, execution.startDate, execution.stopDate ?? execution.startDate);
  return true;
}

function taskHandler(deps: RunnerDeps, scope: Scope, execution: Execution, recorder: HistoryRecorder, task: TaskInfo) {
  return async (input: unknown): Promise<never> => {
    // Let the history consumer catch up with the engine's queued events (TaskStateEntered) before ours.
    await nextTurn();
    recorder.taskScheduled(task, input);
    try {
      const sdk = parseSdkResource(task.resource);
      if (!sdk) throw new SdkTaskError('States.TaskFailed', `localaws runs only aws-sdk integrations; ${task.resource} is not supported`);
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

  const handlers = Object.fromEntries([...prepared.tasks].map(([name, task]) => [name, taskHandler(deps, scope, execution, recorder, task)]));
  const engine = new Engine(prepared.definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
  const run = engine.run(JSON.parse(execution.input), {
    overrides: { taskResourceLocalHandlers: handlers },
    noThrowOnAbort: true,
    context: {
      Execution: { Id: execution.executionArn, Name: execution.name, RoleArn: machine.roleArn, StartTime: execution.startDate.toISOString() },
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
