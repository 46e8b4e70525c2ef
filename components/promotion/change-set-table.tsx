import { Badge } from '@/components/badge';
import type { ChangeRow, Promotion } from '@/lib/promotion/types';

/** The change set a request executes: which one (ARN, hash) and what it changes, replacements in red. */
export function ChangeSet({ promotion }: { promotion: Promotion }) {
  return (
    <div>
      <dl className="grid gap-x-6 gap-y-3 px-4 py-3 text-sm sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Change set</dt>
          <dd className="mt-0.5 min-w-0 text-slate-800">
            {promotion.changeSetArn ? (
              <span data-testid="change-set-arn" title={promotion.changeSetArn} className="block truncate font-mono text-xs">
                {promotion.changeSetArn}
              </span>
            ) : (
              <span className="font-mono text-xs">{promotion.changeSetName}</span>
            )}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Hash</dt>
          <dd className="mt-0.5 text-slate-800">
            {promotion.changeSetHash ? (
              <span data-testid="change-set-hash" title={`sha256 ${promotion.changeSetHash}`} className="font-mono text-xs">
                {promotion.changeSetHash.slice(0, 12)}…
              </span>
            ) : (
              <span className="text-slate-500">not read yet</span>
            )}
          </dd>
        </div>
      </dl>
      <ChangeSetTable changes={promotion.changes} />
    </div>
  );
}

const cell = 'sm:table-cell sm:px-4 sm:py-2.5';

export function ChangeSetTable({ changes }: { changes: ChangeRow[] }) {
  if (changes.length === 0) {
    return (
      <p className="border-t border-slate-100 px-4 py-6 text-center text-sm text-slate-500">
        The change set lists no resource changes.
      </p>
    );
  }
  return (
    <table className="block w-full border-t border-slate-200 text-left text-sm sm:table" data-testid="change-set">
      <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 sm:table-header-group">
        <tr>
          <th scope="col" className="px-4 py-2.5 font-medium">
            Resource
          </th>
          <th scope="col" className="w-28 px-4 py-2.5 font-medium">
            Action
          </th>
          <th scope="col" className="w-48 px-4 py-2.5 font-medium">
            Replacement
          </th>
        </tr>
      </thead>
      <tbody className="block divide-y divide-slate-100 sm:table-row-group">
        {changes.map((change) => {
          const replaces = change.replacement === 'True';
          return (
            <tr
              key={`${change.logicalId}:${change.action}`}
              data-testid="change-row"
              data-replacement={change.replacement ?? ''}
              className={`flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 sm:table-row sm:p-0 ${replaces ? 'bg-rose-50/70' : ''}`}
            >
              <td className={`w-full ${cell}`}>
                <div className="font-medium text-slate-900 [overflow-wrap:anywhere]">{change.logicalId}</div>
                <div className="text-xs text-slate-500 [overflow-wrap:anywhere]">
                  {change.resourceType}
                  {change.details.length > 0 && <> · changes {change.details.join(', ')}</>}
                </div>
              </td>
              <td className={cell}>
                <Badge
                  tone={change.action === 'Remove' ? 'failure' : change.action === 'Add' ? 'success' : 'progress'}
                  dot={false}
                >
                  {change.action}
                </Badge>
              </td>
              <td className={cell}>
                <Replacement value={change.replacement} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Replacement({ value }: { value?: string }) {
  if (value === 'True') return <Badge tone="failure">Replaces the resource</Badge>;
  if (value === 'Conditional') return <Badge tone="warning">May replace</Badge>;
  return <span className="text-xs text-slate-500">{value === 'False' ? 'No' : (value ?? '—')}</span>;
}
