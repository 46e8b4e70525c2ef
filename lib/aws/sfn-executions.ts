import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { parsePlan, requestedDryRun } from '@/lib/executions/plan';
import type { ExecutionDetail, ExecutionStatus, ExecutionSummary, HistoryItem } from '@/lib/executions/types';
import { AwsCallError } from './client-config';
import { sfn } from './sfn';

/** Step Functions reads of the execution pages: one execution, its history, its state machine's definition. */

/** The execution, or null when Step Functions does not know it (ExecutionDoesNotExist). */
export async function describeExecution(executionArn: string): Promise<ExecutionDetail | null> {
  try {
    const out = await sfn().send(new DescribeExecutionCommand({ executionArn }));
    const plan = parsePlan(out.output);
    return {
      arn: out.executionArn ?? executionArn,
      name: out.name ?? '',
      stateMachineArn: out.stateMachineArn ?? '',
      status: (out.status ?? 'RUNNING') as ExecutionStatus,
      startedAt: (out.startDate ?? new Date(0)).toISOString(),
      stoppedAt: out.stopDate?.toISOString(),
      input: out.input,
      output: out.output,
      error: out.error,
      cause: out.cause,
      plan,
      dryRun: plan?.dryRun ?? requestedDryRun(out.input),
    };
  } catch (error) {
    if (isMissing(error)) return null;
    throw AwsCallError.from('DescribeExecution', error);
  }
}

/** The state machine's definition (ASL JSON text). */
export async function describeStateMachineDefinition(stateMachineArn: string): Promise<string> {
  try {
    const out = await sfn().send(new DescribeStateMachineCommand({ stateMachineArn }));
    return out.definition ?? '';
  } catch (error) {
    throw AwsCallError.from('DescribeStateMachine', error);
  }
}

/**
 * The execution's history, oldest first, up to `max` events (the TapStack's runs have dozens; AWS allows 25,000).
 * `truncated` says when there were more.
 */
export async function getExecutionHistory(
  executionArn: string,
  max = 5_000,
): Promise<{ events: HistoryItem[]; truncated: boolean }> {
  const events: HistoryItem[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await sfn().send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1_000, nextToken }));
      events.push(...(page.events ?? []).map(reshapeEvent));
      nextToken = page.nextToken;
    } while (nextToken && events.length < max);
  } catch (error) {
    throw AwsCallError.from('GetExecutionHistory', error);
  }
  return { events: events.slice(0, max), truncated: !!nextToken || events.length > max };
}

/** Up to `max` executions of the state machine, newest first, without their outputs (ListExecutions only). */
export async function listExecutionsPage(stateMachineArn: string, max = 100): Promise<ExecutionSummary[]> {
  try {
    const out = await sfn().send(new ListExecutionsCommand({ stateMachineArn, maxResults: max }));
    return (out.executions ?? []).map((item) => ({
      arn: item.executionArn ?? '',
      name: item.name ?? '',
      status: (item.status ?? 'RUNNING') as ExecutionStatus,
      startedAt: (item.startDate ?? new Date(0)).toISOString(),
      stoppedAt: item.stopDate?.toISOString(),
    }));
  } catch (error) {
    throw AwsCallError.from('ListExecutions', error);
  }
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'ExecutionDoesNotExist' || name === 'StateMachineDoesNotExist';
}

/** Every `*EventDetails` member has some of these; the one present names the event's state, task and data. */
interface AnyDetails {
  name?: string;
  resource?: string;
  resourceType?: string;
  error?: string;
  cause?: string;
  input?: string;
  output?: string;
  parameters?: string;
}

function reshapeEvent(event: HistoryEvent): HistoryItem {
  const details = Object.entries(event).find(
    ([key, value]) => key.endsWith('EventDetails') && value && typeof value === 'object',
  )?.[1] as AnyDetails | undefined;
  const item: HistoryItem = {
    id: event.id ?? 0,
    type: event.type ?? 'Unknown',
    timestamp: (event.timestamp ?? new Date(0)).toISOString(),
  };
  if (event.previousEventId) item.previousEventId = event.previousEventId;
  if (details?.name && (event.stateEnteredEventDetails || event.stateExitedEventDetails || /^MapIteration/.test(item.type)))
    item.stateName = details.name;
  if (details?.resourceType && details.resource) item.resource = `${details.resourceType}:${details.resource}`;
  if (details?.error) item.error = details.error;
  if (details?.cause) item.cause = details.cause;
  const data = details?.output ?? details?.input ?? details?.parameters;
  if (data !== undefined) item.data = data;
  return item;
}
