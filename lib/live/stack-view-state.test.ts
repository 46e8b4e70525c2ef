import { describe, expect, it } from 'vitest';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import { redactLiveMessage } from './stack-messages';
import { applyStackMessage, EMPTY_LIVE_PARTS, newerNotes, type StackViewState } from './stack-view-state';

const stack = (status: string): StackSummary => ({
  stackId: 'arn:stack/S/1',
  name: 'S',
  status,
  createdAt: '2026-11-28T00:00:00.000Z',
  outputs: {},
  parameters: {},
});
const event = (id: string, status = 'CREATE_IN_PROGRESS'): StackEvent => ({
  eventId: id,
  stackName: 'S',
  logicalId: id,
  resourceType: 'AWS::Logs::LogGroup',
  status,
  timestamp: '2026-11-28T00:00:00.000Z',
});
const empty: StackViewState = { stack: null, events: [], checkedAt: null, staleReason: null, ...EMPTY_LIVE_PARTS };

describe('applyStackMessage', () => {
  it('replaces everything on a snapshot', () => {
    const state = applyStackMessage(
      { ...empty, events: [event('old')] },
      { type: 'snapshot', stack: stack('CREATE_IN_PROGRESS'), events: [event('a')], at: 't1' },
    );
    expect(state.events.map((e) => e.eventId)).toEqual(['a']);
    expect(state.checkedAt).toBe('t1');
  });

  it('puts new events first and drops ones it already has', () => {
    const start = applyStackMessage(empty, {
      type: 'snapshot',
      stack: stack('CREATE_IN_PROGRESS'),
      events: [event('b'), event('a')],
      at: 't1',
    });
    const next = applyStackMessage(start, {
      type: 'delta',
      stack: stack('CREATE_COMPLETE'),
      events: [event('c', 'CREATE_COMPLETE'), event('b')],
      at: 't2',
    });
    expect(next.events.map((e) => e.eventId)).toEqual(['c', 'b', 'a']);
    expect(next.stack?.status).toBe('CREATE_COMPLETE');
  });

  it('keeps alarms across stack snapshots and records alarm staleness separately', () => {
    const alarm = {
      name: 'S-errors',
      arn: 'a',
      state: 'ALARM' as const,
      stateReason: 'r',
      stateUpdatedAt: 't',
      dimensions: [],
      actionsEnabled: true,
    };
    const withAlarms = applyStackMessage(empty, { type: 'alarms', alarms: [alarm], notes: [], at: 't1' });
    const afterSnapshot = applyStackMessage(withAlarms, {
      type: 'snapshot',
      stack: stack('CREATE_COMPLETE'),
      events: [],
      at: 't2',
    });
    expect(afterSnapshot.alarms).toEqual([alarm]);
    const error = { code: 'Throttling', sentence: 'AWS is throttling DescribeAlarms; tapdeck backs off and tries again.' };
    expect(applyStackMessage(afterSnapshot, { type: 'alarms-stale', error })).toMatchObject({
      alarms: [alarm],
      alarmsError: 'Throttling: AWS is throttling DescribeAlarms; tapdeck backs off and tries again.',
      staleReason: null,
    });
  });

  it('marks data stale on an error and fresh again on the next tick', () => {
    const error = { code: 'ECONNREFUSED', sentence: 'tapdeck cannot reach AWS at http://127.0.0.1:4566.' };
    const stale = applyStackMessage(
      { ...empty, checkedAt: 't1' },
      { type: 'stale', error, lastSuccessAt: 't1', retryInMs: 4000 },
    );
    expect(stale).toMatchObject({
      staleReason: 'ECONNREFUSED: tapdeck cannot reach AWS at http://127.0.0.1:4566.',
      checkedAt: 't1',
    });
    expect(applyStackMessage(stale, { type: 'tick', at: 't2' })).toMatchObject({ staleReason: null, checkedAt: 't2' });
  });

  it('shows the full error text when the stream sent it (admins), the code and sentence otherwise', () => {
    const error = {
      code: 'AccessDenied',
      sentence: 'AWS refused DescribeStacks.',
      detail: 'DescribeStacks failed: User arn:aws:iam::123456789012:user/x is not authorized',
    };
    const full = applyStackMessage(empty, { type: 'executions-stale', error });
    expect(full.executionsError).toBe(error.detail);
    const redacted = applyStackMessage(empty, redactLiveMessage({ type: 'executions-stale', error }));
    expect(redacted.executionsError).toBe('AccessDenied: AWS refused DescribeStacks.');
  });

  it('keeps the newer copy of the alarm notes, so a poll that started before a write does not undo it', () => {
    const note = (id: number) => ({
      id,
      at: `t${id}`,
      kind: 'acknowledged' as const,
      stackName: 'S',
      alarmName: 'S-errors',
      by: 'local:operator',
      byName: 'operator',
    });
    expect(newerNotes([note(2), note(1)], [note(1)])).toEqual([note(2), note(1)]);
    expect(newerNotes([note(1)], [note(3), note(2), note(1)])).toHaveLength(3);
    expect(newerNotes([], [])).toEqual([]);
  });
});
