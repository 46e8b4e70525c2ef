import { describe, expect, it } from 'vitest';
import { groupOperations } from './operations';
import { axisTicks, buildTimeline } from './timeline';
import type { StackEvent } from './types';

function history(rows: Array<[number, string, string, string?]>): StackEvent[] {
  return rows
    .map(([seconds, logicalId, status, reason], i) => ({
      eventId: `e${i}`,
      stackName: 'S',
      logicalId,
      resourceType: logicalId === 'S' ? 'AWS::CloudFormation::Stack' : `AWS::Test::${logicalId}`,
      status,
      ...(reason ? { reason } : {}),
      timestamp: new Date(Date.UTC(2025, 0, 1, 12, 0, seconds)).toISOString(),
    }))
    .reverse();
}

const NOW = '2025-01-01T12:01:00.000Z';

describe('buildTimeline', () => {
  it('draws each resource from its first IN_PROGRESS to its COMPLETE/FAILED, and marks the root cause', () => {
    const [operation] = groupOperations(
      history([
        [0, 'S', 'CREATE_IN_PROGRESS', 'User Initiated'],
        [1, 'Role', 'CREATE_IN_PROGRESS'],
        [2, 'Key', 'CREATE_IN_PROGRESS'],
        [2, 'Role', 'CREATE_IN_PROGRESS', 'Resource creation Initiated'],
        [4, 'Role', 'CREATE_COMPLETE'],
        [5, 'Key', 'CREATE_FAILED', 'Resource handler returned message: "bad tag" (HandlerErrorCode: InvalidRequest)'],
        [5, 'Logs', 'CREATE_IN_PROGRESS'],
        [6, 'Logs', 'CREATE_FAILED', 'Resource creation cancelled'],
        [6, 'S', 'ROLLBACK_IN_PROGRESS'],
        [8, 'Role', 'DELETE_COMPLETE'],
        [9, 'S', 'ROLLBACK_COMPLETE'],
      ]),
    );
    const timeline = buildTimeline(operation!, NOW);
    expect(timeline.totalMs).toBe(9_000);
    expect(
      timeline.bars.map((bar) => [bar.logicalId, bar.startMs, bar.durationMs, bar.outcome, bar.rootCause, bar.finalStatus]),
    ).toEqual([
      ['Role', 1_000, 3_000, 'success', false, 'DELETE_COMPLETE'],
      ['Key', 2_000, 3_000, 'failure', true, undefined],
      ['Logs', 5_000, 1_000, 'cancelled', false, undefined],
    ]);
    expect(timeline.bars[1]!.resourceType).toBe('AWS::Test::Key');
  });

  it('runs a resource still moving to now while the operation is in progress', () => {
    const [operation] = groupOperations(
      history([
        [0, 'S', 'UPDATE_IN_PROGRESS'],
        [10, 'Fn', 'UPDATE_IN_PROGRESS'],
      ]),
    );
    const timeline = buildTimeline(operation!, NOW);
    expect(timeline.totalMs).toBe(60_000);
    expect(timeline.bars).toEqual([
      expect.objectContaining({ logicalId: 'Fn', startMs: 10_000, durationMs: 50_000, outcome: 'in-progress' }),
    ]);
  });

  it('shows deletes as removed and an operation with only the stack as no bars', () => {
    const [del] = groupOperations(
      history([
        [0, 'S', 'DELETE_IN_PROGRESS'],
        [1, 'Topic', 'DELETE_IN_PROGRESS'],
        [3, 'Topic', 'DELETE_COMPLETE'],
        [4, 'S', 'DELETE_COMPLETE'],
      ]),
    );
    expect(buildTimeline(del!, NOW).bars.map((bar) => bar.outcome)).toEqual(['removed']);
    const [empty] = groupOperations(
      history([
        [0, 'S', 'UPDATE_IN_PROGRESS'],
        [1, 'S', 'UPDATE_COMPLETE'],
      ]),
    );
    expect(buildTimeline(empty!, NOW)).toEqual({ totalMs: 1_000, bars: [] });
  });
});

describe('axisTicks', () => {
  it('picks a round step', () => {
    expect(axisTicks(9_000)).toEqual([0, 2_000, 4_000, 6_000, 8_000]);
    expect(axisTicks(0)).toEqual([0]);
    expect(axisTicks(300_000)).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000]);
  });
});
