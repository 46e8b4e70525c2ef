'use client';

import { useEffect, useState } from 'react';
import type { AlarmNote } from '@/lib/alarms/notes';
import type { AlarmSummary } from '@/lib/alarms/types';
import { describeLiveError, type AlarmsMessage } from '@/lib/live/stack-messages';
import { newerNotes } from '@/lib/live/stack-view-state';

export interface StackAlarmsState {
  alarms: AlarmSummary[];
  notes: readonly AlarmNote[];
  /** set while the server cannot refresh the alarms */
  error: string | null;
}

/**
 * The stack's alarms and notes, live: starts from the server's render and follows the stack's stream (the same
 * shared poller as the Overview). `applyNotes` takes a write's answer at once; a later poll never undoes it.
 */
export function useStackAlarms(stackName: string, initial: StackAlarmsState) {
  const [state, setState] = useState(initial);
  useEffect(() => {
    const source = new EventSource(`/api/stacks/${encodeURIComponent(stackName)}/stream`);
    const onAlarms = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as AlarmsMessage;
      setState((current) =>
        message.type === 'alarms'
          ? { alarms: message.alarms, notes: newerNotes(current.notes, message.notes), error: null }
          : { ...current, error: describeLiveError(message.error) },
      );
    };
    source.addEventListener('alarms', onAlarms);
    source.addEventListener('alarms-stale', onAlarms);
    return () => source.close();
  }, [stackName]);
  const applyNotes = (notes: AlarmNote[]) => setState((current) => ({ ...current, notes: newerNotes(current.notes, notes) }));
  return { ...state, applyNotes };
}

/** The current time, re-read every `everyMs` and at `wakeAt` (a mute's end), so marks expire on screen. */
export function useNow(everyMs = 15_000, wakeAt: number | null = null): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  useEffect(() => {
    if (wakeAt === null) return;
    const timer = setTimeout(() => setNow(new Date()), Math.max(0, wakeAt - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [wakeAt]);
  return now;
}
