import { cache } from 'react';
import { toActivity, type AlarmActivity, type AlarmNoteDeps } from '@/lib/alarm-notes/service';
import { markBreaches, type ChartPoint } from '@/lib/alarms/chart';
import type { AlarmNote } from '@/lib/alarms/notes';
import type { AlarmHistoryItem, AlarmSummary } from '@/lib/alarms/types';
import { getAlarmMetric, listAlarmHistory } from '@/lib/aws/cloudwatch';
import { readAlarms } from '@/lib/live/stack-feed';
import { config } from '@/lib/config';
import { getStore } from '@/lib/store';

/**
 * What the alarms pages read: the stack's alarms (lib/live's matching, from the shared poller's cache when someone
 * watches), one alarm's metric and history, and on-call's notes from the store. AWS failures throw AwsCallError.
 */

export { readAlarms };

/**
 * The stack's acknowledgements, mutes and unmutes, newest first, for the Activity timeline: who (`by` the user id,
 * `byName`), when (`at`), which alarm, and the note, or the reason and end of a mute.
 */
export async function listAlarmNotes(stackName: string, limit = 200): Promise<AlarmActivity[]> {
  return (await getStore().listAlarmNotes(stackName, { limit })).map(toActivity);
}

export interface AlarmDetail {
  alarm: AlarmSummary;
  notes: AlarmNote[];
}

/** One of the stack's alarms with the stack's notes (read once per request); null when the stack or the alarm (as the stack's) is missing. */
export const readAlarm = cache(async (stackName: string, alarmName: string): Promise<AlarmDetail | null> => {
  const read = await readAlarms(stackName);
  const alarm = read?.alarms.find((a) => a.name === alarmName);
  return read && alarm ? { alarm, notes: read.notes } : null;
});

/** The alarm's metric over the last `rangeMs`, each period marked breaching or not. */
export async function readAlarmMetric(alarm: AlarmSummary, rangeMs: number, now = new Date()): Promise<ChartPoint[]> {
  return markBreaches(alarm, await getAlarmMetric(alarm, new Date(now.getTime() - rangeMs), now));
}

export async function readAlarmHistory(alarmName: string): Promise<AlarmHistoryItem[]> {
  return listAlarmHistory(alarmName, 200);
}

/** The write path's dependencies in production. */
export function alarmNoteDeps(): AlarmNoteDeps {
  return { store: getStore(), readAlarms, now: () => new Date(), minMuteMs: config.alarms.minMuteMs };
}

/** A URL segment decoded, or null when it does not decode (bad escapes). */
export function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
