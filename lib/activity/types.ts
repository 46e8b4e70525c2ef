/** The per-stack Activity timeline: one list joining everything that happened to a stack, newest first. */

export const ACTIVITY_KINDS = ['stack-event', 'alarm', 'execution', 'promotion', 'acknowledged', 'muted', 'unmuted'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  'stack-event': 'Stack events',
  alarm: 'Alarm changes',
  execution: 'Executions',
  promotion: 'Promotions',
  acknowledged: 'Acknowledged',
  muted: 'Muted',
  unmuted: 'Unmuted',
};

export type ActivityTone = 'neutral' | 'progress' | 'success' | 'failure' | 'warning';

export interface ActivityItem {
  /** Unique in the timeline: `<kind>:<the source's own id>`. */
  id: string;
  kind: ActivityKind;
  /** ISO time */
  at: string;
  title: string;
  detail?: string;
  tone: ActivityTone;
  /** who did it, for people's actions */
  actor?: string;
  /** the item's own page (event → events section, execution → its page, promotion → its page) */
  href?: string;
}

/**
 * An acknowledgement or mute of one of the stack's alarms, as the store will record it (developer 3 is adding
 * these to lib/store); the lead maps the store's rows to this shape in lib/reads/activity.ts readAlarmNotes.
 */
export interface AlarmNote {
  id: string;
  alarmName: string;
  kind: 'acknowledged' | 'muted' | 'unmuted';
  at: string;
  actorName: string;
  comment?: string;
  /** mutes: until when */
  until?: string;
}
