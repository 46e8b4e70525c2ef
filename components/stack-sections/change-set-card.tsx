import { Badge, type BadgeTone } from '@/components/badge';
import { Card } from '@/components/card';
import { StatusBadge } from '@/components/status-badge';
import { TimeText } from '@/components/time-text';
import type { ChangeSetWithChanges } from '@/lib/reads/stack';

const ACTION_TONE: Record<string, BadgeTone> = {
  Add: 'success',
  Modify: 'progress',
  Remove: 'failure',
  Import: 'neutral',
  Dynamic: 'warning',
};
const REPLACEMENT_TONE: Record<string, BadgeTone> = { True: 'failure', Conditional: 'warning', False: 'neutral' };

/** One change set: its state, and each change with action, resource, replacement and scope. */
export function ChangeSetCard({ changeSet }: { changeSet: ChangeSetWithChanges }) {
  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm [overflow-wrap:anywhere]">{changeSet.name}</span>
          <StatusBadge status={changeSet.status} />
          <Badge tone={changeSet.executionStatus === 'AVAILABLE' ? 'warning' : 'neutral'} dot={false}>
            {changeSet.executionStatus}
          </Badge>
        </span>
      }
      actions={
        <span className="text-xs text-slate-500">
          created <TimeText iso={changeSet.createdAt} withDate />
        </span>
      }
    >
      <div data-testid="change-set" data-name={changeSet.name}>
        {(changeSet.description || changeSet.statusReason) && (
          <div className="space-y-1 border-b border-slate-100 px-4 py-2.5 text-sm text-slate-600">
            {changeSet.description && <p>{changeSet.description}</p>}
            {changeSet.statusReason && <p className="[overflow-wrap:anywhere]">{changeSet.statusReason}</p>}
          </div>
        )}
        <Changes changeSet={changeSet} />
      </div>
    </Card>
  );
}

function Changes({ changeSet }: { changeSet: ChangeSetWithChanges }) {
  if (changeSet.changes === null) {
    return <p className="px-4 py-6 text-sm text-slate-500">Changes not shown: only the ten newest change sets are described.</p>;
  }
  if (changeSet.changes.length === 0) {
    return (
      <p className="px-4 py-6 text-sm text-slate-500">
        {changeSet.status === 'CREATE_COMPLETE'
          ? 'No resource changes (parameters or outputs only).'
          : 'Changes appear once CloudFormation has computed them.'}
      </p>
    );
  }
  return (
    <table className="block w-full text-left text-sm md:table">
      <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 md:table-header-group">
        <tr>
          <th scope="col" className="w-28 px-4 py-2.5 font-medium">
            Action
          </th>
          <th scope="col" className="px-4 py-2.5 font-medium">
            Resource
          </th>
          <th scope="col" className="w-36 px-4 py-2.5 font-medium">
            Replacement
          </th>
          <th scope="col" className="px-4 py-2.5 font-medium">
            Scope and cause
          </th>
        </tr>
      </thead>
      <tbody className="block divide-y divide-slate-100 md:table-row-group">
        {changeSet.changes.map((change) => (
          <tr
            key={`${change.action}:${change.logicalId}`}
            data-testid="change-set-change"
            className="grid grid-cols-[5.5rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 px-4 py-3 align-top md:table-row md:p-0"
          >
            <td className="md:table-cell md:px-4 md:py-2.5">
              <Badge tone={ACTION_TONE[change.action] ?? 'neutral'} dot={false}>
                {change.action}
              </Badge>
            </td>
            <td className="md:table-cell md:px-4 md:py-2.5">
              <div className="font-medium text-slate-900 [overflow-wrap:anywhere]">{change.logicalId}</div>
              <div className="text-xs text-slate-500 [overflow-wrap:anywhere]">{change.resourceType}</div>
            </td>
            <td className="col-start-2 md:table-cell md:px-4 md:py-2.5">
              {change.replacement ? (
                <Badge tone={REPLACEMENT_TONE[change.replacement] ?? 'neutral'} dot={false}>
                  {change.replacement === 'False' ? 'No replacement' : `Replacement: ${change.replacement}`}
                </Badge>
              ) : (
                <span className="text-xs text-slate-400">—</span>
              )}
            </td>
            <td className="col-start-2 text-xs text-slate-600 md:table-cell md:px-4 md:py-2.5">
              {change.scope.length > 0 && <div className="font-medium text-slate-700">{change.scope.join(', ')}</div>}
              {change.details.length > 0 && (
                <ul className="mt-0.5 space-y-0.5">
                  {change.details.map((detail, index) => (
                    <li key={index} className="[overflow-wrap:anywhere]">
                      {detail.target}
                      {detail.requiresRecreation && detail.requiresRecreation !== 'Never' && (
                        <span className="text-amber-700"> (recreation: {detail.requiresRecreation})</span>
                      )}
                      {detail.causingEntity && <span className="text-slate-500"> ← {detail.causingEntity}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
