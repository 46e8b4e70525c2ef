'use client';

import { useEffect, useState } from 'react';

export type Connection = 'connecting' | 'open' | 'closed';

/** Says whether the page is live and how old its data is, ticking once a second. */
export function LiveIndicator({ connection, checkedAt, staleReason }: { connection: Connection; checkedAt: string | null; staleReason: string | null }) {
  const now = useNow(1_000);
  const age = checkedAt && now ? Math.max(0, Math.round((now - Date.parse(checkedAt)) / 1_000)) : null;

  let tone = 'bg-emerald-500';
  let text = age === null ? 'Live' : `Live · checked ${age} s ago`;
  if (staleReason) {
    tone = 'bg-amber-500';
    text = `Data ${age ?? '?'} s old · ${staleReason}`;
  } else if (connection !== 'open') {
    tone = 'bg-slate-400';
    text = connection === 'closed' ? 'Disconnected' : 'Connecting…';
  }

  return (
    <span data-testid="live-indicator" data-connection={connection} className="inline-flex max-w-full items-center gap-1.5 text-xs text-slate-600" title={staleReason ?? undefined}>
      <span aria-hidden className={`size-2 shrink-0 rounded-full ${tone}`} />
      <span className="truncate">{text}</span>
    </span>
  );
}

/** The current time, refreshed on an interval; null during the server render so the markup matches. */
function useNow(intervalMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const update = () => setNow(Date.now());
    update();
    const id = setInterval(update, intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
