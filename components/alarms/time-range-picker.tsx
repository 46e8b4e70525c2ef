import Link from '@/components/link';
import { TIME_RANGES, type TimeRangeId } from '@/lib/alarms/chart';

/** Links for the chart's time range (`?range=`), the current one marked. */
export function TimeRangePicker({ current, hrefFor }: { current: TimeRangeId; hrefFor: (range: TimeRangeId) => string }) {
  return (
    <nav aria-label="Time range" className="inline-flex overflow-hidden rounded-md ring-1 ring-inset ring-slate-300">
      {TIME_RANGES.map((range) => (
        <Link
          key={range.id}
          href={hrefFor(range.id)}
          scroll={false}
          aria-current={range.id === current ? 'true' : undefined}
          className={`px-2.5 py-1 text-xs font-medium ${
            range.id === current ? 'bg-slate-900 text-white' : 'bg-white text-slate-700 hover:bg-slate-50'
          }`}
        >
          {range.label}
        </Link>
      ))}
    </nav>
  );
}
