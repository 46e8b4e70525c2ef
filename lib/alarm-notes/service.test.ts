import { describe, expect, it } from 'vitest';
import type { AlarmSummary } from '@/lib/alarms/types';
import type { User } from '@/lib/auth/roles';
import { MemoryStore } from '@/lib/promotion/testing/memory-store';
import { AlarmNoteError, recordAlarmNote, toActivity, type AlarmNoteDeps } from './service';

const operator: User = { id: 'local:operator', name: 'operator', provider: 'local', role: 'operator' };
const alarm = (state: AlarmSummary['state']): AlarmSummary => ({
  name: 'S-throttles',
  arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:S-throttles',
  state,
  stateReason: '',
  stateUpdatedAt: '2025-06-01T11:00:00.000Z',
  dimensions: [],
  actionsEnabled: true,
});

function setUp(state: AlarmSummary['state'] = 'ALARM') {
  let now = new Date('2025-06-01T12:00:00.000Z');
  const store = new MemoryStore(undefined, () => now);
  const deps: AlarmNoteDeps = {
    store,
    readAlarms: async (name) => (name === 'S' ? { alarms: [alarm(state)], notes: [] } : null),
    now: () => now,
  };
  return { store, deps, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AlarmNoteError ? { status: error.status, code: error.code } : error),
  );

describe('recordAlarmNote', () => {
  it('acknowledges an alarm in ALARM with who and the note, audited with the alarm’s account and region', async () => {
    const { store, deps } = setUp();
    const { note, notes } = await recordAlarmNote(deps, operator, 'S', 'S-throttles', { kind: 'acknowledged', note: 'on it' });
    expect(note).toMatchObject({ kind: 'acknowledged', by: 'local:operator', byName: 'operator', note: 'on it' });
    expect(notes).toEqual([note]);
    expect(await store.listAudit()).toEqual([
      expect.objectContaining({
        action: 'alarm.acknowledged',
        actor: 'local:operator',
        actorRole: 'operator',
        account: '123456789012',
        region: 'us-east-1',
        stackName: 'S',
        comment: 'S-throttles: on it',
      }),
    ]);
    expect(toActivity(note)).toEqual({
      kind: 'acknowledged',
      alarmName: 'S-throttles',
      by: 'local:operator',
      byName: 'operator',
      at: note.at,
      note: 'on it',
    });
  });

  it('refuses an alarm that is not the stack’s, a missing stack, and acknowledging an alarm that is not in ALARM', async () => {
    const { deps } = setUp('OK');
    const ack = { kind: 'acknowledged', note: 'x' } as const;
    expect(await refusal(recordAlarmNote(deps, operator, 'S', 'S-prod-db-errors', ack))).toEqual({
      status: 404,
      code: 'AlarmNotFound',
    });
    expect(await refusal(recordAlarmNote(deps, operator, 'Nope', 'S-throttles', ack))).toEqual({
      status: 404,
      code: 'StackNotFound',
    });
    expect(await refusal(recordAlarmNote(deps, operator, 'S', 'S-throttles', ack))).toEqual({ status: 409, code: 'NotInAlarm' });
  });

  it('mutes for one minute to 14 days, unmutes only what is muted, and an expired mute can no longer be unmuted', async () => {
    const { store, deps, advance } = setUp();
    const mute = (ms: number) =>
      recordAlarmNote(deps, operator, 'S', 'S-throttles', {
        kind: 'muted',
        reason: 'load test',
        expiresAt: new Date(deps.now().getTime() + ms).toISOString(),
      });
    expect(await refusal(mute(30_000))).toEqual({ status: 400, code: 'InvalidExpiry' });
    expect(await refusal(mute(15 * 86_400_000))).toEqual({ status: 400, code: 'InvalidExpiry' });
    expect(await refusal(recordAlarmNote(deps, operator, 'S', 'S-throttles', { kind: 'unmuted' }))).toEqual({
      status: 409,
      code: 'NotMuted',
    });
    await mute(60_000);
    await recordAlarmNote(deps, operator, 'S', 'S-throttles', { kind: 'unmuted' });
    await mute(60_000);
    advance(60_000);
    expect(await refusal(recordAlarmNote(deps, operator, 'S', 'S-throttles', { kind: 'unmuted' }))).toEqual({
      status: 409,
      code: 'NotMuted',
    });
    expect((await store.listAlarmNotes('S')).map((n) => n.kind)).toEqual(['muted', 'unmuted', 'muted']);
  });
});
