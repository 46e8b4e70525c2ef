import type { StackEvent } from '@/lib/rollout/types';
import { StatusBadge } from './status-badge';
import { TimeText } from './time-text';

const cell = 'sm:table-cell sm:px-4 sm:py-2.5';

/**
 * Stack events, newest first, as CloudFormation returns them. A table from small screens up; on a phone each
 * row becomes a compact two-column card so the status and reason stay readable without sideways scrolling.
 */
export function EventsTable({ events }: { events: StackEvent[] }) {
  if (events.length === 0) {
    return (
      <p className="px-4 py-10 text-center text-sm text-slate-500">
        No events yet. They appear here as CloudFormation reports them.
      </p>
    );
  }
  return (
    <table className="block w-full text-left text-sm sm:table">
      <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 sm:table-header-group">
        <tr>
          <th scope="col" className="w-28 px-4 py-2.5 font-medium">
            Time (UTC)
          </th>
          <th scope="col" className="px-4 py-2.5 font-medium">
            Resource
          </th>
          <th scope="col" className="w-56 px-4 py-2.5 font-medium">
            Status
          </th>
          <th scope="col" className="px-4 py-2.5 font-medium">
            Reason
          </th>
        </tr>
      </thead>
      <tbody className="block divide-y divide-slate-100 sm:table-row-group">
        {events.map((event) => (
          <tr
            key={event.eventId}
            data-testid="stack-event"
            data-status={event.status}
            className="grid grid-cols-[4.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 px-4 py-3 align-top hover:bg-slate-50/60 sm:table-row sm:p-0"
          >
            <td className={`row-span-3 text-slate-600 ${cell}`}>
              <TimeText iso={event.timestamp} />
            </td>
            <td className={cell}>
              <div className="font-medium text-slate-900 [overflow-wrap:anywhere]">{event.logicalId}</div>
              <div className="text-xs text-slate-500">{event.resourceType}</div>
            </td>
            <td className={cell}>
              <StatusBadge status={event.status} />
            </td>
            <td className={`text-slate-600 [overflow-wrap:anywhere] empty:hidden sm:max-w-md sm:empty:table-cell ${cell}`}>
              {event.reason ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
