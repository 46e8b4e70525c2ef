import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { parsePlan, requestedDryRun } from '@/lib/executions/plan';
import type { ExecutionStatus, ExecutionSummary } from '@/lib/executions/types';
import { AwsCallError, lazyClient } from './client-config';

export const sfn = lazyClient((config) => new SFNClient(config));

/**
 * The newest executions of a state machine, with the plan of each finished one. `known` carries executions
 * already described, so a poll only calls DescribeExecution for executions that finished since the last one.
 */
export async function listRecentExecutions(
  stateMachineArn: string,
  known: Map<string, ExecutionSummary>,
  max = 10,
): Promise<ExecutionSummary[]> {
  let items: ExecutionListItem[];
  try {
    items = (await sfn().send(new ListExecutionsCommand({ stateMachineArn, maxResults: max }))).executions ?? [];
  } catch (error) {
    throw AwsCallError.from('ListExecutions', error);
  }
  return Promise.all(items.map((item) => withDetails(item, known.get(item.executionArn ?? ''))));
}

async function withDetails(item: ExecutionListItem, known: ExecutionSummary | undefined): Promise<ExecutionSummary> {
  const summary: ExecutionSummary = {
    arn: item.executionArn ?? '',
    name: item.name ?? '',
    status: (item.status ?? 'RUNNING') as ExecutionStatus,
    startedAt: (item.startDate ?? new Date(0)).toISOString(),
    stoppedAt: item.stopDate?.toISOString(),
  };
  if (summary.status === 'RUNNING') return summary;
  if (known && known.status === summary.status) return known;
  try {
    const out = await sfn().send(new DescribeExecutionCommand({ executionArn: summary.arn }));
    const plan = parsePlan(out.output);
    return { ...summary, plan, error: out.error, cause: out.cause, dryRun: plan?.dryRun ?? requestedDryRun(out.input) };
  } catch (error) {
    throw AwsCallError.from('DescribeExecution', error);
  }
}

/** The newest execution of a state machine (one ListExecutions call, no details), or null when it never ran. */
export async function latestExecution(
  stateMachineArn: string,
): Promise<{ name: string; status: string; startedAt: string; stoppedAt?: string } | null> {
  try {
    const out = await sfn().send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1 }));
    const item = out.executions?.[0];
    if (!item) return null;
    return {
      name: item.name ?? '',
      status: item.status ?? 'RUNNING',
      startedAt: (item.startDate ?? new Date(0)).toISOString(),
      ...(item.stopDate ? { stoppedAt: item.stopDate.toISOString() } : {}),
    };
  } catch (error) {
    throw AwsCallError.from('ListExecutions', error);
  }
}
