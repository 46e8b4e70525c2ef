'use client';

import { useMemo, useState } from 'react';
import { StatusBadge } from '@/components/status-badge';
import { TimeText } from '@/components/time-text';
import type { StackResourceSummary } from '@/lib/aws/cloudformation-resources';

type SortKey = 'logicalId' | 'type' | 'status' | 'updatedAt';

const COLUMNS: Array<{ key: SortKey; label: string; className?: string }> = [
  { key: 'logicalId', label: 'Logical ID' },
  { key: 'type', label: 'Type' },
  { key: 'status', label: 'Status', className: 'w-52' },
  { key: 'updatedAt', label: 'Updated (UTC)', className: 'whitespace-nowrap' },
];

/** The stack's resources: a filter over logical ID, type, physical ID and status, and sortable columns. */
export function ResourcesTable({ resources }: { resources: StackResourceSummary[] }) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'logicalId', descending: false });
  const shown = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const matching = needle
      ? resources.filter((r) => [r.logicalId, r.type, r.physicalId ?? '', r.status].some((f) => f.toLowerCase().includes(needle)))
      : resources;
    const sign = sort.descending ? -1 : 1;
    return [...matching].sort((a, b) => sign * a[sort.key].localeCompare(b[sort.key]) || a.logicalId.localeCompare(b.logicalId));
  }, [resources, query, sort]);

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 bg-slate-50/60 px-4 py-3">
        <label className="flex min-w-0 flex-1 items-center gap-2 text-sm text-slate-700 sm:max-w-sm">
          <span className="shrink-0">Filter</span>
          <input
            type="search"
            value={query}
            placeholder="Logical ID, type, physical ID or status"
            onChange={(event) => setQuery(event.target.value)}
            className="min-w-0 flex-1 rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-sky-600 focus:outline-none"
          />
        </label>
        <span className="text-xs text-slate-500 tabular-nums">
          {shown.length === resources.length
            ? `${resources.length} resources`
            : `${shown.length} of ${resources.length} resources`}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="px-4 py-10 text-center text-sm text-slate-600">No resources match “{query}”.</p>
      ) : (
        <table className="block w-full text-left text-sm md:table">
          <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 md:table-header-group">
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={`px-4 py-2.5 font-medium ${column.className ?? ''}`}
                  aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                    onClick={() =>
                      setSort((s) => ({ key: column.key, descending: s.key === column.key ? !s.descending : false }))
                    }
                  >
                    {column.label}
                    <span aria-hidden className={sort.key === column.key ? 'text-slate-700' : 'text-slate-300'}>
                      {sort.key === column.key && sort.descending ? '↓' : '↑'}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="block divide-y divide-slate-100 md:table-row-group">
            {shown.map((resource) => (
              <tr key={resource.logicalId} data-testid="stack-resource" className="block px-4 py-3 align-top md:table-row md:p-0">
                <td className="block md:table-cell md:px-4 md:py-2.5">
                  <div className="font-medium text-slate-900 [overflow-wrap:anywhere]">{resource.logicalId}</div>
                  <div className="font-mono text-xs text-slate-500 [overflow-wrap:anywhere]">{resource.physicalId ?? '—'}</div>
                </td>
                <td className="block text-xs text-slate-600 [overflow-wrap:anywhere] md:table-cell md:px-4 md:py-2.5 md:text-sm md:whitespace-nowrap">
                  {resource.type}
                </td>
                <td className="mt-1.5 block md:mt-0 md:table-cell md:px-4 md:py-2.5">
                  <StatusBadge status={resource.status} />
                  {resource.statusReason && (
                    <p className="mt-1 text-xs text-slate-600 [overflow-wrap:anywhere]">{resource.statusReason}</p>
                  )}
                </td>
                <td className="mt-1 block text-xs text-slate-500 md:mt-0 md:table-cell md:px-4 md:py-2.5 md:text-sm md:whitespace-nowrap md:text-slate-600">
                  <TimeText iso={resource.updatedAt} withDate />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
