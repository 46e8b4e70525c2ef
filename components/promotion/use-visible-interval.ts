'use client';

import { useEffect, useRef } from 'react';

/**
 * Calls `tick` every `ms` while the tab is visible, and once right away when it becomes visible again. One tick
 * at a time: a slow answer is not overtaken by the next. `ms = null` stops it.
 */
export function useVisibleInterval(tick: (signal: AbortSignal) => Promise<void>, ms: number | null): void {
  const latest = useRef(tick);
  useEffect(() => {
    latest.current = tick;
  });

  useEffect(() => {
    if (ms === null) return;
    const controller = new AbortController();
    let running = false;
    const run = async () => {
      if (running || document.visibilityState !== 'visible') return;
      running = true;
      try {
        await latest.current(controller.signal);
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'AbortError')) console.error(error);
      } finally {
        running = false;
      }
    };
    const id = setInterval(run, ms);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void run();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      controller.abort();
      clearInterval(id);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ms]);
}
