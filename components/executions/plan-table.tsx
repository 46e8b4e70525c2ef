import type { PlanEntry, PrecheckPlan } from '@/lib/executions/types';

/** The workflow's plan per bucket and table: what it found and what it would do (dry run) or did (apply). */
export function PlanTable({ plan, compact = false }: { plan: PrecheckPlan; compact?: boolean }) {
  const entries: Array<PlanEntry & { kind: string }> = [
    ...plan.buckets.map((e) => ({ ...e, kind: 'Bucket' })),
    ...plan.tables.map((e) => ({ ...e, kind: 'Table' })),
  ];
  if (entries.length === 0) return <p className="px-4 py-3 text-sm text-slate-500">No protected buckets or tables.</p>;
  const cell = compact ? 'py-1 pr-3' : 'px-4 py-2';
  return (
    <div className="overflow-x-auto">
      <table className={`w-full text-left ${compact ? 'mt-2 text-xs' : 'min-w-[36rem] text-sm'}`} data-testid="plan-table">
        <thead className="text-slate-500">
          <tr className={compact ? '' : 'border-b border-slate-100 bg-slate-50 text-xs'}>
            <th className={`${cell} font-medium`}>Kind</th>
            <th className={`${cell} font-medium`}>Name</th>
            <th className={`${cell} font-medium`}>Found</th>
            <th className={`${cell} font-medium`}>Action</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={`${entry.kind}:${entry.name}`}>
              <td className={`${cell} text-slate-500`}>{entry.kind}</td>
              <td className={`${cell} font-mono text-slate-800 [overflow-wrap:anywhere]`}>{entry.name}</td>
              <td className={`${cell} text-slate-700`}>{entry.state}</td>
              <td className={`${cell} ${entry.compliant ? 'text-slate-500' : 'font-medium text-amber-800'}`}>{entry.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
