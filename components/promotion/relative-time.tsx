'use client';

import { useEffect, useState } from 'react';

/**
 * "in 42 min" / "3 min ago" next to a UTC time. The server renders only the absolute time (the markup matches
 * whatever the clock says at hydration); the relative part appears after mount and ticks every 15 s.
 */
export function RelativeTime({ iso, absolute = true }: { iso: string; absolute?: boolean }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const update = () => setNow(Date.now());
    update();
    const id = setInterval(update, 15_000);
    return () => clearInterval(id);
  }, []);
  const at = Date.parse(iso);
  const utc = Number.isNaN(at) ? iso : `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  return (
    <time dateTime={iso} title={iso} className="tabular-nums">
      {now !== null && !Number.isNaN(at) && <span>{describeDistance(at - now)}</span>}
      {absolute && <span className={now !== null ? 'text-slate-500' : undefined}>{now !== null ? ` (${utc})` : utc}</span>}
    </time>
  );
}

export function describeDistance(ms: number): string {
  const abs = Math.abs(ms);
  const past = ms < 0;
  if (abs < 45_000) return past ? 'just now' : 'in less than a minute';
  const text =
    abs < 3_600_000
      ? `${Math.round(abs / 60_000)} min`
      : abs < 48 * 3_600_000
        ? `${Math.round(abs / 3_600_000)} h`
        : `${Math.round(abs / 86_400_000)} days`;
  return past ? `${text} ago` : `in ${text}`;
}
