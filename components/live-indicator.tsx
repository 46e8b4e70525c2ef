'use client';

import { useEffect, useState } from 'react';

export type Connection = 'connecting' | 'open' | 'closed';

/**
 * Says whether the page is live and how old its data is, ticking once a second. `staleReason` is shown as the
 * stream sent it: AWS's full message for those allowed to read it, the code and a plain sentence otherwise.
 */
export function LiveIndicator({
  connection,
  checkedAt,
  staleReason,
  testId = 'live-indicator',
  ageLabel = 'checked',
}: {
  connection: Connection;
  checkedAt: string | null;
  staleReason: string | null;
  /** Another live part on the same page (the CMK card) needs its own test id. */
  testId?: string;
  /** `updated` for feeds that send only changes, where the time is of the last change, not of the last poll. */
  ageLabel?: 'checked' | 'updated';
}) {
  const now = useNow(1_000);
  const age = checkedAt && now ? Math.max(0, Math.round((now - Date.parse(checkedAt)) / 1_000)) : null;

  let tone = 'bg-emerald-500';
  let title = staleReason ?? undefined;
  let text = age === null ? 'Live' : `Live · ${ageLabel} ${age} s ago`;
  if (staleReason) {
    tone = 'bg-amber-500';
    text = `Data ${age ?? '?'} s old · ${staleReason}`;
  } else if (connection !== 'open') {
    tone = 'bg-slate-400';
    text = connection === 'closed' ? 'Disconnected' : 'Connecting…';
    // The browser does not say why a stream was refused: signed out (401) or too many live tabs (429).
    if (connection === 'closed')
      title = 'The live stream ended. Reload to reconnect; if it keeps failing, sign in again or close other live tabs.';
  }

  return (
    <span
      data-testid={testId}
      data-connection={connection}
      className="inline-flex max-w-full items-center gap-1.5 text-xs text-slate-600"
      title={title}
    >
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
