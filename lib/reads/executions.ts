import { cache } from 'react';
import { describeStack } from '@/lib/aws/cloudformation';
import {
  describeExecution as describeExecutionUncached,
  describeStateMachineDefinition,
  getExecutionHistory,
  listExecutionsPage,
} from '@/lib/aws/sfn-executions';
import { executionArnFor } from '@/lib/executions/arn';
import { buildStateGraph, parseDefinition } from '@/lib/executions/graph';
import { layoutStateGraph, type GraphLayout } from '@/lib/executions/layout';
import { stateOutcomes, type StateOutcome } from '@/lib/executions/outcome';
import { readStackSummary } from './stack';
import type { ExecutionDetail, ExecutionSummary, HistoryItem } from '@/lib/executions/types';

/**
 * What the execution pages read. Every function throws AwsCallError on AWS failures (pages wrap them in
 * readOrExplain). The stack's workflow is found through its StateMachineArn output, so an execution of another
 * state machine cannot be shown under this stack's URL.
 */

/** The stack's workflow: its state machine (null while the stack has no StateMachineArn output) and Mode. */
export type StackWorkflow =
  | { exists: false }
  | { exists: true; stateMachineArn: string | null; mode: string | null; status: string };

export async function readStackWorkflow(stackName: string): Promise<StackWorkflow> {
  const stack = await describeStack(stackName);
  if (!stack) return { exists: false };
  return {
    exists: true,
    stateMachineArn: stack.outputs.StateMachineArn ?? null,
    mode: stack.parameters.Mode ?? null,
    status: stack.status,
  };
}

/** How many executions the list shows; each costs one DescribeExecution (for its dry-run flag and plan). */
export const EXECUTIONS_LIST_LIMIT = 50;
const DESCRIBE_CONCURRENCY = 8;

/** The workflow's newest executions, each described (dry-run flag, error). */
export async function readExecutionsList(stateMachineArn: string): Promise<ExecutionSummary[]> {
  const listed = await listExecutionsPage(stateMachineArn, EXECUTIONS_LIST_LIMIT);
  const out: ExecutionSummary[] = new Array(listed.length);
  let next = 0;
  const worker = async () => {
    while (next < listed.length) {
      const index = next++;
      const item = listed[index]!;
      const detail = await describeExecution(item.arn);
      out[index] = detail
        ? { ...item, plan: detail.plan, error: detail.error, cause: detail.cause, dryRun: detail.dryRun }
        : item;
    }
  };
  await Promise.all(Array.from({ length: Math.min(DESCRIBE_CONCURRENCY, listed.length) }, worker));
  return out;
}

export interface ExecutionView {
  execution: ExecutionDetail;
  history: HistoryItem[];
  historyTruncated: boolean;
  /** null when the definition could not be drawn (not ASL JSON); `graphError` says why */
  layout: GraphLayout | null;
  graphError?: string;
  /** each state's outcome, by state name */
  outcomes: Record<string, StateOutcome>;
}

/** DescribeExecution once per request: the execution page's layout checks it exists, the page reads it. */
const describeExecution = cache(describeExecutionUncached);

/**
 * Whether the stack's workflow has this execution (DescribeStacks and DescribeExecution only): what the execution
 * page must know before it streams anything, to answer 404.
 */
export async function executionExists(stackName: string, executionName: string): Promise<boolean> {
  const machine = (await readStackSummary(stackName))?.outputs.StateMachineArn;
  const arn = machine && executionArnFor(machine, executionName);
  if (!arn) return false;
  const execution = await describeExecution(arn);
  return !!execution && (!execution.stateMachineArn || execution.stateMachineArn === machine);
}

/** One execution of the stack's workflow with its history and graph; null when there is no such execution. */
export async function readExecutionView(stateMachineArn: string, executionName: string): Promise<ExecutionView | null> {
  const arn = executionArnFor(stateMachineArn, executionName);
  if (!arn) return null;
  const execution = await describeExecution(arn);
  if (!execution || (execution.stateMachineArn && execution.stateMachineArn !== stateMachineArn)) return null;
  const [definitionText, { events, truncated }] = await Promise.all([
    describeStateMachineDefinition(stateMachineArn),
    getExecutionHistory(arn),
  ]);
  try {
    const definition = parseDefinition(definitionText);
    return {
      execution,
      history: events,
      historyTruncated: truncated,
      layout: layoutStateGraph(buildStateGraph(definition)),
      outcomes: Object.fromEntries(stateOutcomes(definition, events, execution.status)),
    };
  } catch (error) {
    return {
      execution,
      history: events,
      historyTruncated: truncated,
      layout: null,
      graphError: error instanceof Error ? error.message : String(error),
      outcomes: {},
    };
  }
}
