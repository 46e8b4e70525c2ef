import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  paginateDescribeStacks,
  paginateListStacks,
  type Stack,
  type StackEvent as WireStackEvent,
  type StackStatus,
  type StackSummary as WireStackSummary,
} from '@aws-sdk/client-cloudformation';
import type { FleetStack } from '@/lib/fleet/types';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import { AwsCallError, lazyClient } from './client-config';

export const cloudformation = lazyClient((config) => new CloudFormationClient(config));

/** Every status except DELETE_COMPLETE: deleted stacks are history, not something to watch. */
const LIVE_STATUSES: StackStatus[] = [
  'CREATE_IN_PROGRESS',
  'CREATE_FAILED',
  'CREATE_COMPLETE',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'ROLLBACK_COMPLETE',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_FAILED',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_IN_PROGRESS',
  'IMPORT_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
];

export async function listStacks(): Promise<StackSummary[]> {
  try {
    const stacks: StackSummary[] = [];
    for await (const page of paginateListStacks({ client: cloudformation() }, { StackStatusFilter: LIVE_STATUSES })) {
      stacks.push(...(page.StackSummaries ?? []).map(reshapeSummary));
    }
    return stacks.sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    throw AwsCallError.from('ListStacks', error);
  }
}

/**
 * Every live stack with its parameters, outputs and tags: DescribeStacks without a name, one call per 100 stacks.
 * The fleet overview reads its statuses this way, so watching 50 environments costs one call a poll, not 50.
 */
export async function describeAllStacks(): Promise<FleetStack[]> {
  try {
    const stacks: FleetStack[] = [];
    for await (const page of paginateDescribeStacks({ client: cloudformation() }, {})) {
      for (const stack of page.Stacks ?? []) {
        if (stack.StackStatus === 'DELETE_COMPLETE') continue;
        stacks.push({
          ...reshapeStack(stack),
          tags: Object.fromEntries((stack.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
        });
      }
    }
    return stacks;
  } catch (error) {
    throw AwsCallError.from('DescribeStacks', error);
  }
}

/** The stack, or null when CloudFormation says it does not exist. */
export async function describeStack(name: string): Promise<StackSummary | null> {
  try {
    const out = await cloudformation().send(new DescribeStacksCommand({ StackName: name }));
    const stack = out.Stacks?.[0];
    return stack ? reshapeStack(stack) : null;
  } catch (error) {
    if (isMissingStack(error)) return null;
    throw AwsCallError.from('DescribeStacks', error);
  }
}

/**
 * Events newer than `sinceEventId`, newest first. Pages back through DescribeStackEvents only until it reaches
 * the last event already seen, so a long-lived stack costs one call per poll, not its whole history.
 */
export async function listStackEventsSince(name: string, sinceEventId: string | undefined, limit = 1_000): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const out = await cloudformation().send(new DescribeStackEventsCommand({ StackName: name, NextToken: nextToken }));
      for (const wire of out.StackEvents ?? []) {
        if (wire.EventId === sinceEventId) return events;
        events.push(reshapeEvent(wire));
        if (events.length >= limit) return events;
      }
      nextToken = out.NextToken;
    } while (nextToken);
    return events;
  } catch (error) {
    throw AwsCallError.from('DescribeStackEvents', error);
  }
}

function isMissingStack(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return e.name === 'ValidationError' && /does not exist/.test(e.message ?? '');
}

/** The fields DescribeStacks and ListStacks share. */
type CommonStackFields = Pick<
  Stack,
  'StackId' | 'StackName' | 'StackStatus' | 'StackStatusReason' | 'CreationTime' | 'LastUpdatedTime'
>;

function reshapeCommon(stack: CommonStackFields, description: string | undefined): StackSummary {
  return {
    stackId: stack.StackId ?? '',
    name: stack.StackName ?? '',
    status: stack.StackStatus ?? 'UNKNOWN',
    statusReason: stack.StackStatusReason,
    description,
    createdAt: (stack.CreationTime ?? new Date(0)).toISOString(),
    updatedAt: stack.LastUpdatedTime?.toISOString(),
    outputs: {},
    parameters: {},
  };
}

function reshapeStack(stack: Stack): StackSummary {
  return {
    ...reshapeCommon(stack, stack.Description),
    outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
    parameters: Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
  };
}

// ListStacks returns no outputs or parameters; the list view does not need them.
const reshapeSummary = (summary: WireStackSummary): StackSummary => reshapeCommon(summary, summary.TemplateDescription);

function reshapeEvent(event: WireStackEvent): StackEvent {
  return {
    eventId: event.EventId ?? '',
    stackName: event.StackName ?? '',
    logicalId: event.LogicalResourceId ?? '',
    physicalId: event.PhysicalResourceId || undefined,
    resourceType: event.ResourceType ?? '',
    status: event.ResourceStatus ?? 'UNKNOWN',
    reason: event.ResourceStatusReason,
    timestamp: (event.Timestamp ?? new Date(0)).toISOString(),
    clientRequestToken: event.ClientRequestToken,
  };
}
