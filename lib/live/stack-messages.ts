import type { AlarmNote } from '@/lib/alarms/notes';
import type { AlarmSummary } from '@/lib/alarms/types';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';

/**
 * Why a poll failed. Pollers are shared by everyone watching, so they publish both forms: the code and a plain
 * sentence anyone may read, and AWS's full message in `detail`, which the stream endpoint strips for subscribers
 * without `read-full-errors` (see redactLiveMessage).
 */
export interface LiveError {
  code: string;
  sentence: string;
  detail?: string;
}

/**
 * How many of a stack's events the poller, the page and the cluster's relay keep: enough history for the page;
 * older events stay one DescribeStackEvents page away in the console.
 */
export const MAX_EVENTS = 1_000;

/** What the stack stream sends to the browser. `at` is when the data was fetched from AWS (ISO time). */
export type StackMessage =
  | { type: 'snapshot'; stack: StackSummary | null; events: StackEvent[]; at: string }
  | { type: 'delta'; stack: StackSummary | null; events: StackEvent[]; at: string }
  | { type: 'tick'; at: string }
  | { type: 'stale'; error: LiveError; lastSuccessAt: string | null; retryInMs: number };

/**
 * The stack's alarms with on-call's notes on them (newest first), sent whole whenever any of them changes (a stack
 * has a handful of alarms, not hundreds).
 */
export type AlarmsMessage =
  | { type: 'alarms'; alarms: AlarmSummary[]; notes: AlarmNote[]; at: string }
  | { type: 'alarms-stale'; error: LiveError };

/** The workflow's recent executions; `stateMachineArn` is null while the stack has no such output. */
export type ExecutionsMessage =
  | { type: 'executions'; stateMachineArn: string | null; executions: ExecutionSummary[]; at: string }
  | { type: 'executions-stale'; error: LiveError };

export type LiveMessage = StackMessage | AlarmsMessage | ExecutionsMessage;

export const LIVE_MESSAGE_TYPES: LiveMessage['type'][] = [
  'snapshot',
  'delta',
  'tick',
  'stale',
  'alarms',
  'alarms-stale',
  'executions',
  'executions-stale',
];

/** The message as a subscriber without `read-full-errors` may see it: errors keep their code and sentence only. */
export function redactLiveMessage<M extends LiveMessage>(message: M): M {
  if (!('error' in message) || message.error.detail === undefined) return message;
  const { code, sentence } = message.error;
  return { ...message, error: { code, sentence } };
}

/** The text the page shows for an error: the full message when the stream sent it, else `code: sentence`. */
export function describeLiveError(error: LiveError): string {
  return error.detail ?? `${error.code}: ${error.sentence}`;
}
