import type { AlarmSummary } from '@/lib/alarms/types';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';

/** What the stack stream sends to the browser. `at` is when the data was fetched from AWS (ISO time). */
export type StackMessage =
  | { type: 'snapshot'; stack: StackSummary | null; events: StackEvent[]; at: string }
  | { type: 'delta'; stack: StackSummary | null; events: StackEvent[]; at: string }
  | { type: 'tick'; at: string }
  | { type: 'stale'; error: string; lastSuccessAt: string | null; retryInMs: number };

/** The stack's alarms, sent whole whenever any of them changes (a stack has a handful, not hundreds). */
export type AlarmsMessage = { type: 'alarms'; alarms: AlarmSummary[]; at: string } | { type: 'alarms-stale'; error: string };

/** The workflow's recent executions; `stateMachineArn` is null while the stack has no such output. */
export type ExecutionsMessage =
  | { type: 'executions'; stateMachineArn: string | null; executions: ExecutionSummary[]; at: string }
  | { type: 'executions-stale'; error: string };

export type LiveMessage = StackMessage | AlarmsMessage | ExecutionsMessage;

export const LIVE_MESSAGE_TYPES: LiveMessage['type'][] = ['snapshot', 'delta', 'tick', 'stale', 'alarms', 'alarms-stale', 'executions', 'executions-stale'];
