import { alarmMarks, checkMuteExpiry, type AlarmNote, type AlarmNoteInput } from '@/lib/alarms/notes';
import type { User } from '@/lib/auth/roles';
import type { StackAlarms } from '@/lib/live/stack-page';
import type { AuditAction, Store } from '@/lib/store/types';

/** What an operator asks for on an alarm (the JSON bodies of the three POST routes, after validation). */
export type AlarmNoteRequest =
  | { kind: 'acknowledged'; note: string }
  | { kind: 'muted'; reason: string; expiresAt: string }
  | { kind: 'unmuted' };

export interface AlarmNoteDeps {
  store: Pick<Store, 'addAlarmNote' | 'listAlarmNotes'>;
  /** the stack's alarms and notes as the dashboard shows them (lib/live/stack-feed.ts readAlarms); null: no stack */
  readAlarms(stackName: string): Promise<StackAlarms | null>;
  now(): Date;
  /** the shortest mute accepted (default MUTE_MIN_MS) */
  minMuteMs?: number;
}

/** A refusal with its HTTP status and a sentence for the person who clicked. */
export class AlarmNoteError extends Error {
  override name = 'AlarmNoteError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ACTIONS: Record<AlarmNoteRequest['kind'], AuditAction> = {
  acknowledged: 'alarm.acknowledged',
  muted: 'alarm.muted',
  unmuted: 'alarm.unmuted',
};

/**
 * Records an acknowledgement, mute or unmute of one of the stack's alarms, with its audit entry in the same
 * transaction. Refuses alarms that are not the stack's (the same matching the page uses), acknowledging an alarm
 * that is not in ALARM, mutes shorter than a minute or longer than 14 days, and unmuting what is not muted.
 * Returns the stored note and the stack's notes after it, so the page can show them at once.
 */
export async function recordAlarmNote(
  deps: AlarmNoteDeps,
  user: User,
  stackName: string,
  alarmName: string,
  request: AlarmNoteRequest,
): Promise<{ note: AlarmNote; notes: AlarmNote[] }> {
  const read = await deps.readAlarms(stackName);
  if (!read) throw new AlarmNoteError(404, 'StackNotFound', `There is no stack ${stackName}.`);
  const alarm = read.alarms.find((a) => a.name === alarmName);
  if (!alarm) throw new AlarmNoteError(404, 'AlarmNotFound', `${alarmName} is not one of ${stackName}'s alarms.`);
  const now = deps.now();
  const notes = await deps.store.listAlarmNotes(stackName, { alarmName, limit: 50 });
  const marks = alarmMarks(alarm, notes, now);

  const input: AlarmNoteInput = { kind: request.kind, stackName, alarmName, by: user.id, byName: user.name };
  if (request.kind === 'acknowledged') {
    if (alarm.state !== 'ALARM') {
      throw new AlarmNoteError(409, 'NotInAlarm', `${alarmName} is ${alarm.state}: only an alarm in ALARM can be acknowledged.`);
    }
    input.note = request.note;
  } else if (request.kind === 'muted') {
    const problem = checkMuteExpiry(request.expiresAt, now, deps.minMuteMs);
    if (problem) throw new AlarmNoteError(400, 'InvalidExpiry', `Cannot mute: ${problem}.`);
    input.reason = request.reason;
    input.expiresAt = new Date(request.expiresAt).toISOString();
  } else if (!marks.muted) {
    throw new AlarmNoteError(409, 'NotMuted', `${alarmName} is not muted.`);
  }

  const [, , , region = '', account = ''] = alarm.arn.split(':');
  const comment = input.note ?? (input.reason ? `${input.reason} (until ${input.expiresAt})` : undefined);
  const note = await deps.store.addAlarmNote(input, {
    actor: user.id,
    actorName: user.name,
    actorRole: user.role,
    action: ACTIONS[request.kind],
    account,
    region,
    stackName,
    outcome: 'ok',
    ...(comment ? { comment: `${alarmName}: ${comment}` } : { comment: alarmName }),
  });
  return { note, notes: await deps.store.listAlarmNotes(stackName, { limit: 200 }) };
}

/** One entry of a stack's alarm activity, for the Activity timeline (newest first). */
export interface AlarmActivity {
  kind: AlarmNote['kind'];
  alarmName: string;
  /** the user's id, and their name as shown */
  by: string;
  byName: string;
  at: string;
  note?: string;
  reason?: string;
  expiresAt?: string;
}

export function toActivity(note: AlarmNote): AlarmActivity {
  const { kind, alarmName, by, byName, at, note: text, reason, expiresAt } = note;
  return {
    kind,
    alarmName,
    by,
    byName,
    at,
    ...(text ? { note: text } : {}),
    ...(reason ? { reason } : {}),
    ...(expiresAt ? { expiresAt } : {}),
  };
}
