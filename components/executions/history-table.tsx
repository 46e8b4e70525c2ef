'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { HistoryItem } from '@/lib/executions/types';

/** Beyond this many events the table renders only the rows in view. */
const VIRTUAL_FROM = 60;
const ROW_HEIGHT = 36;

const GRID = 'grid grid-cols-[3rem_5rem_13rem_11rem_minmax(16rem,1fr)] gap-x-3 px-4';

/** The execution's events, oldest first: when (since the start), what, which state, and error or task. */
export function HistoryTable({ events, startedAt }: { events: HistoryItem[]; startedAt: string }) {
  const parentRef = useRef<HTMLDivElement>(null);
  const virtual = events.length > VIRTUAL_FROM;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's API is meant to be called on render
  const virtualizer = useVirtualizer({
    count: virtual ? events.length : 0,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const start = Date.parse(startedAt);

  const header = (
    <div
      role="row"
      className={`${GRID} sticky top-0 z-10 border-b border-slate-200 bg-slate-50 py-2 text-xs font-medium text-slate-500`}
    >
      <span role="columnheader">#</span>
      <span role="columnheader">After</span>
      <span role="columnheader">Type</span>
      <span role="columnheader">State</span>
      <span role="columnheader">Details</span>
    </div>
  );

  const row = (event: HistoryItem, style?: React.CSSProperties) => (
    <div
      role="row"
      key={event.id}
      style={style}
      data-testid="history-event"
      className={`${GRID} items-center border-b border-slate-100 text-xs ${/Failed|TimedOut|Aborted/.test(event.type) ? 'bg-rose-50/60' : ''}`}
    >
      <span role="cell" className="tabular-nums text-slate-400">
        {event.id}
      </span>
      <span role="cell" className="tabular-nums text-slate-600" title={event.timestamp}>
        {offset(Date.parse(event.timestamp) - start)}
      </span>
      <span
        role="cell"
        className={`truncate font-medium ${/Failed|TimedOut|Aborted/.test(event.type) ? 'text-rose-800' : 'text-slate-800'}`}
      >
        {event.type}
      </span>
      <span role="cell" className="truncate font-mono text-slate-700" title={event.stateName}>
        {event.stateName ?? ''}
      </span>
      <span role="cell" className="truncate text-slate-600" title={detailsOf(event)}>
        {detailsOf(event)}
      </span>
    </div>
  );

  if (events.length === 0) return <p className="px-4 py-6 text-sm text-slate-500">No events yet.</p>;

  return (
    <div
      ref={parentRef}
      className={`overflow-auto ${virtual ? 'max-h-[32rem]' : ''}`}
      role="table"
      aria-label="Execution history"
      aria-rowcount={events.length}
    >
      <div className="min-w-[48rem]">
        {header}
        {virtual ? (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) =>
              row(events[item.index]!, {
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }),
            )}
          </div>
        ) : (
          events.map((event) => row(event, { height: ROW_HEIGHT }))
        )}
      </div>
    </div>
  );
}

function detailsOf(event: HistoryItem): string {
  if (event.error || event.cause) return [event.error, event.cause].filter(Boolean).join(': ');
  if (event.resource) return event.resource;
  return '';
}

function offset(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0 ms';
  return ms < 1_000
    ? `${ms} ms`
    : ms < 600_000
      ? `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`
      : `${Math.round(ms / 60_000)} min`;
}
