'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-renders the server component tree on an interval, while the tab is visible. */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, seconds * 1_000);
    return () => clearInterval(id);
  }, [router, seconds]);
  return <span className="text-xs text-slate-500">Refreshes every {seconds} s</span>;
}
