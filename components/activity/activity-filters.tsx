import Link from '@/components/link';
import { ACTIVITY_KINDS, ACTIVITY_KIND_LABELS, type ActivityKind } from '@/lib/activity/types';

/** The kind filter as links (the URL holds the filter: `?kind=execution,alarm`), no client code. */
export function ActivityFilters({ basePath, selected }: { basePath: string; selected: ActivityKind[] }) {
  const href = (kinds: ActivityKind[]) => (kinds.length ? `${basePath}?kind=${kinds.join(',')}` : basePath);
  const chip = (active: boolean) =>
    `inline-flex items-center rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ${
      active ? 'bg-slate-900 text-white ring-slate-900' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
    }`;
  return (
    <nav aria-label="Filter by kind" className="flex flex-wrap gap-2 px-4 py-3">
      <Link href={href([])} className={chip(selected.length === 0)} aria-current={selected.length === 0 ? 'true' : undefined}>
        All
      </Link>
      {ACTIVITY_KINDS.map((kind) => {
        const active = selected.includes(kind);
        const next = active ? selected.filter((k) => k !== kind) : [...selected, kind];
        return (
          <Link key={kind} href={href(next)} className={chip(active)} aria-current={active ? 'true' : undefined} data-kind={kind}>
            {ACTIVITY_KIND_LABELS[kind]}
          </Link>
        );
      })}
    </nav>
  );
}
