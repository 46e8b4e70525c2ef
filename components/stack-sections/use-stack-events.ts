'use client';

import { useEffect, useState } from 'react';
import type { Connection } from '@/components/live-indicator';
import type { LiveMessage } from '@/lib/live/stack-messages';
import { describeLiveError } from '@/lib/live/stack-messages';
import { mergeEvents } from '@/lib/rollout/operations';
import type { StackEvent } from '@/lib/rollout/types';

/**
 * The stack's full event history, kept current from the stack's SSE stream (the same shared poller the Overview
 * follows). Snapshots and deltas are merged by EventId, so the stream's shorter snapshot never shrinks the
 * history the server rendered.
 */
export function useStackEvents(name: string, initial: StackEvent[]) {
  const [events, setEvents] = useState(initial);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [staleReason, setStaleReason] = useState<string | null>(null);

  useEffect(() => {
    const source = new EventSource(`/api/stacks/${encodeURIComponent(name)}/stream`);
    source.onopen = () => setConnection('open');
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    const onMessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as LiveMessage;
      if (message.type === 'snapshot' || message.type === 'delta') {
        setEvents((known) => mergeEvents(known, message.events));
        setCheckedAt(message.at);
        setStaleReason(null);
      } else if (message.type === 'tick') {
        setCheckedAt(message.at);
        setStaleReason(null);
      } else if (message.type === 'stale') {
        setStaleReason(describeLiveError(message.error));
      }
    };
    for (const type of ['snapshot', 'delta', 'tick', 'stale'] as const) source.addEventListener(type, onMessage);
    return () => source.close();
  }, [name]);

  return { events, connection, checkedAt, staleReason };
}
