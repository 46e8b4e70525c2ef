import Link from 'next/link';
import type { StackSummary } from '@/lib/rollout/types';
import { StatusBadge } from './status-badge';
import { TimeText } from './time-text';

export function StacksTable({ stacks }: { stacks: StackSummary[] }) {
  if (stacks.length === 0) {
    return (
      <div className="px-4 py-12 text-center">
        <p className="font-medium text-slate-900">No stacks yet</p>
        <p className="mt-1 text-sm text-slate-600">
          Deploy the TapStack with{' '}
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">npm run cdk -- deploy</code> and it appears here.
        </p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Name
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Last change (UTC)
            </th>
            <th scope="col" className="hidden px-4 py-2.5 font-medium md:table-cell">
              Description
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {stacks.map((stack) => (
            <tr key={stack.stackId} className="hover:bg-slate-50/60">
              <td className="px-4 py-3">
                <Link
                  href={`/stacks/${encodeURIComponent(stack.name)}`}
                  className="font-medium text-sky-700 hover:text-sky-900 hover:underline"
                >
                  {stack.name}
                </Link>
              </td>
              <td className="px-4 py-3">
                <StatusBadge status={stack.status} />
              </td>
              <td className="px-4 py-3 text-slate-600">
                <TimeText iso={stack.updatedAt ?? stack.createdAt} withDate />
              </td>
              <td className="hidden max-w-xs truncate px-4 py-3 text-slate-600 md:table-cell">{stack.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
