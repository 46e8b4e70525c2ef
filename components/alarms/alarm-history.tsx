import Link from '@/components/link';
import { HISTORY_FILTER_LABELS, HISTORY_FILTERS, type HistoryEntry, type HistoryFilter } from '@/lib/alarms/history';
import { AlarmStateBadge } from '../alarm-state-badge';
import { Badge } from '../badge';
import { Card } from '../card';
import { TimeText } from '../time-text';

/** The alarm's history from CloudWatch, filtered by transition; the filter is a link (kept in the URL). */
export function AlarmHistory({
  entries,
  filter,
  hrefFor,
}: {
  entries: HistoryEntry[];
  filter: HistoryFilter;
  hrefFor: (filter: HistoryFilter) => string;
}) {
  return (
    <Card title="History">
      <nav aria-label="Filter the history" className="flex flex-wrap gap-1.5 border-b border-slate-100 px-4 py-2.5">
        {HISTORY_FILTERS.map((each) => (
          <Link
            key={each}
            href={hrefFor(each)}
            scroll={false}
            aria-current={each === filter ? 'true' : undefined}
            className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${
              each === filter
                ? 'bg-slate-900 text-white ring-slate-900'
                : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
            }`}
          >
            {HISTORY_FILTER_LABELS[each]}
          </Link>
        ))}
      </nav>
      {entries.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">
          {filter === 'all' ? 'CloudWatch has no history for this alarm.' : 'Nothing of this kind in the alarm’s history.'}
        </p>
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="alarm-history">
          {entries.map((entry, i) => (
            <li key={`${entry.at}-${i}`} data-testid="history-item" data-type={entry.type} className="px-4 py-2.5 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-xs text-slate-500">
                  <TimeText iso={entry.at} withDate />
                </span>
                {entry.type === 'StateUpdate' && entry.to ? (
                  <span className="inline-flex items-center gap-1.5">
                    {entry.from && <AlarmStateBadge state={entry.from} />}
                    <span aria-hidden className="text-slate-400">
                      →
                    </span>
                    <AlarmStateBadge state={entry.to} />
                  </span>
                ) : (
                  <Badge tone="neutral" dot={false}>
                    {entry.type === 'ConfigurationUpdate' ? 'Configuration' : entry.type}
                  </Badge>
                )}
              </div>
              <p className="mt-1 text-slate-700 [overflow-wrap:anywhere]">{entry.reason ?? entry.summary}</p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
