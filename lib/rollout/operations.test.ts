import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  groupOperations,
  matchesFilter,
  mergeEvents,
  operationDurationMs,
  operationRows,
  type StackOperation,
} from './operations';
import type { StackEvent } from './types';

/** Builds a history oldest first (as it happened) and returns it newest first (as CloudFormation lists it). */
function history(build: (at: (seconds: number, logicalId: string, status: string, extra?: Partial<StackEvent>) => void) => void) {
  const events: StackEvent[] = [];
  build((seconds, logicalId, status, extra = {}) => {
    events.push({
      eventId: `e${events.length + 1}`,
      stackName: 'S',
      logicalId,
      resourceType: logicalId === 'S' ? 'AWS::CloudFormation::Stack' : 'AWS::SNS::Topic',
      status,
      timestamp: new Date(Date.UTC(2025, 0, 1, 12, 0, seconds)).toISOString(),
      ...extra,
    });
  });
  return events.reverse();
}

describe('groupOperations', () => {
  it('groups token-less events by the stack status boundaries, newest operation first', () => {
    const events = history((at) => {
      at(0, 'S', 'CREATE_IN_PROGRESS', { reason: 'User Initiated' });
      at(1, 'Topic', 'CREATE_IN_PROGRESS');
      at(3, 'Topic', 'CREATE_COMPLETE');
      at(4, 'S', 'CREATE_COMPLETE');
      at(10, 'S', 'UPDATE_IN_PROGRESS', { reason: 'User Initiated' });
      at(11, 'Key', 'CREATE_IN_PROGRESS');
      at(12, 'Key', 'CREATE_FAILED', { reason: 'bad tag' });
      at(13, 'S', 'UPDATE_ROLLBACK_IN_PROGRESS');
      at(14, 'Key', 'DELETE_COMPLETE');
      at(15, 'S', 'UPDATE_ROLLBACK_COMPLETE');
    });
    const operations = groupOperations(events);
    expect(operations.map((o) => [o.kind, o.outcome, o.finalStatus, o.events.length])).toEqual([
      ['Update', 'rolled-back', 'UPDATE_ROLLBACK_COMPLETE', 6],
      ['Create', 'succeeded', 'CREATE_COMPLETE', 4],
    ]);
    const [update] = operations as [StackOperation];
    expect(update.events[0]!.status).toBe('UPDATE_ROLLBACK_COMPLETE'); // still newest first
    expect(update.resourceCount).toBe(1);
    expect(update.failureCount).toBe(3); // CREATE_FAILED and the stack's two rollback statuses
    expect(operationDurationMs(update)).toBe(5_000);
    expect(update.id).toBe('from:e5');
  });

  it('groups by ClientRequestToken when events carry one', () => {
    const events = history((at) => {
      at(0, 'S', 'UPDATE_IN_PROGRESS', { clientRequestToken: 'a' });
      at(1, 'S', 'UPDATE_COMPLETE', { clientRequestToken: 'a' });
      at(2, 'S', 'UPDATE_IN_PROGRESS', { clientRequestToken: 'b' });
      at(3, 'Topic', 'UPDATE_IN_PROGRESS', { clientRequestToken: 'b' });
    });
    const operations = groupOperations(events);
    expect(operations.map((o) => [o.id, o.kind, o.outcome, o.endedAt])).toEqual([
      ['b', 'Update', 'in-progress', undefined],
      ['a', 'Update', 'succeeded', '2025-01-01T12:00:01.000Z'],
    ]);
    expect(operationDurationMs(operations[0]!, '2025-01-01T12:00:12.000Z')).toBe(10_000);
    expect(operationDurationMs(operations[1]!)).toBe(1_000);
  });

  it('keeps history cut short as an Unknown operation, and a superseded unfinished one as unknown', () => {
    const events = history((at) => {
      at(0, 'Topic', 'CREATE_COMPLETE', { clientRequestToken: 'old' });
      at(1, 'S', 'CREATE_COMPLETE', { clientRequestToken: 'old' });
      at(2, 'S', 'UPDATE_IN_PROGRESS', { clientRequestToken: 'x' });
      at(3, 'S', 'DELETE_IN_PROGRESS', { clientRequestToken: 'y' });
    });
    expect(groupOperations(events).map((o) => [o.kind, o.outcome])).toEqual([
      ['Delete', 'in-progress'],
      ['Update', 'unknown'],
      ['Unknown', 'succeeded'],
    ]);
  });

  it('treats a change-set stack in REVIEW_IN_PROGRESS as its own operation, and a nested stack as a resource', () => {
    const events = history((at) => {
      at(0, 'S', 'REVIEW_IN_PROGRESS', { reason: 'User Initiated' });
      at(5, 'S', 'CREATE_IN_PROGRESS', { reason: 'User Initiated' });
      at(6, 'Nested', 'CREATE_IN_PROGRESS', { resourceType: 'AWS::CloudFormation::Stack' });
      at(7, 'Nested', 'CREATE_COMPLETE', { resourceType: 'AWS::CloudFormation::Stack' });
      at(8, 'S', 'CREATE_COMPLETE');
    });
    const operations = groupOperations(events);
    expect(operations.map((o) => [o.kind, o.outcome, o.resourceCount])).toEqual([
      ['Create', 'succeeded', 1],
      ['Review', 'succeeded', 0],
    ]);
  });

  it('returns nothing for no events', () => {
    expect(groupOperations([])).toEqual([]);
  });
});

describe('filters and rows', () => {
  const events = history((at) => {
    at(0, 'S', 'CREATE_IN_PROGRESS');
    at(1, 'Key', 'CREATE_FAILED', { resourceType: 'AWS::KMS::Key', physicalId: 'key-123' });
    at(2, 'S', 'ROLLBACK_COMPLETE');
    at(3, 'S', 'UPDATE_IN_PROGRESS');
    at(4, 'Topic', 'UPDATE_COMPLETE');
    at(5, 'S', 'UPDATE_COMPLETE');
  });
  const operations = groupOperations(events);

  it('matches failures, and resources by logical ID, type or physical ID, case-insensitively', () => {
    const key = events.find((e) => e.logicalId === 'Key')!;
    const topic = events.find((e) => e.logicalId === 'Topic')!;
    expect(matchesFilter(key, { failuresOnly: true, resource: '' })).toBe(true);
    expect(matchesFilter(topic, { failuresOnly: true, resource: '' })).toBe(false);
    expect(matchesFilter(key, { failuresOnly: false, resource: 'kms::' })).toBe(true);
    expect(matchesFilter(key, { failuresOnly: false, resource: 'KEY-1' })).toBe(true);
    expect(matchesFilter(topic, { failuresOnly: false, resource: 'key' })).toBe(false);
  });

  it('lists each operation with its events only when open', () => {
    const rows = operationRows(operations, (_, index) => index === 0);
    expect(
      rows.map((row) => (row.kind === 'operation' ? `op:${row.operation.kind}:${row.matching}` : row.event.logicalId)),
    ).toEqual(['op:Update:3', 'S', 'Topic', 'S', 'op:Create:3']);
  });

  it('leaves out operations without a match when filtering', () => {
    const rows = operationRows(operations, () => true, { failuresOnly: true, resource: '' });
    expect(rows.map((row) => (row.kind === 'operation' ? `op:${row.operation.kind}:${row.matching}` : row.event.status))).toEqual(
      ['op:Create:2', 'ROLLBACK_COMPLETE', 'CREATE_FAILED'],
    );
  });
});

describe('mergeEvents', () => {
  const e = (id: string) => ({ eventId: id }) as StackEvent;
  it('puts unseen events on top, drops repeats and caps the length', () => {
    expect(mergeEvents([e('2'), e('1')], [e('4'), e('3'), e('2')]).map((x) => x.eventId)).toEqual(['4', '3', '2', '1']);
    expect(mergeEvents([e('2'), e('1')], [e('3')], 2).map((x) => x.eventId)).toEqual(['3', '2']);
    const known = [e('1')];
    expect(mergeEvents(known, [e('1')])).toBe(known);
  });
});

describe('formatDuration', () => {
  it('reads at a glance', () => {
    expect(formatDuration(860)).toBe('0.9 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(75_000)).toBe('1 min 15 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
  });
});
