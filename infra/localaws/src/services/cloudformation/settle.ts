/**
 * What a restart interrupts, settled on load the way AWS reports a failed operation: a stack caught
 * mid-operation ends in the matching *_FAILED (or completed-cleanup) status with an event saying why, and change
 * sets being created or executed fail. The model calls this once per restored region (see `settle` there).
 */
import { randomUUID } from 'node:crypto';
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { RESTART_REASON } from '../../state/regional-store';
import type { ChangeSetState, RegionState, StackState } from './model';

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

/** A stack killed in its rollback-trigger monitoring window: every resource was done, only the watching was left. */
function monitoringReason(stack: StackState): string | undefined {
  if (!stack.monitoringSince || (stack.status !== 'CREATE_IN_PROGRESS' && stack.status !== 'UPDATE_IN_PROGRESS'))
    return undefined;
  return `${RESTART_REASON} (rollback-trigger monitoring since ${stack.monitoringSince.toISOString()} could not complete)`;
}

function settleStack(stack: StackState, now: Date, addEvent: (stack: StackState, event: StackEvent) => void): number {
  const settled = STACK_SETTLED[stack.status];
  if (!settled) return 0;
  for (const resource of stack.resources.values()) {
    if (!resource.status.endsWith('_IN_PROGRESS')) continue;
    resource.status = resource.status.replace('_IN_PROGRESS', '_FAILED') as typeof resource.status;
    resource.statusReason = RESTART_REASON;
    resource.lastUpdated = now;
  }
  const reason = settled.endsWith('_FAILED') ? (monitoringReason(stack) ?? RESTART_REASON) : undefined;
  const last = stack.events.at(-1)?.Timestamp?.getTime() ?? 0;
  addEvent(stack, {
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
  });
  stack.status = settled as StackState['status'];
  stack.statusReason = reason;
  stack.monitoringSince = undefined;
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

/** Settles one restored region; returns how many stacks and change sets it had to settle. */
export function settleRegion(region: RegionState, now: Date, addEvent: (stack: StackState, event: StackEvent) => void): number {
  return (
    region.stacks.reduce((n, s) => n + settleStack(s, now, addEvent), 0) +
    region.changeSets.reduce((n, c) => n + settleChangeSet(c), 0)
  );
}
