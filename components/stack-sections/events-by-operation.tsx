'use client';

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Card } from '@/components/card';
import { LiveIndicator } from '@/components/live-indicator';
import { StatusBadge } from '@/components/status-badge';
import { TimeText } from '@/components/time-text';
import { useVirtualRows } from '@/components/use-virtual-rows';
import { groupOperations, operationRows, type EventFilter, type OperationRow } from '@/lib/rollout/operations';
import type { StackEvent } from '@/lib/rollout/types';
import { OperationCounts, OperationFacts } from './operation-summary';
import { useStackEvents } from './use-stack-events';

/** Rows drawn beyond the visible ones, so a quick scroll does not show blanks. */
const OVERSCAN = 10;

/**
 * The stack's events grouped by operation, newest first: the newest operation open, the others collapsed to a
 * summary. Only the rows in view (and a few either side) are in the DOM, so 10,000 events scroll like 50.
 * The filters live in the URL (`?failures=1&resource=…`) so a link shows what its sender saw.
 */
export function EventsByOperation({
  name,
  initialEvents,
  initialFilter,
}: {
  name: string;
  initialEvents: StackEvent[];
  initialFilter: EventFilter;
}) {
  const live = useStackEvents(name, initialEvents);
  const [filter, setFilter] = useState(initialFilter);
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const operations = useMemo(() => groupOperations(live.events), [live.events]);
  const target = useLinkedEventId();
  const targetOperation = useMemo(
    () => (target ? operations.find((operation) => operation.events.some((event) => event.eventId === target))?.id : undefined),
    [operations, target],
  );
  const filtering = filter.failuresOnly || filter.resource.trim() !== '';
  const rows = useMemo(
    // Newest operation open by default, and the one holding a linked event (#event-<EventId>, as the Activity
    // timeline links); with a filter on, every operation that matches is (the matches are few).
    () =>
      operationRows(
        operations,
        (operation, index) => (filtering || index === 0 || operation.id === targetOperation) !== toggled.has(operation.id),
        filter,
      ),
    [operations, filter, filtering, toggled, targetOperation],
  );

  function changeFilter(next: EventFilter) {
    setFilter(next);
    setToggled(new Set());
    const query = new URLSearchParams(window.location.search);
    if (next.failuresOnly) query.set('failures', '1');
    else query.delete('failures');
    if (next.resource.trim()) query.set('resource', next.resource);
    else query.delete('resource');
    const search = query.toString();
    // The history API, not the router: the filter is applied here, and a server render would re-read the history.
    window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
  }

  function toggle(id: string) {
    setToggled((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <Card
      title={
        <>
          Events{' '}
          <span className="ml-1 font-normal text-slate-500 tabular-nums">{live.events.length.toLocaleString('en-US')}</span>{' '}
          <span className="ml-1 font-normal text-slate-500">
            in {operations.length} operation{operations.length === 1 ? '' : 's'}
          </span>
        </>
      }
      actions={<LiveIndicator connection={live.connection} checkedAt={live.checkedAt} staleReason={live.staleReason} />}
    >
      <Filters filter={filter} onChange={changeFilter} />
      {live.events.length === 0 ? (
        <p className="px-4 py-12 text-center text-sm text-slate-500">
          No events yet. They appear here as CloudFormation reports them.
        </p>
      ) : rows.length === 0 ? (
        <div className="px-4 py-12 text-center text-sm text-slate-600">
          No events match these filters.{' '}
          <button
            type="button"
            className="font-medium text-sky-700 hover:underline"
            onClick={() => changeFilter({ failuresOnly: false, resource: '' })}
          >
            Clear the filters
          </button>
        </div>
      ) : (
        <VirtualRows rows={rows} onToggle={toggle} target={target} />
      )}
    </Card>
  );
}

function Filters({ filter, onChange }: { filter: EventFilter; onChange: (filter: EventFilter) => void }) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-3 border-b border-slate-100 bg-slate-50/60 px-4 py-3">
      <label className="inline-flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300 accent-slate-900"
          checked={filter.failuresOnly}
          onChange={(event) => onChange({ ...filter, failuresOnly: event.target.checked })}
        />
        Failures only
      </label>
      <label className="flex min-w-0 flex-1 items-center gap-2 text-sm text-slate-700 sm:max-w-sm">
        <span className="shrink-0">Resource</span>
        <input
          type="search"
          value={filter.resource}
          placeholder="Logical ID or type"
          onChange={(event) => onChange({ ...filter, resource: event.target.value })}
          className="min-w-0 flex-1 rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-sky-600 focus:outline-none"
        />
      </label>
    </div>
  );
}

/** The event a link points at (`#event-<EventId>`), following the URL's hash. */
function useLinkedEventId(): string | null {
  const hash = useSyncExternalStore(
    subscribeToHash,
    () => window.location.hash,
    () => '',
  );
  if (!hash.startsWith('#event-')) return null;
  try {
    return decodeURIComponent(hash.slice('#event-'.length)) || null;
  } catch {
    return null;
  }
}

function subscribeToHash(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function VirtualRows({
  rows,
  onToggle,
  target,
}: {
  rows: OperationRow[];
  onToggle: (id: string) => void;
  target: string | null;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const getKey = useCallback((index: number) => rowKey(rows[index]!), [rows]);
  const estimateSize = useCallback((index: number) => (rows[index]!.kind === 'operation' ? 64 : 60), [rows]);
  // The server renders the first screenful; the browser measures the real one on mount.
  const virtual = useVirtualRows({ count: rows.length, getKey, estimateSize, overscan: OVERSCAN, scroller, initialHeight: 720 });

  // A linked event may be thousands of rows down, not drawn yet: scroll to where it should be, and once it is
  // drawn, centre it on the screen (the estimate may be off by the rows not measured yet). Once per link.
  const targetIndex = target ? rows.findIndex((row) => row.kind === 'event' && row.event.eventId === target) : -1;
  const reached = useRef<string | null>(null);
  useEffect(() => {
    if (!target || targetIndex < 0 || reached.current === target) return;
    const element = document.getElementById(`event-${target}`);
    if (!element) return virtual.scrollToIndex(targetIndex);
    element.scrollIntoView({ block: 'center' });
    reached.current = target;
  });

  return (
    <div ref={scroller} className="max-h-[70vh] overflow-y-auto overscroll-contain" data-testid="events-scroller">
      <div role="list" aria-label="Stack events by operation" className="relative w-full" style={{ height: virtual.total }}>
        {virtual.rows.map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              role="listitem"
              data-index={item.index}
              data-key={item.key}
              ref={virtual.measure}
              className="absolute top-0 left-0 w-full"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'operation' ? (
                <OperationHeader row={row} onToggle={onToggle} />
              ) : (
                <EventRow event={row.event} highlighted={row.event.eventId === target} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

const rowKey = (row: OperationRow) => (row.kind === 'operation' ? `op:${row.operation.id}` : `ev:${row.event.eventId}`);

function OperationHeader({
  row,
  onToggle,
}: {
  row: Extract<OperationRow, { kind: 'operation' }>;
  onToggle: (id: string) => void;
}) {
  const { operation, open, matching } = row;
  return (
    <button
      type="button"
      aria-expanded={open}
      data-testid="operation"
      data-outcome={operation.outcome}
      onClick={() => onToggle(operation.id)}
      className="flex w-full items-start gap-3 border-y border-slate-200 bg-slate-50 px-4 py-2.5 text-left hover:bg-slate-100"
    >
      <span aria-hidden className={`mt-0.5 text-slate-500 transition-transform ${open ? 'rotate-90' : ''}`}>
        ▶
      </span>
      <span className="min-w-0 flex-1 space-y-0.5">
        <OperationFacts operation={operation} />
        <OperationCounts operation={operation} matching={matching} />
      </span>
    </button>
  );
}

function EventRow({ event, highlighted }: { event: StackEvent; highlighted: boolean }) {
  return (
    <div
      id={`event-${event.eventId}`}
      data-testid="stack-event"
      data-status={event.status}
      data-highlighted={highlighted || undefined}
      className={`${highlighted ? 'bg-amber-50 ring-2 ring-amber-400 ring-inset' : ''} grid grid-cols-[4.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-2.5 text-sm sm:grid-cols-[5rem_minmax(0,1fr)_13rem_minmax(0,1.3fr)]`}
    >
      <span className="row-span-3 text-slate-600 sm:row-span-1">
        <TimeText iso={event.timestamp} />
      </span>
      <span className="min-w-0">
        <span className="block font-medium text-slate-900 [overflow-wrap:anywhere]">{event.logicalId}</span>
        <span className="block text-xs text-slate-500 [overflow-wrap:anywhere]">{event.resourceType}</span>
      </span>
      <span>
        <StatusBadge status={event.status} />
      </span>
      <span className="text-slate-600 [overflow-wrap:anywhere] empty:hidden">{event.reason ?? ''}</span>
    </div>
  );
}
