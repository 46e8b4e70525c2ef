import type { AlarmSummary } from './types';

/**
 * What on-call wrote about an alarm: acknowledged (with a note), muted (with a reason and an end), unmuted. Kept
 * in the store as an append-only list per stack; the current marks are derived from it and the alarm's state.
 */
export type AlarmNoteKind = 'acknowledged' | 'muted' | 'unmuted';

export interface AlarmNoteInput {
  kind: AlarmNoteKind;
  stackName: string;
  alarmName: string;
  /** the user's id (`local:operator`, `github:octocat`) */
  by: string;
  byName: string;
  note?: string;
  reason?: string;
  /** muted only: when the mute ends (ISO) */
  expiresAt?: string;
}

export interface AlarmNote extends AlarmNoteInput {
  id: number;
  /** ISO time the store wrote it */
  at: string;
}

export interface AlarmMarks {
  /** set while the alarm is in ALARM and was acknowledged after it last entered ALARM */
  acknowledged?: { by: string; byName: string; at: string; note?: string };
  /** set while a mute is in force */
  muted?: { by: string; byName: string; at: string; reason?: string; expiresAt: string };
  /** the latest mute, when it has run out (not unmuted by hand) */
  muteExpired?: { by: string; byName: string; expiresAt: string };
}

/** Mutes last at least a minute and at most 14 days. */
export const MUTE_MIN_MS = 60_000;
export const MUTE_MAX_MS = 14 * 24 * 3_600_000;
export const MUTE_PRESETS = [
  { label: '1 h', ms: 3_600_000 },
  { label: '4 h', ms: 4 * 3_600_000 },
  { label: '24 h', ms: 24 * 3_600_000 },
] as const;

/**
 * Why `expiresAt` is not an acceptable mute end, or null. A small allowance covers the request's own travel.
 * `minMs` is MUTE_MIN_MS unless the server is configured otherwise (TAPDECK_MUTE_MIN_SECONDS, for tests).
 */
export function checkMuteExpiry(expiresAt: string, now: Date, minMs = MUTE_MIN_MS): string | null {
  const end = Date.parse(expiresAt);
  if (!Number.isFinite(end)) return 'expiresAt must be an ISO date and time';
  const ahead = end - now.getTime();
  if (ahead < minMs - Math.min(5_000, minMs / 2)) {
    return `a mute must last at least ${minMs % 60_000 === 0 ? `${minMs / 60_000} minute${minMs === 60_000 ? '' : 's'}` : `${minMs / 1_000} seconds`}`;
  }
  if (ahead > MUTE_MAX_MS) return 'a mute may last at most 14 days';
  return null;
}

/**
 * The alarm's acknowledgement and mute as they stand at `now`. An acknowledgement counts only while the alarm is
 * in ALARM and was made after it entered ALARM (PagerDuty-style: once the alarm leaves ALARM the next alarm
 * needs a new one). A mute counts until it is lifted or runs out.
 */
export function alarmMarks(
  alarm: Pick<AlarmSummary, 'name' | 'state' | 'stateUpdatedAt'>,
  notes: readonly AlarmNote[],
  now: Date,
): AlarmMarks {
  const mine = notes.filter((n) => n.alarmName === alarm.name).sort((a, b) => a.id - b.id);
  const marks: AlarmMarks = {};
  const ack = mine.filter((n) => n.kind === 'acknowledged').at(-1);
  if (ack && alarm.state === 'ALARM' && ack.at >= alarm.stateUpdatedAt) {
    marks.acknowledged = { by: ack.by, byName: ack.byName, at: ack.at, note: ack.note };
  }
  const lastMute = mine.filter((n) => n.kind === 'muted' || n.kind === 'unmuted').at(-1);
  if (lastMute?.kind === 'muted' && lastMute.expiresAt) {
    if (Date.parse(lastMute.expiresAt) > now.getTime()) {
      marks.muted = {
        by: lastMute.by,
        byName: lastMute.byName,
        at: lastMute.at,
        reason: lastMute.reason,
        expiresAt: lastMute.expiresAt,
      };
    } else {
      marks.muteExpired = { by: lastMute.by, byName: lastMute.byName, expiresAt: lastMute.expiresAt };
    }
  }
  return marks;
}

/** When the marks next change on their own (a mute running out), so a page can re-render then; null if never. */
export function nextMarksChange(marks: AlarmMarks): number | null {
  return marks.muted ? Date.parse(marks.muted.expiresAt) : null;
}
