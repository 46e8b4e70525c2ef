/** Execution operations: start (async and sync), describe, list, history, stop. */
import type * as Sfn from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../types';
import { checkArn, checkName, executionArn, paginate } from './arns';
import { ExecutionAlreadyExists, ExecutionDoesNotExist, InvalidExecutionInput, StateMachineTypeNotSupported } from './errors';
import type { Execution, HistoryEvent } from './model';
import { runExecution } from './runner';
import type { SfnDeps } from './service-deps';
import { describeLogging, findMachine } from './state-machine-handlers';

function findExecution(deps: SfnDeps, ctx: RequestContext, arn: string): Execution {
  checkArn(arn, ['execution', 'express']);
  const execution = deps.models.sfn.executions.get(ctx.account, ctx.region).get(arn);
  if (!execution) throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${arn}'`);
  return execution;
}

function start(deps: SfnDeps, input: Sfn.StartExecutionInput, ctx: RequestContext): Execution {
  const machine = findMachine(deps, ctx, input.stateMachineArn ?? '');
  const name = input.name ?? randomUUID();
  checkName(name);
  const text = input.input ?? '{}';
  try {
    JSON.parse(text);
  } catch (error) {
    throw new InvalidExecutionInput(`Invalid State Machine Execution Input: '${(error as Error).message}'`);
  }
  const arn = executionArn(machine.arn, name);
  const executions = deps.models.sfn.executions.get(ctx.account, ctx.region);
  const existing = executions.get(arn);
  if (existing) {
    // Same name and input while still running: AWS answers as the original start did.
    if (existing.status === 'RUNNING' && existing.input === text) return existing;
    throw new ExecutionAlreadyExists(`Execution Already Exists: '${arn}'`);
  }
  const execution: Execution = {
    executionArn: arn,
    stateMachineArn: machine.arn,
    name,
    status: 'RUNNING',
    startDate: ctx.clock.now(),
    input: text,
    history: [],
  };
  executions.set(arn, execution);
  runExecution(deps, ctx, machine, execution);
  return execution;
}

export function startExecution(deps: SfnDeps, input: Sfn.StartExecutionInput, ctx: RequestContext): Sfn.StartExecutionOutput {
  const execution = start(deps, input, ctx);
  return { executionArn: execution.executionArn, startDate: execution.startDate };
}

/** EXPRESS only, as AWS. SDK clients prefix the host with `sync-`: use `disableHostPrefix: true` against localaws. */
export async function startSyncExecution(
  deps: SfnDeps,
  input: Sfn.StartSyncExecutionInput,
  ctx: RequestContext,
): Promise<Sfn.StartSyncExecutionOutput> {
  const machine = findMachine(deps, ctx, input.stateMachineArn ?? '');
  if (machine.type !== 'EXPRESS')
    throw new StateMachineTypeNotSupported('This operation is not supported by this type of state machine');
  const execution = start(deps, input, ctx);
  await deps.models.sfn.finished.get(execution.executionArn);
  return {
    ...describe(execution),
    status: execution.status === 'SUCCEEDED' ? 'SUCCEEDED' : execution.status === 'TIMED_OUT' ? 'TIMED_OUT' : 'FAILED',
    stopDate: execution.stopDate ?? ctx.clock.now(),
  };
}

function describe(e: Execution) {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    startDate: e.startDate,
    input: e.input,
    inputDetails: { included: true },
    ...(e.stopDate ? { stopDate: e.stopDate } : {}),
    ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
  };
}

export function describeExecution(
  deps: SfnDeps,
  input: Sfn.DescribeExecutionInput,
  ctx: RequestContext,
): Sfn.DescribeExecutionOutput {
  const execution = findExecution(deps, ctx, input.executionArn ?? '');
  return { ...describe(execution), status: execution.status, redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE' };
}

export function listExecutions(deps: SfnDeps, input: Sfn.ListExecutionsInput, ctx: RequestContext): Sfn.ListExecutionsOutput {
  const machine = findMachine(deps, ctx, input.stateMachineArn ?? '');
  const all = [...deps.models.sfn.executions.get(ctx.account, ctx.region).values()]
    .filter((e) => e.stateMachineArn === machine.arn && (!input.statusFilter || e.status === input.statusFilter))
    .reverse();
  const { page, nextToken } = paginate(all, input.maxResults, input.nextToken);
  return {
    executions: page.map((e) => ({
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: e.startDate,
      ...(e.stopDate ? { stopDate: e.stopDate } : {}),
    })),
    nextToken,
  };
}

const DATA_FIELDS = ['input', 'inputDetails', 'output', 'outputDetails'];

function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: HistoryEvent = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || !value || typeof value !== 'object') continue;
    copy[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !DATA_FIELDS.includes(field)));
  }
  return copy;
}

export function getExecutionHistory(
  deps: SfnDeps,
  input: Sfn.GetExecutionHistoryInput,
  ctx: RequestContext,
): Sfn.GetExecutionHistoryOutput {
  const execution = findExecution(deps, ctx, input.executionArn ?? '');
  const events = input.reverseOrder ? [...execution.history].reverse() : [...execution.history];
  const { page, nextToken } = paginate(events, input.maxResults, input.nextToken);
  const shaped = input.includeExecutionData === false ? page.map(withoutData) : page;
  // The model's events carry exactly the API's member names; the SDK's serializer drops none of them.
  return { events: shaped as unknown as Sfn.HistoryEvent[], nextToken };
}

export function stopExecution(deps: SfnDeps, input: Sfn.StopExecutionInput, ctx: RequestContext): Sfn.StopExecutionOutput {
  const execution = findExecution(deps, ctx, input.executionArn ?? '');
  deps.models.sfn.running.get(execution.executionArn)?.stop(input.error, input.cause);
  return { stopDate: execution.stopDate ?? ctx.clock.now() };
}

export function describeStateMachineForExecution(
  deps: SfnDeps,
  input: Sfn.DescribeStateMachineForExecutionInput,
  ctx: RequestContext,
): Sfn.DescribeStateMachineForExecutionOutput {
  const execution = findExecution(deps, ctx, input.executionArn ?? '');
  const machine = findMachine(deps, ctx, execution.stateMachineArn);
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    definition: machine.definition,
    roleArn: machine.roleArn,
    updateDate: machine.updateDate ?? machine.creationDate,
    loggingConfiguration: describeLogging(machine.loggingConfiguration),
    tracingConfiguration: { enabled: false },
    ...(machine.revisionId ? { revisionId: machine.revisionId } : {}),
  };
}
