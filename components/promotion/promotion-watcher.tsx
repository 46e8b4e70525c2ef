'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { Promotion, PromotionStatus } from '@/lib/promotion/types';
import { apiPaths, callApi } from './api-client';
import { useVisibleInterval } from './use-visible-interval';

/** How often a request is re-read in each status: fast while the stack moves, slower while a person decides. */
export function watchIntervalMs(status: PromotionStatus, lastError: string | undefined): number | null {
  if (status === 'creating' || status === 'executing') return 2_000;
  if (status === 'approved') return lastError ? 10_000 : 2_000;
  if (status === 'awaiting-approval') return 5_000;
  return null;
}

/**
 * Follows an open request through `GET /api/promotions/:id` and re-renders the page (server components: state,
 * timeline, decision) as soon as it changed. Shows when it last looked while it polls fast.
 */
export function PromotionWatcher({
  id,
  status,
  lastError,
  updatedAt,
}: {
  id: string;
  status: PromotionStatus;
  lastError?: string;
  updatedAt: string;
}) {
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const intervalMs = watchIntervalMs(status, lastError);

  useVisibleInterval(async (signal) => {
    const result = await callApi<Promotion>(apiPaths.promotion(id), { signal });
    if (!result.ok) {
      setProblem(result.failure.status === 401 ? 'Your session ended: reload to sign in again.' : result.failure.message);
      return;
    }
    setProblem(null);
    setCheckedAt(new Date().toISOString());
    const next = result.value;
    if (next.status !== status || next.updatedAt !== updatedAt || next.lastError !== lastError)
      startRefresh(() => router.refresh());
  }, intervalMs);

  if (intervalMs === null) return null;
  return (
    <span className="text-xs text-slate-500" data-testid="promotion-watcher">
      {problem ? (
        <span className="text-amber-700">Could not re-read the request: {problem}</span>
      ) : checkedAt ? (
        <>
          Checked {checkedAt.slice(11, 19)} UTC · every {intervalMs / 1_000} s
        </>
      ) : (
        <>Following this request · every {intervalMs / 1_000} s</>
      )}
    </span>
  );
}
