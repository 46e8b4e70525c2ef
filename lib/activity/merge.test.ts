import { describe, expect, it } from 'vitest';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackEvent } from '@/lib/rollout/types';
import { auditInput } from '@/lib/store/store-contract';
import type { AuditEntry } from '@/lib/store/types';
import { mergeActivity, parseCursor, parseKinds } from './merge';
import { alarmNoteItems, alarmTransitionItems, executionItems, promotionItems, stackEventItems } from './sources';

const STACK = 'TapStack-dev';
const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second)).toISOString();

const event = (id: string, second: number, status: string): StackEvent => ({
  eventId: id,
  stackName: STACK,
  logicalId: 'Workflow',
  resourceType: 'AWS::StepFunctions::StateMachine',
  status,
  timestamp: at(second),
});

let seq = 0;
const audit = (second: number, overrides: Partial<AuditEntry>): AuditEntry => ({
  ...auditInput({ stackName: STACK, actorName: 'Olive Operator' }),
  seq: ++seq,
  at: at(second),
  prevHash: '',
  hash: '',
  ...overrides,
});

const execution: ExecutionSummary = {
  arn: 'arn:aws:states:us-east-1:1:execution:m:run-1',
  name: 'run-1',
  status: 'FAILED',
  startedAt: at(10),
  stoppedAt: at(12),
  error: 'ParametersMisaligned',
  cause: 'Running as account 2',
  dryRun: true,
};

function timeline() {
  seq = 0;
  const entries = [
    audit(9, { action: 'execution.dry-run-started', token: 'run-1' }),
    audit(8, { action: 'execution.dry-run-started', token: 'old-run' }),
    audit(20, { action: 'promotion.requested', promotionId: 'p1', comment: 'ship it' }),
    audit(21, { action: 'promotion.approved', promotionId: 'p1', actorName: 'Ada Approver' }),
    audit(22, { action: 'stack.demote-failed', outcome: 'AccessDenied: no' }),
    audit(23, { action: 'promotion.requested', stackName: 'Other' }),
  ];
  return [
    stackEventItems(STACK, [event('e1', 1, 'UPDATE_IN_PROGRESS'), event('e2', 5, 'UPDATE_COMPLETE')]),
    alarmTransitionItems(STACK, [
      {
        alarmName: `${STACK}-errors`,
        at: at(15),
        summary: 'Alarm updated from OK to ALARM',
        from: 'OK',
        to: 'ALARM',
        reason: '1 error',
      },
    ]),
    executionItems(STACK, [execution], entries),
    promotionItems(STACK, entries),
    alarmNoteItems(STACK, [
      { id: 'n1', alarmName: `${STACK}-errors`, kind: 'acknowledged', at: at(16), actorName: 'On Call', comment: 'looking' },
      {
        id: 'n2',
        alarmName: `${STACK}-errors`,
        kind: 'muted',
        at: at(17),
        actorName: 'On Call',
        until: '2026-01-01T13:00:00.000Z',
      },
      { id: 'n3', alarmName: `${STACK}-errors`, kind: 'unmuted', at: at(18), actorName: 'On Call' },
    ]),
  ];
}

describe('the activity timeline', () => {
  it('joins every source newest first, each item linking to its page', () => {
    const { items, total } = mergeActivity(timeline());
    expect(items.map((i) => i.title)).toEqual([
      'Demotion failed',
      'Promotion approved',
      'Promotion requested',
      `${STACK}-errors unmuted`,
      `${STACK}-errors muted until 2026-01-01 13:00 UTC`,
      `${STACK}-errors acknowledged`,
      `${STACK}-errors: OK → ALARM`,
      'Dry run run-1 failed',
      'Dry run run-1 started',
      'Dry run old-run started',
      'Workflow UPDATE_COMPLETE',
      'Workflow UPDATE_IN_PROGRESS',
    ]);
    expect(total).toBe(12);
    const byTitle = Object.fromEntries(items.map((i) => [i.title, i]));
    expect(byTitle['Dry run run-1 started']).toMatchObject({
      actor: 'Olive Operator',
      href: `/stacks/${STACK}/executions/run-1`,
    });
    expect(byTitle['Dry run run-1 failed']).toMatchObject({
      tone: 'failure',
      detail: 'ParametersMisaligned: Running as account 2',
    });
    expect(byTitle['Promotion approved']).toMatchObject({ actor: 'Ada Approver', href: `/stacks/${STACK}/promotions/p1` });
    expect(byTitle['Promotion requested']?.detail).toBe('“ship it”');
    expect(byTitle['Demotion failed']).toMatchObject({ tone: 'failure', detail: 'AccessDenied: no' });
    expect(byTitle['Workflow UPDATE_COMPLETE']).toMatchObject({ tone: 'success', href: `/stacks/${STACK}/events#event-e2` });
    expect(byTitle[`${STACK}-errors: OK → ALARM`]).toMatchObject({
      tone: 'failure',
      href: `/stacks/${STACK}/alarms/${STACK}-errors`,
    });
  });

  it('filters by kind, the notes kinds included', () => {
    const kinds = (k: Parameters<typeof mergeActivity>[1]) => mergeActivity(timeline(), k).items.map((i) => i.kind);
    expect(kinds({ kinds: ['execution'] })).toEqual(['execution', 'execution', 'execution']);
    expect(kinds({ kinds: ['muted', 'acknowledged'] })).toEqual(['muted', 'acknowledged']);
    expect(kinds({ kinds: [] })).toHaveLength(12);
  });

  it('pages by cursor without repeating or skipping, even when newer items arrive in between', () => {
    const first = mergeActivity(timeline(), { limit: 5 });
    expect(first.items).toHaveLength(5);
    const newer = [[{ id: 'stack-event:new', kind: 'stack-event' as const, at: at(59), title: 'new', tone: 'neutral' as const }]];
    const second = mergeActivity([...newer, ...timeline()], { limit: 5, before: first.nextCursor });
    const third = mergeActivity(timeline(), { limit: 5, before: second.nextCursor });
    expect(third.nextCursor).toBeUndefined();
    const ids = [...first.items, ...second.items, ...third.items].map((i) => i.id);
    expect(ids).toEqual(mergeActivity(timeline()).items.map((i) => i.id));
  });

  it('drops duplicates by id, the first source winning', () => {
    const item = { id: 'x:1', kind: 'alarm' as const, at: at(1), title: 'first', tone: 'neutral' as const };
    expect(mergeActivity([[item], [{ ...item, title: 'second' }]]).items.map((i) => i.title)).toEqual(['first']);
  });

  it('reads kinds and cursors from the URL, saying what it did not understand', () => {
    expect(parseKinds(['execution,alarm', 'bogus', 'alarm'])).toEqual({ kinds: ['execution', 'alarm'], unknown: ['bogus'] });
    expect(parseKinds(undefined)).toEqual({ kinds: [], unknown: [] });
    expect(parseCursor('2026-01-01T12:00:00.000Z|alarm:x')).toBe('2026-01-01T12:00:00.000Z|alarm:x');
    expect(parseCursor('nonsense')).toBeUndefined();
  });
});

describe('a mute that ran out', () => {
  const mute = (id: string, second: number, until: number) => ({
    id,
    alarmName: 'Errors',
    kind: 'muted' as const,
    at: at(second),
    actorName: 'operator',
    until: at(until),
  });

  it("shows its end at the mute's expiry once the clock has passed it, and not before", () => {
    const notes = [mute('1', 0, 30)];
    expect(alarmNoteItems(STACK, notes, new Date(at(29))).map((item) => item.title)).toEqual([
      'Errors muted until 2026-01-01 12:00 UTC',
    ]);
    const after = alarmNoteItems(STACK, notes, new Date(at(31)));
    expect(after.find((item) => item.id === 'mute-ended:1')).toMatchObject({
      at: at(30),
      title: 'Errors mute ran out',
      kind: 'unmuted',
    });
  });

  it('says nothing when the mute was lifted or replaced before its end', () => {
    const unmuted = { id: '2', alarmName: 'Errors', kind: 'unmuted' as const, at: at(10), actorName: 'operator' };
    expect(alarmNoteItems(STACK, [mute('1', 0, 30), unmuted], new Date(at(40))).some((i) => i.id.startsWith('mute-ended'))).toBe(
      false,
    );
    const ids = alarmNoteItems(STACK, [mute('1', 0, 30), mute('2', 20, 50)], new Date(at(60))).map((item) => item.id);
    expect(ids.filter((id) => id.startsWith('mute-ended'))).toEqual(['mute-ended:2']);
  });
});
