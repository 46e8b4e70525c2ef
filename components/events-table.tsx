import type { StackEvent } from '@/lib/rollout/types';
import { StatusBadge } from './status-badge';
import { TimeText } from './time-text';

/** Stack events, newest first, as CloudFormation returns them. */
export function EventsTable({ events }: { events: StackEvent[] }) {
  if (events.length === 0) {
    return <p className="px-4 py-10 text-center text-sm text-slate-500">No events yet. They appear here as CloudFormation reports them.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="w-28 px-4 py-2.5 font-medium">Time (UTC)</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Resource</th>
            <th scope="col" className="w-56 px-4 py-2.5 font-medium">Status</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Reason</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.eventId} data-testid="stack-event" data-status={event.status} className="align-top hover:bg-slate-50/60">
              <td className="px-4 py-2.5 text-slate-600">
                <TimeText iso={event.timestamp} />
              </td>
              <td className="px-4 py-2.5">
                <div className="font-medium text-slate-900">{event.logicalId}</div>
                <div className="text-xs text-slate-500">{event.resourceType}</div>
              </td>
              <td className="px-4 py-2.5">
                <StatusBadge status={event.status} />
              </td>
              <td className="max-w-md px-4 py-2.5 text-slate-600 [overflow-wrap:anywhere]">{event.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
