import { describe, expect, it } from 'vitest';
import { operationProgress } from './progress';
import type { StackEvent } from './types';

let n = 0;
function ev(logicalId: string, status: string, extra: Partial<StackEvent> = {}): StackEvent {
  n += 1;
  return { eventId: `e${n}`, stackName: 'S', logicalId, resourceType: 'AWS::Logs::LogGroup', status, timestamp: 't', ...extra };
}
const stackEv = (status: string, reason?: string, token?: string) =>
  ev('S', status, { resourceType: 'AWS::CloudFormation::Stack', reason, clientRequestToken: token });

describe('operationProgress', () => {
  it('counts each resource once, by its latest status in the current operation', () => {
    const events = [
      ev('Alarm', 'CREATE_IN_PROGRESS', { clientRequestToken: 'b' }),
      ev('Key', 'CREATE_COMPLETE', { clientRequestToken: 'b' }),
      ev('Key', 'CREATE_IN_PROGRESS', { clientRequestToken: 'b' }),
      ev('Logs', 'CREATE_FAILED', { clientRequestToken: 'b' }),
      stackEv('CREATE_IN_PROGRESS', 'User Initiated', 'b'),
      // An earlier operation, which must not count.
      ev('Old', 'DELETE_COMPLETE', { clientRequestToken: 'a' }),
    ];
    expect(operationProgress(events)).toEqual({
      complete: 1,
      inProgress: 1,
      failed: 1,
      removed: 0,
      operation: 'CREATE_IN_PROGRESS',
    });
  });

  it('falls back to the newest User Initiated event when events carry no token', () => {
    const events = [
      ev('Key', 'UPDATE_COMPLETE'),
      stackEv('UPDATE_IN_PROGRESS', 'User Initiated'),
      ev('Key', 'CREATE_FAILED'),
      stackEv('CREATE_IN_PROGRESS', 'User Initiated'),
    ];
    expect(operationProgress(events)).toEqual({
      complete: 1,
      inProgress: 0,
      failed: 0,
      removed: 0,
      operation: 'UPDATE_IN_PROGRESS',
    });
  });

  it('counts resources a rollback deleted as removed, not complete', () => {
    const events = [
      stackEv('ROLLBACK_COMPLETE', undefined, 'c'),
      ev('Role', 'DELETE_COMPLETE', { clientRequestToken: 'c' }),
      ev('Key', 'CREATE_FAILED', { clientRequestToken: 'c' }),
      ev('Role', 'CREATE_COMPLETE', { clientRequestToken: 'c' }),
      stackEv('CREATE_IN_PROGRESS', 'User Initiated', 'c'),
    ];
    expect(operationProgress(events)).toMatchObject({ complete: 0, failed: 1, removed: 1 });
  });

  it('is empty for a stack without events', () => {
    expect(operationProgress([])).toEqual({ complete: 0, inProgress: 0, failed: 0, removed: 0, operation: undefined });
  });
});
