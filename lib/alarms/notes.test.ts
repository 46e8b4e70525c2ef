import { describe, expect, it } from 'vitest';
import { alarmMarks, checkMuteExpiry, type AlarmNote } from './notes';

const now = new Date('2025-06-01T12:00:00.000Z');
let nextId = 1;
const note = (kind: AlarmNote['kind'], at: string, extra: Partial<AlarmNote> = {}): AlarmNote => ({
  id: nextId++,
  at,
  kind,
  stackName: 'S',
  alarmName: 'S-throttles',
  by: 'local:operator',
  byName: 'operator',
  ...extra,
});
const alarm = (state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA', stateUpdatedAt = '2025-06-01T11:00:00.000Z') => ({
  name: 'S-throttles',
  state,
  stateUpdatedAt,
});

describe('alarmMarks', () => {
  it('shows an acknowledgement made while the alarm is in ALARM, with who and the note', () => {
    const ack = note('acknowledged', '2025-06-01T11:05:00.000Z', { note: 'target account throttling' });
    expect(alarmMarks(alarm('ALARM'), [ack], now).acknowledged).toEqual({
      by: 'local:operator',
      byName: 'operator',
      at: ack.at,
      note: 'target account throttling',
    });
  });

  it('drops the acknowledgement once the alarm leaves ALARM, and does not carry it into the next ALARM', () => {
    const ack = note('acknowledged', '2025-06-01T11:05:00.000Z');
    expect(alarmMarks(alarm('OK', '2025-06-01T11:10:00.000Z'), [ack], now).acknowledged).toBeUndefined();
    expect(alarmMarks(alarm('ALARM', '2025-06-01T11:20:00.000Z'), [ack], now).acknowledged).toBeUndefined();
  });

  it('mutes until the end, then reports the mute as expired', () => {
    const mute = note('muted', '2025-06-01T11:59:00.000Z', { reason: 'load test', expiresAt: '2025-06-01T12:01:00.000Z' });
    expect(alarmMarks(alarm('ALARM'), [mute], now).muted).toMatchObject({ reason: 'load test', expiresAt: mute.expiresAt });
    const later = alarmMarks(alarm('ALARM'), [mute], new Date('2025-06-01T12:01:00.000Z'));
    expect(later.muted).toBeUndefined();
    expect(later.muteExpired).toMatchObject({ expiresAt: mute.expiresAt });
  });

  it('lets an unmute end a mute early, and a newer mute replace an older one', () => {
    const mute = note('muted', '2025-06-01T11:00:00.000Z', { expiresAt: '2025-06-02T00:00:00.000Z' });
    const unmute = note('unmuted', '2025-06-01T11:30:00.000Z');
    expect(alarmMarks(alarm('OK'), [mute, unmute], now)).toEqual({});
    const again = note('muted', '2025-06-01T11:40:00.000Z', { expiresAt: '2025-06-01T13:00:00.000Z' });
    expect(alarmMarks(alarm('OK'), [again, unmute, mute], now).muted?.expiresAt).toBe('2025-06-01T13:00:00.000Z');
  });

  it("ignores other alarms' notes", () => {
    const other = note('muted', '2025-06-01T11:00:00.000Z', { alarmName: 'S-errors', expiresAt: '2025-06-02T00:00:00.000Z' });
    expect(alarmMarks(alarm('ALARM'), [other], now)).toEqual({});
  });
});

describe('checkMuteExpiry', () => {
  it('accepts one minute to 14 days ahead, and refuses the rest with a reason', () => {
    expect(checkMuteExpiry('2025-06-01T12:01:00.000Z', now)).toBeNull();
    expect(checkMuteExpiry('2025-06-15T12:00:00.000Z', now)).toBeNull();
    expect(checkMuteExpiry('2025-06-01T12:00:30.000Z', now)).toMatch(/at least 1 minute/);
    expect(checkMuteExpiry('2025-05-01T12:00:00.000Z', now)).toMatch(/at least 1 minute/);
    expect(checkMuteExpiry('2025-06-15T12:00:01.000Z', now)).toMatch(/at most 14 days/);
    expect(checkMuteExpiry('tomorrow', now)).toMatch(/ISO/);
  });
  it('follows a configured minimum (TAPDECK_MUTE_MIN_SECONDS) instead of the minute', () => {
    expect(checkMuteExpiry('2025-06-01T12:00:03.000Z', now, 3_000)).toBeNull();
    expect(checkMuteExpiry('2025-06-01T12:00:01.000Z', now, 3_000)).toMatch(/at least 3 seconds/);
    expect(checkMuteExpiry('2025-06-01T12:04:00.000Z', now, 300_000)).toMatch(/at least 5 minutes/);
  });
});
