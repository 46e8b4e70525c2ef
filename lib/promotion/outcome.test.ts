import { describe, expect, it } from 'vitest';
import type { StackEvent } from '@/lib/rollout/types';
import { updateOutcome } from './outcome';

const STACK = 'TapStack-dev';
let n = 0;
const ev = (status: string, token: string | undefined, extra: Partial<StackEvent> = {}): StackEvent => ({
  eventId: `e${++n}`,
  stackName: STACK,
  logicalId: STACK,
  resourceType: 'AWS::CloudFormation::Stack',
  status,
  timestamp: new Date(Date.UTC(2025, 5, 1, 12, 0, n)).toISOString(),
  clientRequestToken: token,
  ...extra,
});
/** Oldest first in, newest first out (as DescribeStackEvents answers). */
const newestFirst = (...events: StackEvent[]) => events.reverse();

describe('updateOutcome', () => {
  it('is running until the operation with the token reaches a terminal stack status', () => {
    expect(
      updateOutcome(
        newestFirst(ev('UPDATE_COMPLETE', 'older'), ev('UPDATE_IN_PROGRESS', 't1', { reason: 'User Initiated' })),
        STACK,
        't1',
      ),
    ).toEqual({ kind: 'running' });
    expect(updateOutcome([], STACK, 't1')).toEqual({ kind: 'running' });
  });

  it('finds the end of its own operation even when another one followed', () => {
    const events = newestFirst(
      ev('UPDATE_IN_PROGRESS', 't1'),
      ev('UPDATE_COMPLETE', 't1'),
      ev('UPDATE_IN_PROGRESS', 'demote'),
      ev('UPDATE_COMPLETE', 'demote'),
    );
    expect(updateOutcome(events, STACK, 't1')).toMatchObject({ kind: 'complete' });
  });

  it('names the alarm of a rollback trigger', () => {
    const arn = 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:TapStack-dev-errors';
    const events = newestFirst(
      ev('UPDATE_IN_PROGRESS', 't1'),
      ev('UPDATE_COMPLETE', 't1', { logicalId: 'StateMachine', resourceType: 'AWS::StepFunctions::StateMachine' }),
      ev('UPDATE_ROLLBACK_IN_PROGRESS', 't1', { reason: `The following CloudWatch Alarms were in ALARM state: [${arn}].` }),
      ev('UPDATE_ROLLBACK_COMPLETE', 't1'),
    );
    expect(updateOutcome(events, STACK, 't1')).toMatchObject({
      kind: 'rolled-back',
      cause: `rollback trigger: alarm TapStack-dev-errors went to ALARM during the update or its monitoring time (CloudFormation: "The following CloudWatch Alarms were in ALARM state: [${arn}].")`,
    });
  });

  it('names the failing resource and its service message, not the cancellations', () => {
    const events = newestFirst(
      ev('UPDATE_IN_PROGRESS', 't1'),
      ev('UPDATE_FAILED', 't1', {
        logicalId: 'WorkflowRole',
        resourceType: 'AWS::IAM::Role',
        reason:
          'Resource handler returned message: "User is not authorized to perform: iam:PutRolePolicy (Service: Iam, Status Code: 403)" (RequestToken: x, HandlerErrorCode: AccessDenied)',
      }),
      ev('UPDATE_FAILED', 't1', {
        logicalId: 'StateMachine',
        resourceType: 'AWS::StepFunctions::StateMachine',
        reason: 'Resource update cancelled',
      }),
      ev('UPDATE_ROLLBACK_IN_PROGRESS', 't1', { reason: 'The following resource(s) failed to update: [WorkflowRole].' }),
      ev('UPDATE_ROLLBACK_COMPLETE', 't1'),
    );
    expect(updateOutcome(events, STACK, 't1')).toMatchObject({
      kind: 'rolled-back',
      cause: 'WorkflowRole (AWS::IAM::Role) UPDATE_FAILED: User is not authorized to perform: iam:PutRolePolicy',
    });
  });

  it('reports a failed rollback as failed', () => {
    const events = newestFirst(
      ev('UPDATE_IN_PROGRESS', 't1'),
      ev('UPDATE_ROLLBACK_IN_PROGRESS', 't1', { reason: 'boom' }),
      ev('UPDATE_ROLLBACK_FAILED', 't1', { reason: 'could not restore' }),
    );
    expect(updateOutcome(events, STACK, 't1')).toMatchObject({ kind: 'failed', cause: 'boom' });
  });
});
