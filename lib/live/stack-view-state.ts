import type { AlarmNote } from '@/lib/alarms/notes';
import type { AlarmSummary } from '@/lib/alarms/types';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import { describeLiveError, MAX_EVENTS, type LiveMessage } from './stack-messages';

/** What the stack page shows, folded from the stream's messages. Pure, so the browser and tests share it. */
export interface StackViewState {
  stack: StackSummary | null;
  events: StackEvent[];
  /** When the data was last confirmed fresh from AWS. */
  checkedAt: string | null;
  /**
   * Set while the server cannot read the stack from AWS; cleared by the next good poll. AWS's full message for
   * those allowed to read it, else the error code and a plain sentence (the stream decides which it sends).
   */
  staleReason: string | null;
  /** null until the first alarms poll answers */
  alarms: AlarmSummary[] | null;
  /** on-call's acknowledgements and mutes, newest first */
  alarmNotes: readonly AlarmNote[];
  alarmsError: string | null;
  /** null until the first executions poll answers */
  executions: { stateMachineArn: string | null; items: ExecutionSummary[] } | null;
  executionsError: string | null;
}

export const EMPTY_LIVE_PARTS = {
  alarms: null,
  alarmNotes: [],
  alarmsError: null,
  executions: null,
  executionsError: null,
} as const;

export function applyStackMessage(state: StackViewState, message: LiveMessage): StackViewState {
  switch (message.type) {
    case 'snapshot':
      return { ...state, stack: message.stack, events: message.events, checkedAt: message.at, staleReason: null };
    case 'delta': {
      const known = new Set(state.events.map((event) => event.eventId));
      const fresh = message.events.filter((event) => !known.has(event.eventId));
      return {
        ...state,
        stack: message.stack,
        events: [...fresh, ...state.events].slice(0, MAX_EVENTS),
        checkedAt: message.at,
        staleReason: null,
      };
    }
    case 'tick':
      return { ...state, checkedAt: message.at, staleReason: null };
    case 'stale':
      return { ...state, staleReason: describeLiveError(message.error) };
    case 'alarms':
      return { ...state, alarms: message.alarms, alarmNotes: newerNotes(state.alarmNotes, message.notes), alarmsError: null };
    case 'alarms-stale':
      return { ...state, alarmsError: describeLiveError(message.error) };
    case 'executions':
      return {
        ...state,
        executions: { stateMachineArn: message.stateMachineArn, items: message.executions },
        executionsError: null,
      };
    case 'executions-stale':
      return { ...state, executionsError: describeLiveError(message.error) };
  }
}

/**
 * Of two copies of a stack's notes (newest first), the newer one. Notes are append-only with rising ids, so the
 * copy whose newest id is higher has seen more: a write's own answer is not undone by a poll that started before it.
 */
export function newerNotes(current: readonly AlarmNote[], incoming: readonly AlarmNote[]): readonly AlarmNote[] {
  return (incoming[0]?.id ?? 0) >= (current[0]?.id ?? 0) ? incoming : current;
}
