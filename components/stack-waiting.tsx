'use client';

import { useParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Card } from './card';
import { LiveIndicator, type Connection } from './live-indicator';

/**
 * A stack that does not exist (yet): the page answers 404 and says so, and follows the stack's stream so it shows
 * the stack as soon as a deployment creates it (a server render then, with everything the section reads).
 * Kept apart from StackLive: the not-found state is part of every stack section's first load.
 */
export function StackWaiting() {
  const params = useParams<{ name: string }>();
  const name = safeDecode(params.name ?? '');
  const [connection, setConnection] = useState<Connection>('connecting');
  const [checkedAt, setCheckedAt] = useState<string | null>(null);

  useEffect(() => {
    const source = new EventSource(`/api/stacks/${encodeURIComponent(name)}/stream`);
    source.onopen = () => setConnection('open');
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    const onStack = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as { stack?: unknown; at?: string };
      if (message.at) setCheckedAt(message.at);
      if (message.stack) {
        source.close();
        // A reload, not router.refresh(): the document is the 404 not-found boundary, and a refresh keeps it.
        window.location.reload();
      }
    };
    for (const type of ['snapshot', 'delta', 'tick']) source.addEventListener(type, onStack);
    return () => source.close();
  }, [name]);

  return (
    <Card
      title="Waiting for the stack"
      actions={<LiveIndicator connection={connection} checkedAt={checkedAt} staleReason={null} />}
    >
      <p className="px-4 py-10 text-center text-sm text-slate-600">
        No stack named <span className="font-mono font-medium text-slate-900">{name}</span> exists here yet. This page follows it
        as soon as a deployment creates it.
      </p>
    </Card>
  );
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
