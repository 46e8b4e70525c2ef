import type { AlarmSummary } from '@/lib/alarms/types';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';

/** What the stack stream sends to the browser. `at` is when the data was fetched from AWS (ISO time). */
export type StackMessage =
  | { type: 'snapshot'; stack: StackSummary | null; events: StackEvent[]; at: string }
  | { type: 'delta'; stack: StackSummary | null; events: StackEvent[]; at: string }
  | { type: 'tick'; at: string }
  | { type: 'stale'; error: string; lastSuccessAt: string | null; retryInMs: number };

/** The stack's alarms, sent whole whenever any of them changes (a stack has a handful, not hundreds). */
export type AlarmsMessage = { type: 'alarms'; alarms: AlarmSummary[]; at: string } | { type: 'alarms-stale'; error: string };

export type LiveMessage = StackMessage | AlarmsMessage;

export const LIVE_MESSAGE_TYPES: LiveMessage['type'][] = ['snapshot', 'delta', 'tick', 'stale', 'alarms', 'alarms-stale'];
