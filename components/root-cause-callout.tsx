'use client';

import dynamic from 'next/dynamic';
import type { RootCause } from '@/lib/rollout/root-cause';
import { TimeText } from './time-text';

// The remediation knowledge base (~3 KB gzipped of data) loads only when a stack has failed, not with every page.
const RootCauseRemedies = dynamic(() => import('./root-cause-remedies').then((m) => m.RootCauseRemedies), { ssr: false });

/**
 * The one failure that explains the rest, stated first so on-call does not have to dig through the events, and
 * under it the fix when the failure is a known mistake (lib/rollout/remediation).
 */
export function RootCauseCallout({ cause }: { cause: RootCause }) {
  const { event } = cause;
  return (
    <div role="alert" data-testid="root-cause" className="border-t border-rose-100 bg-rose-50/60 px-4 py-3">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
        <span className="font-semibold text-rose-800">{event.status.replace('_', ' ').toLowerCase()}:</span>
        <span className="font-medium text-slate-900">{event.logicalId}</span>
        <span className="text-xs text-slate-500">{event.resourceType}</span>
        <span className="text-xs text-slate-500">
          at <TimeText iso={event.timestamp} /> UTC
        </span>
        {cause.handlerErrorCode && (
          <span className="rounded bg-rose-100 px-1.5 py-0.5 font-mono text-xs text-rose-800">{cause.handlerErrorCode}</span>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-800 [overflow-wrap:anywhere]">{cause.message}</p>
      <RootCauseRemedies cause={cause} />
    </div>
  );
}
