/**
 * What a restart interrupts, settled by the model that owns it (its declared `settle`): a stack killed in its
 * rollback-trigger monitoring window fails with an event naming the monitoring, and a running execution aborts
 * with the history event StopExecution writes.
 */
import { describe, expect, it } from 'vitest';
import { createServiceModels } from '../src/services/models';
import type { RegionState, StackState } from '../src/services/cloudformation/model';
import type { Execution } from '../src/services/sfn/model';
import { RESTART_REASON } from '../src/state/regional-store';

describe('settle after a restart', () => {
  it('fails a stack that was in its rollback-trigger monitoring window, with an event', () => {
    const models = createServiceModels();
    const region: RegionState = models.cloudformation.region('111111111111', 'us-east-1');
    const stack = {
      stackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/watched/1',
      stackName: 'watched',
      status: 'CREATE_IN_PROGRESS',
      monitoringSince: new Date('2026-01-01T00:00:00Z'),
      resources: new Map([['Topic', { logicalId: 'Topic', status: 'CREATE_COMPLETE' }]]),
      events: [],
    } as unknown as StackState;
    region.stacks.push(stack);
    expect(models.cloudformation.settle('stacks', region, new Date())).toBe(1);
    expect(stack.status).toBe('CREATE_FAILED');
    expect(stack.monitoringSince).toBeUndefined();
    expect(stack.events.at(-1)).toMatchObject({ ResourceStatus: 'CREATE_FAILED', LogicalResourceId: 'watched' });
    expect(stack.events.at(-1)?.ResourceStatusReason).toMatch(
      /rollback-trigger monitoring since 2026-01-01T00:00:00.000Z could not complete/,
    );
  });

  it('aborts a running execution with an ExecutionAborted event', () => {
    const models = createServiceModels();
    const executions = models.sfn.executions.get('111111111111', 'us-east-1');
    const running = {
      executionArn: 'arn:e',
      status: 'RUNNING',
      history: [{ id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: new Date() }],
    } as unknown as Execution;
    executions.set('arn:e', running);
    expect(models.sfn.settle('executions', executions, new Date())).toBe(1);
    expect(running).toMatchObject({ status: 'ABORTED', error: 'States.Runtime', cause: RESTART_REASON });
    expect(running.history.at(-1)).toMatchObject({ type: 'ExecutionAborted', id: 2, previousEventId: 1 });
  });
});
