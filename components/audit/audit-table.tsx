import Link from '@/components/link';
import { TimeText } from '@/components/time-text';
import { promotionHref } from '@/components/promotion/api-client';
import type { AuditEntry } from '@/lib/store/types';
import { AUDIT_ACTION_LABELS, isOkOutcome } from './audit-actions';

const cell = 'sm:table-cell sm:px-3 sm:py-2.5 sm:align-top';

/**
 * Audit entries, newest first. A table from small screens up; on a phone each entry becomes a card (number and
 * time on top, then what happened), as the events table does.
 */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <table className="block w-full text-left text-sm sm:table" data-testid="audit-table">
      <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 sm:table-header-group">
        <tr>
          <th scope="col" className="w-16 px-3 py-2.5 font-medium">
            #
          </th>
          <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
            Time (UTC)
          </th>
          <th scope="col" className="px-3 py-2.5 font-medium">
            Actor
          </th>
          <th scope="col" className="px-3 py-2.5 font-medium">
            Action
          </th>
          <th scope="col" className="px-3 py-2.5 font-medium">
            Stack
          </th>
          <th scope="col" className="px-3 py-2.5 font-medium">
            Outcome
          </th>
          <th scope="col" className="px-3 py-2.5 font-medium">
            Comment
          </th>
          <th scope="col" className="px-3 py-2.5 font-medium">
            Change set · token
          </th>
        </tr>
      </thead>
      <tbody className="block divide-y divide-slate-100 sm:table-row-group">
        {entries.map((entry) => (
          <AuditRow key={entry.seq} entry={entry} />
        ))}
      </tbody>
    </table>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const ok = isOkOutcome(entry.outcome);
  return (
    <tr
      data-testid="audit-row"
      data-seq={entry.seq}
      data-action={entry.action}
      className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3 hover:bg-slate-50/60 sm:table-row sm:p-0"
    >
      <td className={`tabular-nums ${cell}`}>
        <span className="font-medium text-slate-900">#{entry.seq}</span>
        <span className="ml-1.5 font-mono text-[11px] text-slate-400 sm:ml-0 sm:block" title={`sha256 ${entry.hash}`}>
          {entry.hash.slice(0, 8)}
        </span>
      </td>
      <td className={`ml-auto text-xs whitespace-nowrap text-slate-600 sm:ml-0 sm:text-sm ${cell}`}>
        <TimeText iso={entry.at} withDate />
      </td>
      <td className={`w-full sm:w-auto ${cell}`}>
        <span className="font-medium text-slate-900 sm:block" title={entry.actor}>
          {entry.actorName}
        </span>{' '}
        <span className="text-xs text-slate-500">{entry.actorRole}</span>
      </td>
      <td className={`order-first w-full font-medium text-slate-900 sm:order-none sm:w-auto sm:font-normal ${cell}`}>
        <span title={entry.action}>{AUDIT_ACTION_LABELS[entry.action] ?? entry.action}</span>
      </td>
      <td className={`w-full sm:w-auto ${cell}`}>
        <span className="text-xs text-slate-500 sm:hidden">Stack </span>
        <Link
          href={`/stacks/${encodeURIComponent(entry.stackName)}`}
          title={`account ${entry.account} · ${entry.region}`}
          className="text-sky-700 [overflow-wrap:anywhere] hover:text-sky-900 hover:underline sm:whitespace-nowrap sm:[overflow-wrap:normal]"
        >
          {entry.stackName}
        </Link>
      </td>
      <td className={`w-full sm:w-auto sm:max-w-56 ${cell}`}>
        {ok ? (
          <span className="font-medium text-emerald-700">ok</span>
        ) : (
          <span className="text-rose-800 [overflow-wrap:anywhere]">{entry.outcome}</span>
        )}
      </td>
      <td
        className={`w-full text-slate-700 [overflow-wrap:anywhere] empty:hidden sm:w-auto sm:max-w-56 sm:empty:table-cell ${cell}`}
      >
        {entry.comment ? <span className="italic">“{entry.comment}”</span> : ''}
      </td>
      <td className={`w-full min-w-0 text-xs empty:hidden sm:w-auto sm:empty:table-cell ${cell}`}>
        {entry.changeSetArn && (
          <span className="block max-w-full truncate font-mono text-slate-700 sm:max-w-40" title={entry.changeSetArn}>
            {changeSetNameOf(entry.changeSetArn)}
          </span>
        )}
        {entry.token && (
          <span
            className="block max-w-full truncate font-mono text-slate-500 sm:max-w-40"
            title={`ClientRequestToken ${entry.token}`}
          >
            {entry.token}
          </span>
        )}
        {entry.promotionId && (
          <Link
            href={promotionHref(entry.stackName, entry.promotionId)}
            className="text-sky-700 hover:text-sky-900 hover:underline"
          >
            request
          </Link>
        )}
      </td>
    </tr>
  );
}

/** `arn:aws:cloudformation:…:changeSet/<name>/<uuid>` → `<name>`. */
export function changeSetNameOf(arn: string): string {
  return /:changeSet\/([^/]+)/.exec(arn)?.[1] ?? arn.split(/[:/]/).at(-1) ?? arn;
}
