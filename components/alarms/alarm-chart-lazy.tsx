'use client';

import dynamic from 'next/dynamic';

/**
 * The alarm chart, loaded after the page: visx and its d3 scales are ~25 KB gzipped that the page's first load
 * (budget 150 KB) need not carry. Browser-only anyway: it sizes itself to its container.
 */
export const LazyAlarmChart = dynamic(() => import('./alarm-chart').then((m) => m.AlarmChart), {
  ssr: false,
  loading: () => <div className="h-60 w-full animate-pulse rounded bg-slate-100" aria-label="Loading the chart" />,
});
