import Link from '@/components/link';
import { TimeText } from '@/components/time-text';
import { ACTIVITY_KIND_LABELS, type ActivityItem, type ActivityKind, type ActivityTone } from '@/lib/activity/types';

const DOT: Record<ActivityTone, string> = {
  neutral: 'bg-slate-400 ring-slate-100',
  progress: 'bg-sky-500 ring-sky-100',
  success: 'bg-emerald-500 ring-emerald-100',
  failure: 'bg-rose-500 ring-rose-100',
  warning: 'bg-amber-500 ring-amber-100',
};

const KIND_CLASSES: Record<ActivityKind, string> = {
  'stack-event': 'bg-slate-100 text-slate-700',
  alarm: 'bg-rose-50 text-rose-800',
  execution: 'bg-violet-50 text-violet-800',
  promotion: 'bg-sky-50 text-sky-800',
  acknowledged: 'bg-emerald-50 text-emerald-800',
  muted: 'bg-amber-50 text-amber-900',
  unmuted: 'bg-slate-100 text-slate-700',
};

const KIND_SHORT: Record<ActivityKind, string> = {
  ...ACTIVITY_KIND_LABELS,
  'stack-event': 'Stack event',
  alarm: 'Alarm',
  execution: 'Execution',
  promotion: 'Promotion',
};

/** The timeline, newest first: a dot coloured by outcome, when, what kind, what happened and who. */
export function ActivityTimeline({ items }: { items: ActivityItem[] }) {
  return (
    <ol className="relative px-4 py-2" data-testid="activity">
      {items.map((item) => (
        <li key={item.id} data-testid="activity-item" data-kind={item.kind} className="relative flex gap-3 py-2.5">
          <span aria-hidden className="absolute bottom-0 left-[5px] top-0 w-px bg-slate-200" />
          <span aria-hidden className={`relative mt-1.5 size-[11px] shrink-0 rounded-full ring-4 ${DOT[item.tone]}`} />
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
              <span className="text-xs text-slate-500">
                <TimeText iso={item.at} withDate />
              </span>
              <span className={`rounded px-1.5 py-0.5 text-[11px] font-medium ${KIND_CLASSES[item.kind]}`}>
                {KIND_SHORT[item.kind]}
              </span>
              {item.actor && <span className="text-xs text-slate-600">by {item.actor}</span>}
            </div>
            <div className="mt-0.5 text-sm font-medium text-slate-900 [overflow-wrap:anywhere]">
              {item.href ? (
                <Link href={item.href} className="hover:text-sky-800 hover:underline">
                  {item.title}
                </Link>
              ) : (
                item.title
              )}
            </div>
            {item.detail && <p className="mt-0.5 text-xs text-slate-600 [overflow-wrap:anywhere]">{item.detail}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}
