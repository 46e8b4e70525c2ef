/**
 * What cannot survive a restart is settled on load the way AWS would report a failed operation: a stack
 * caught mid-operation ends in the matching *_FAILED (or completed-cleanup) status with an event saying why,
 * change sets being created fail, and running Step Functions executions are aborted.
 */
import { randomUUID } from 'node:crypto';
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import type { ChangeSetState, RegionState, StackState } from '../services/cloudformation/model';

export const RESTART_REASON = 'localaws restarted during the operation';

const STACK_SETTLED: Record<string, string> = {
  CREATE_IN_PROGRESS: 'CREATE_FAILED',
  ROLLBACK_IN_PROGRESS: 'ROLLBACK_FAILED',
  DELETE_IN_PROGRESS: 'DELETE_FAILED',
  UPDATE_IN_PROGRESS: 'UPDATE_FAILED',
  // Cleanup after a finished update or rollback only removes old resources: the outcome already stands.
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_COMPLETE',
  UPDATE_ROLLBACK_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_ROLLBACK_COMPLETE',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

function looksLikeCfnRegion(value: unknown): value is RegionState {
  return isRecord(value) && Array.isArray(value.stacks) && Array.isArray(value.changeSets);
}

function settleStack(stack: StackState, now: Date): number {
  const settled = STACK_SETTLED[stack.status];
  if (!settled) return 0;
  for (const resource of stack.resources.values()) {
    if (!resource.status.endsWith('_IN_PROGRESS')) continue;
    resource.status = resource.status.replace('_IN_PROGRESS', '_FAILED') as typeof resource.status;
    resource.statusReason = RESTART_REASON;
    resource.lastUpdated = now;
  }
  const reason = settled.endsWith('_FAILED') ? RESTART_REASON : undefined;
  const last = stack.events.at(-1)?.Timestamp?.getTime() ?? 0;
  const event: StackEvent = {
    StackId: stack.stackId,
    EventId: randomUUID(),
    StackName: stack.stackName,
    LogicalResourceId: stack.stackName,
    PhysicalResourceId: stack.stackId,
    ResourceType: 'AWS::CloudFormation::Stack',
    // Strictly after the last event, as the model keeps them, even if the clock went backwards.
    Timestamp: new Date(Math.max(now.getTime(), last + 1)),
    ResourceStatus: settled as StackEvent['ResourceStatus'],
    ResourceStatusReason: reason,
    ClientRequestToken: stack.requestToken,
  };
  stack.events.push(event);
  stack.status = settled as StackState['status'];
  stack.statusReason = reason;
  return 1;
}

function settleChangeSet(changeSet: ChangeSetState): number {
  let changed = 0;
  if (changeSet.status === 'CREATE_IN_PROGRESS' || changeSet.status === 'CREATE_PENDING') {
    changeSet.status = 'FAILED';
    changeSet.statusReason = RESTART_REASON;
    changed = 1;
  }
  if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') {
    changeSet.executionStatus = 'EXECUTE_FAILED';
    changed = 1;
  }
  return changed;
}

/** Aborts anything shaped like a running Step Functions execution, wherever its model keeps it. */
function settleExecutions(value: unknown, now: Date, depth = 3): number {
  if (depth === 0 || !isRecord(value)) return 0;
  if (typeof value.executionArn === 'string' && value.status === 'RUNNING') {
    value.status = 'ABORTED';
    value.stopDate ??= now;
    value.error ??= 'States.Runtime';
    value.cause ??= RESTART_REASON;
    return 1;
  }
  const children = value instanceof Map ? [...value.values()] : Array.isArray(value) ? value : Object.values(value);
  return children.reduce((sum: number, child) => sum + settleExecutions(child, now, depth - 1), 0);
}

/** Settles one restored partition; returns how many things it had to settle (for the log). */
export function settlePartition(path: string, partition: unknown, now = new Date()): number {
  if (looksLikeCfnRegion(partition)) {
    return partition.stacks.reduce((n, s) => n + settleStack(s, now), 0) + partition.changeSets.reduce((n, c) => n + settleChangeSet(c), 0);
  }
  return path.includes('sfn') ? settleExecutions(partition, now) : 0;
}
